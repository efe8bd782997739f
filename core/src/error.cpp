// Error names and JSON Pointer helpers.
#include "taoquote/error.hpp"

namespace taoquote {

std::string_view error_code_name(ErrorCode code) noexcept {
  switch (code) {
  case ErrorCode::invalid_json: return "INVALID_JSON";
  case ErrorCode::invalid_field: return "INVALID_FIELD";
  case ErrorCode::invalid_amount: return "INVALID_AMOUNT";
  case ErrorCode::invalid_instant: return "INVALID_INSTANT";
  case ErrorCode::unknown_currency: return "UNKNOWN_CURRENCY";
  case ErrorCode::unknown_country: return "UNKNOWN_COUNTRY";
  case ErrorCode::duplicate_id: return "DUPLICATE_ID";
  case ErrorCode::tiers_out_of_order: return "TIERS_OUT_OF_ORDER";
  case ErrorCode::overlapping_dates: return "OVERLAPPING_DATES";
  case ErrorCode::rulebook_invalid: return "RULEBOOK_INVALID";
  case ErrorCode::unsupported_schema: return "UNSUPPORTED_SCHEMA";
  case ErrorCode::limit_exceeded: return "LIMIT_EXCEEDED";
  case ErrorCode::overflow: return "OVERFLOW";
  case ErrorCode::unknown_seller: return "UNKNOWN_SELLER";
  case ErrorCode::unknown_line: return "UNKNOWN_LINE";
  case ErrorCode::unsupported_destination: return "UNSUPPORTED_DESTINATION";
  case ErrorCode::no_offer: return "NO_OFFER";
  case ErrorCode::below_moq: return "BELOW_MOQ";
  case ErrorCode::no_eligible_line: return "NO_ELIGIBLE_LINE";
  case ErrorCode::line_ineligible: return "LINE_INELIGIBLE";
  case ErrorCode::fx_rate_missing: return "FX_RATE_MISSING";
  case ErrorCode::fx_stale: return "FX_STALE";
  case ErrorCode::internal: return "INTERNAL";
  }
  return "INTERNAL";
}

std::string_view error_doc_name(ErrorDoc doc) noexcept {
  return doc == ErrorDoc::rulebook ? "rulebook" : "request";
}

void fail(ErrorCode code, ErrorDoc doc, std::string path, std::string message) {
  throw Failure{Error{code, doc, std::move(path), std::move(message), {}}};
}

std::string pointer_join(std::string_view base, std::string_view token) {
  std::string out(base);
  out += '/';
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string pointer_join(std::string_view base, std::size_t index) {
  std::string out(base);
  out += '/';
  out += std::to_string(index);
  return out;
}

} // namespace taoquote
