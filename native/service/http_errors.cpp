// The error-code → HTTP status table and the service error body writer.
#include "http_errors.hpp"

#include <nlohmann/json.hpp>

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
  // Client-supplied text may reach `message`: invalid UTF-8 is replaced, never thrown on.
  const nlohmann::ordered_json e{{"error",
                                  {{"code", std::string(code)},
                                   {"doc", std::string(doc)},
                                   {"path", std::string(path)},
                                   {"message", std::string(message)}}}};
  return e.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace taoquote::service
