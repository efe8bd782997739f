// The error-code → HTTP status table and the service error body writer.
#include "http_errors.hpp"

#include "json_text.hpp"

namespace taoquote::service {

int http_status_for(ErrorCode code) noexcept {
  switch (code) {
  case ErrorCode::invalid_json: return 400;
  case ErrorCode::limit_exceeded: return 413;
  case ErrorCode::internal:
  case ErrorCode::rulebook_invalid:
  case ErrorCode::overlapping_dates: return 500;
  default: return 422;
  }
}

std::string service_error_body(std::string_view code, std::string_view doc, std::string_view path,
                               std::string_view message) {
  JsonObject e;
  e.str("code", code).str("doc", doc).str("path", path).str("message", message);
  return "{\"error\":" + e.text() + "}";
}

} // namespace taoquote::service
