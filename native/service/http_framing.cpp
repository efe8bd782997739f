// Framing checks on a complete request header (see http_framing.hpp).
#include "http_framing.hpp"

#include <boost/algorithm/string/predicate.hpp>

#include <string_view>

namespace taoquote::service {

std::string_view trim_ows(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

namespace {

namespace http = boost::beast::http;

// Counts the non-empty elements of a comma-separated list and whether every one of them
// is "chunked" (RFC 9110 §5.6.1: empty elements are allowed and ignored).
void scan_codings(std::string_view value, std::size_t& count, bool& all_chunked) {
  while (true) {
    const auto comma = value.find(',');
    const std::string_view element = trim_ows(value.substr(0, comma));
    if (!element.empty()) {
      ++count;
      if (!boost::algorithm::iequals(element, std::string_view("chunked"))) all_chunked = false;
    }
    if (comma == std::string_view::npos) return;
    value.remove_prefix(comma + 1);
  }
}

} // namespace

std::string framing_error(const http::request_header<>& header) {
  std::size_t te_fields = 0, codings = 0, hosts = 0;
  bool all_chunked = true, content_length = false;
  for (const auto& field : header) {
    switch (field.name()) {
    case http::field::transfer_encoding: {
      ++te_fields;
      const auto v = field.value();
      scan_codings(std::string_view(v.data(), v.size()), codings, all_chunked);
      break;
    }
    case http::field::content_length: content_length = true; break;
    case http::field::host: ++hosts; break;
    default: break;
    }
  }
  if (te_fields > 0) {
    if (header.version() < 11) return "Transfer-Encoding is not allowed in an HTTP/1.0 request.";
    if (content_length) return "A request may not carry both Transfer-Encoding and Content-Length.";
    if (codings != 1 || !all_chunked)
      return "The only supported Transfer-Encoding is chunked (alone).";
  }
  if (header.version() >= 11 && hosts == 0) return "An HTTP/1.1 request needs a Host header.";
  if (hosts > 1) return "A request may carry only one Host header.";
  return {};
}

} // namespace taoquote::service
