// Cross-origin access (CORS) for a storefront on another origin: the --cors-origin allow-list,
// preflight answers and the headers added to the answers of /v1/rulebook, /v1/quote, /v1/verify.
#pragma once

#include "handlers.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace taoquote::service {

/// Error code of a preflight (OPTIONS) from an origin not on the allow-list: 403.
inline constexpr std::string_view origin_not_allowed_code = "ORIGIN_NOT_ALLOWED";

/// Checks one --cors-origin entry: "*" or a serialised origin, scheme "http" or "https", a
/// host and an optional port, nothing after ("https://shop.example", "http://127.0.0.1:5173").
/// Returns "" when it is one, else the sentence saying what is wrong.
std::string check_cors_origin(std::string_view origin);

/// The allow-list and what it answers. An empty list = CORS off: no CORS header is ever sent
/// and OPTIONS is answered like any other unsupported method (405). Immutable; thread-safe.
class CorsPolicy {
public:
  /// `origins`: entries accepted by check_cors_origin; "*" allows every origin.
  explicit CorsPolicy(std::vector<std::string> origins) : origins_(std::move(origins)) {}

  /// True when the allow-list is not empty.
  bool enabled() const noexcept { return !origins_.empty(); }

  /// True when `origin` (an Origin header's value, compared exactly) is allowed.
  bool allows(std::string_view origin) const noexcept;

  /// True for the endpoints a cross-origin storefront calls: rulebook, quote and verify.
  static bool covers(Endpoint endpoint) noexcept;

  /// True when `request` is a preflight this policy answers: CORS on, method OPTIONS, an
  /// Origin header, a covered endpoint.
  bool is_preflight(const HttpRequest& request) const noexcept;

  /// The answer to a preflight: 204 with Access-Control-Allow-Origin/-Methods/-Headers and
  /// -Max-Age when the origin is allowed, else 403 ORIGIN_NOT_ALLOWED with no CORS header.
  HttpResponse preflight(const HttpRequest& request) const;

  /// Adds to the answer of a covered endpoint Vary: Origin and, for an allowed Origin,
  /// Access-Control-Allow-Origin and Access-Control-Expose-Headers (ETag and the rulebook
  /// headers). Leaves other endpoints' answers, and every answer when CORS is off, as they are.
  void decorate(const HttpRequest& request, HttpResponse& response) const;

private:
  std::vector<std::string> origins_;
};

} // namespace taoquote::service
