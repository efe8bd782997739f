// The CORS allow-list: exact origin matching, preflight answers and response headers.
#include "cors.hpp"

#include "http_errors.hpp"

#include <algorithm>

namespace taoquote::service {
namespace {

// Methods each covered endpoint accepts, as Access-Control-Allow-Methods lists them.
std::string_view methods_of(Endpoint endpoint) noexcept {
  return endpoint == Endpoint::rulebook ? "GET, HEAD" : "POST";
}

bool host_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '[' || c == ']' || c == ':';
}

} // namespace

std::string check_cors_origin(std::string_view origin) {
  if (origin == "*") return "";
  std::string_view rest = origin;
  if (rest.substr(0, 7) == "http://")
    rest.remove_prefix(7);
  else if (rest.substr(0, 8) == "https://")
    rest.remove_prefix(8);
  else
    return "expects \"*\" or an origin such as https://shop.example (http or https)";
  if (rest.empty()) return "expects a host after the scheme";
  if (!std::all_of(rest.begin(), rest.end(), host_char))
    return "expects an origin: scheme, host and optional port, with no path or trailing slash";
  return "";
}

bool CorsPolicy::allows(std::string_view origin) const noexcept {
  if (origin.empty()) return false;
  return std::any_of(origins_.begin(), origins_.end(),
                     [&](const std::string& o) { return o == "*" || o == origin; });
}

bool CorsPolicy::covers(Endpoint endpoint) noexcept {
  return endpoint == Endpoint::rulebook || endpoint == Endpoint::quote ||
         endpoint == Endpoint::verify;
}

bool CorsPolicy::is_preflight(const HttpRequest& request) const noexcept {
  return enabled() && request.method == "OPTIONS" && !request.origin.empty() &&
         covers(Handlers::classify(request.target));
}

HttpResponse CorsPolicy::preflight(const HttpRequest& request) const {
  const Endpoint endpoint = Handlers::classify(request.target);
  if (!allows(request.origin)) {
    HttpResponse r = error_response(403, origin_not_allowed_code, "http",
                                    "Cross-origin requests from " + std::string(request.origin) +
                                        " are not allowed here (see --cors-origin).",
                                    endpoint);
    r.headers.emplace_back("Vary", "Origin");
    return r;
  }
  HttpResponse r;
  r.status = 204;
  r.endpoint = endpoint;
  r.headers.emplace_back("Access-Control-Allow-Origin", std::string(request.origin));
  r.headers.emplace_back("Access-Control-Allow-Methods", std::string(methods_of(endpoint)));
  r.headers.emplace_back("Access-Control-Allow-Headers", "Content-Type, If-None-Match");
  r.headers.emplace_back("Access-Control-Max-Age", "600");
  r.headers.emplace_back("Vary", "Origin, Access-Control-Request-Method, "
                                 "Access-Control-Request-Headers");
  return r;
}

void CorsPolicy::decorate(const HttpRequest& request, HttpResponse& response) const {
  if (!enabled() || !covers(Handlers::classify(request.target)) || request.method == "OPTIONS")
    return;
  response.headers.emplace_back("Vary", "Origin");
  if (!allows(request.origin)) return;
  response.headers.emplace_back("Access-Control-Allow-Origin", std::string(request.origin));
  response.headers.emplace_back("Access-Control-Expose-Headers",
                                "ETag, X-Taoquote-Rulebook, X-Taoquote-Rulebook-Id");
}

} // namespace taoquote::service
