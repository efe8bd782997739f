// The service's endpoints, independent of the HTTP library: a parsed request in, a response
// out. Quoting goes through taoquote::quote_json; nothing here computes a price.
#pragma once

#include "metrics.hpp"
#include "offer_check.hpp"
#include "rulebook_store.hpp"
#include "static_files.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace taoquote::service {

/// A complete request as the HTTP layer read it. Views into the HTTP layer's buffers, valid
/// for the duration of Handlers::handle.
struct HttpRequest {
  std::string_view method;          ///< "GET", "HEAD", "POST", …
  std::string_view target;          ///< as received, query included ("/v1/quote?x=1")
  std::string_view content_type;    ///< "" when absent
  std::string_view if_none_match;   ///< "" when absent
  std::string_view origin;          ///< the Origin header (CORS, cors.hpp); "" when absent
  std::string_view accept_encoding; ///< "" when absent (static files' precompressed variants)
  std::string_view body;
};

/// A response to write. For HEAD the HTTP layer sends the headers of the GET response with
/// its Content-Length and no body.
struct HttpResponse {
  int status = 200;
  std::string content_type; ///< "" for a response without a body (304)
  std::string body;
  std::vector<std::pair<std::string_view, std::string>> headers; ///< extra headers
  /// When not empty: send this file (file_size bytes) as the body instead of `body`; the
  /// HTTP layer streams it in pieces.
  std::string file_path;
  std::uint64_t file_size = 0;
  Endpoint endpoint = Endpoint::other;
  std::string_view error_code; ///< the error code of a 4xx/5xx ("" otherwise); static storage
  /// The rulebook the response used (quote, verify, rulebook); kept alive until written.
  std::shared_ptr<const RulebookSnapshot> rulebook;
};

/// How signed offers and time are checked (docs/signed-offers.md).
struct OfferVerification {
  /// The public keys; null or empty = none configured: /v1/verify then checks the arithmetic
  /// only, and strict mode refuses every offer.
  const OfferKeyStore* keys = nullptr;
  std::chrono::milliseconds skew{300000}; ///< largest |request.at − server clock|
  /// The server's clock; null = the system clock (tests of the handlers set their own).
  Instant (*clock)() = nullptr;
};

/// Header naming the digest of the rulebook a response used.
inline constexpr std::string_view rulebook_header = "X-Taoquote-Rulebook";

/// Routes and answers requests (docs/service.md):
///   POST /v1/quote     request JSON → canonical quote (200) or the core's error (4xx)
///   POST /v1/verify    {"request","fingerprint"} → {"match",…} (200) or an error; with
///                      offer keys configured (or ?strict=true), first every offer's
///                      signature and expiry and the instant (422 OFFER_…/CLOCK_SKEW/…)
///   POST /v1/quote?strict=true   the same checks before quoting
///   GET  /v1/rulebook  the rulebook file in force; ETag = "<digest>", If-None-Match → 304
///   GET  /healthz      200 {"status":"ok",…}, or 503 while draining
///   GET  /metrics      Prometheus text
///   GET  /openapi.json the embedded OpenAPI description (404 if none was built in)
///   GET  /…            static files, if a directory is configured
/// Unknown path → 404, wrong method → 405 (with Allow), POST without an application/json
/// body → 415. Every response of /v1/quote and /v1/verify, errors included, carries
/// X-Taoquote-Rulebook. Thread-safe: every call takes the current rulebook snapshot once
/// and uses only it.
class CorsPolicy;

class Handlers {
public:
  /// `files` may be null (no static files). All references must outlive the Handlers.
  /// `max_work`: the per-quote work budget (work_budget.hpp). `cors` may be null (no CORS):
  /// else it answers preflights and adds its headers to every answer (cors.hpp).
  /// `offers`: the signed-offer checks (default: no keys configured).
  Handlers(RulebookStore& store, Metrics& metrics, const StaticFiles* files, std::uint64_t max_work,
           const CorsPolicy* cors = nullptr, OfferVerification offers = {})
      : store_(store), metrics_(metrics), files_(files), max_work_(max_work), cors_(cors),
        offers_(offers) {}

  /// Never throws: a failure inside becomes 500 INTERNAL.
  HttpResponse handle(const HttpRequest& request) const;

  /// True when answering `request` computes a quote (POST /v1/quote or /v1/verify): the
  /// HTTP layer then runs handle() on a quote worker, never on an I/O thread.
  static bool computes_quote(const HttpRequest& request) noexcept;

  /// A service error found by the HTTP layer (malformed request, timeout, too large, busy):
  /// the error body, plus X-Taoquote-Rulebook when `endpoint` is quote or verify.
  HttpResponse transport_error(int status, std::string_view code, std::string_view message,
                               Endpoint endpoint) const;

  /// The endpoint a request path is counted under (also for requests refused before routing).
  static Endpoint classify(std::string_view target) noexcept;

  /// The fingerprint member of a canonical quote (its last member, docs/quote.md), or "".
  static std::string_view fingerprint_of(std::string_view canonical_quote) noexcept;

private:
  HttpResponse route(const HttpRequest& request) const;
  void stamp_rulebook(HttpResponse& r) const;
  HttpResponse quote(const HttpRequest& request) const;
  HttpResponse verify(const HttpRequest& request) const;
  /// Quotes `body` as quote() does, after the signed-offer and clock checks when `checked`;
  /// a refusal is a 422 with refusal_body. `endpoint` is quote or verify.
  HttpResponse checked_quote(std::string_view body, bool checked, Endpoint endpoint,
                             const RulebookSnapshot& snapshot) const;
  /// POST /v1/diff: {"before": <quote>, "after": <quote>} → the explained difference
  /// (docs/diff.md), or the core's error with a pointer into that body.
  HttpResponse diff(const HttpRequest& request) const;
  HttpResponse rulebook(const HttpRequest& request) const;
  HttpResponse healthz() const;
  HttpResponse metrics() const;
  HttpResponse static_file(const HttpRequest& request, std::string_view path) const;

  RulebookStore& store_;
  Metrics& metrics_;
  const StaticFiles* files_;
  std::uint64_t max_work_;
  const CorsPolicy* cors_;
  OfferVerification offers_;
};

/// A service error response: `status`, the service error body, `code` (static storage).
HttpResponse error_response(int status, std::string_view code, std::string_view doc,
                            std::string_view message, Endpoint endpoint = Endpoint::other);

} // namespace taoquote::service
