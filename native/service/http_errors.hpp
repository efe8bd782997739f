// HTTP statuses for the core's error codes, and the service's own error bodies.
#pragma once

#include "taoquote/error.hpp"

#include <string>
#include <string_view>

namespace taoquote::service {

/// The HTTP status for a core error code (docs/service.md, "Status codes"):
/// INVALID_JSON → 400; LIMIT_EXCEEDED → 413; INTERNAL and the rulebook-only codes
/// RULEBOOK_INVALID / OVERLAPPING_DATES → 500; every other code → 422 (well-formed JSON
/// that cannot be quoted as asked).
int http_status_for(ErrorCode code) noexcept;

/// The service's own error body, the same shape as the core's (docs/errors.md):
/// {"error":{"code","doc","path","message"}}. `doc` is "http" for transport errors (path
/// "") and "verify" for the /v1/verify envelope (path a JSON Pointer into it).
std::string service_error_body(std::string_view code, std::string_view doc, std::string_view path,
                               std::string_view message);

/// The service's own error codes (documented in docs/service.md).
namespace codes {
inline constexpr std::string_view bad_request = "BAD_REQUEST";                       // 400
inline constexpr std::string_view not_found = "NOT_FOUND";                           // 404
inline constexpr std::string_view method_not_allowed = "METHOD_NOT_ALLOWED";         // 405
inline constexpr std::string_view request_timeout = "REQUEST_TIMEOUT";               // 408
inline constexpr std::string_view payload_too_large = "PAYLOAD_TOO_LARGE";           // 413
inline constexpr std::string_view unsupported_media_type = "UNSUPPORTED_MEDIA_TYPE"; // 415
inline constexpr std::string_view header_too_large = "HEADER_TOO_LARGE";             // 431
inline constexpr std::string_view internal = "INTERNAL";                             // 500
inline constexpr std::string_view unavailable = "UNAVAILABLE";                       // 503
} // namespace codes

} // namespace taoquote::service
