// Endpoint logic: routing, content-type and method checks, quote/verify through the codec,
// the rulebook with ETags, health, metrics and static files.
#include "handlers.hpp"

#include "taoquote/diff.hpp"

#include "cors.hpp"
#include "http_errors.hpp"
#include "json_text.hpp"
#include "openapi_doc.hpp"
#include "verify_body.hpp"
#include "work_budget.hpp"

#include <boost/algorithm/string/predicate.hpp>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

namespace taoquote::service {
namespace {

constexpr std::string_view json_type = "application/json";

std::string_view path_of(std::string_view target) noexcept {
  const auto q = target.find('?');
  return q == std::string_view::npos ? target : target.substr(0, q);
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// "application/json" with any parameters (charset=utf-8) and any letter case.
bool is_json_media_type(std::string_view content_type) noexcept {
  return boost::algorithm::iequals(trim(content_type.substr(0, content_type.find(';'))), json_type);
}

bool is_get(std::string_view method) noexcept {
  return method == "GET" || method == "HEAD";
}

// RFC 9110 If-None-Match: "*" or a list of entity tags, weak comparison.
bool etag_matches(std::string_view if_none_match, std::string_view etag) noexcept {
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    std::string_view tag = trim(if_none_match.substr(0, comma));
    if (tag == "*") return true;
    if (tag.size() > 2 && tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == etag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

HttpResponse method_not_allowed(Endpoint endpoint, std::string_view allow) {
  auto r = error_response(405, codes::method_not_allowed, "http",
                          "This resource allows only " + std::string(allow) + ".", endpoint);
  r.headers.emplace_back("Allow", std::string(allow));
  return r;
}

// A cart over the per-request work budget: 413, doc "request", path "/items".
HttpResponse over_budget(Endpoint endpoint, const std::string& message) {
  HttpResponse r;
  r.status = 413;
  r.content_type = json_type;
  r.body = service_error_body(work_limit_code, "request", "/items", message);
  r.endpoint = endpoint;
  r.error_code = work_limit_code;
  return r;
}

// True when the target's query asks for strict mode: `strict=true` or `strict=1`.
bool strict_query(std::string_view target) noexcept {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return false;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view param = query.substr(0, amp);
    if (param == "strict=true" || param == "strict=1") return true;
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

Instant system_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

HttpResponse core_error(Endpoint endpoint, const JsonOutcome& out) {
  HttpResponse r;
  r.status = http_status_for(out.error.code);
  r.content_type = json_type;
  r.body = out.body;
  r.endpoint = endpoint;
  r.error_code = error_code_name(out.error.code);
  return r;
}

} // namespace

HttpResponse error_response(int status, std::string_view code, std::string_view doc,
                            std::string_view message, Endpoint endpoint) {
  HttpResponse r;
  r.status = status;
  r.content_type = json_type;
  r.body = service_error_body(code, doc, "", message);
  r.endpoint = endpoint;
  r.error_code = code;
  return r;
}

Endpoint Handlers::classify(std::string_view target) noexcept {
  const std::string_view path = path_of(target);
  if (path == "/v1/quote") return Endpoint::quote;
  if (path == "/v1/verify") return Endpoint::verify;
  if (path == "/v1/diff") return Endpoint::diff;
  if (path == "/v1/rulebook") return Endpoint::rulebook;
  if (path == "/healthz") return Endpoint::healthz;
  if (path == "/metrics") return Endpoint::metrics;
  if (path.substr(0, 4) == "/v1/" || path == "/v1") return Endpoint::other;
  return Endpoint::static_files;
}

std::string_view Handlers::fingerprint_of(std::string_view quote) noexcept {
  // The canonical quote ends with ,"fingerprint":"sha256:<64 hex>"}
  static constexpr std::string_view key = ",\"fingerprint\":\"";
  static constexpr std::size_t value_size = 7 + 64;
  const std::size_t tail = key.size() + value_size + 2;
  if (quote.size() < tail || quote.substr(quote.size() - 2) != "\"}" ||
      quote.substr(quote.size() - tail, key.size()) != key)
    return {};
  return quote.substr(quote.size() - value_size - 2, value_size);
}

HttpResponse Handlers::handle(const HttpRequest& request) const {
  HttpResponse r;
  try {
    r = cors_ && cors_->is_preflight(request) ? cors_->preflight(request) : route(request);
    if (cors_) cors_->decorate(request, r);
  } catch (const std::exception& e) {
    r = error_response(500, codes::internal, "http", std::string("Internal error: ") + e.what(),
                       classify(request.target));
  } catch (...) {
    r = error_response(500, codes::internal, "http", "Internal error.", classify(request.target));
  }
  stamp_rulebook(r);
  return r;
}

bool Handlers::computes_quote(const HttpRequest& request) noexcept {
  const Endpoint e = classify(request.target);
  return request.method == "POST" &&
         (e == Endpoint::quote || e == Endpoint::verify || e == Endpoint::diff);
}

HttpResponse Handlers::transport_error(int status, std::string_view code, std::string_view message,
                                       Endpoint endpoint) const {
  HttpResponse r = error_response(status, code, "http", message, endpoint);
  stamp_rulebook(r);
  return r;
}

// Quote and verify responses name the rulebook they used; those answered before a rulebook
// was taken (405, 415, 408, 413, 500, …) name the one in force.
void Handlers::stamp_rulebook(HttpResponse& r) const {
  if (r.endpoint != Endpoint::quote && r.endpoint != Endpoint::verify) return;
  if (r.rulebook) return;
  try {
    r.rulebook = store_.current();
    r.headers.emplace_back(rulebook_header, r.rulebook->digest());
    r.headers.emplace_back("Cache-Control", "no-store");
  } catch (...) { // std::bad_alloc: the response goes out without the header
  }
}

HttpResponse Handlers::route(const HttpRequest& request) const {
  const Endpoint endpoint = classify(request.target);
  const std::string_view path = path_of(request.target);
  switch (endpoint) {
  case Endpoint::quote:
  case Endpoint::verify:
  case Endpoint::diff: {
    if (request.method != "POST") return method_not_allowed(endpoint, "POST");
    if (!is_json_media_type(request.content_type))
      return error_response(415, codes::unsupported_media_type, "http",
                            "The body must be sent as Content-Type: application/json.", endpoint);
    if (endpoint == Endpoint::diff) return diff(request);
    return endpoint == Endpoint::quote ? quote(request) : verify(request);
  }
  case Endpoint::rulebook:
    return is_get(request.method) ? rulebook(request) : method_not_allowed(endpoint, "GET, HEAD");
  case Endpoint::healthz:
    return is_get(request.method) ? healthz() : method_not_allowed(endpoint, "GET, HEAD");
  case Endpoint::metrics:
    return is_get(request.method) ? metrics() : method_not_allowed(endpoint, "GET, HEAD");
  case Endpoint::static_files:
    if (path == "/openapi.json" && !openapi_document().empty()) {
      if (!is_get(request.method)) return method_not_allowed(endpoint, "GET, HEAD");
      HttpResponse r;
      r.endpoint = Endpoint::static_files;
      r.content_type = json_type;
      r.body = std::string(openapi_document());
      r.headers.emplace_back("Cache-Control", "no-cache");
      return r;
    }
    return static_file(request, path);
  case Endpoint::other: break;
  }
  return error_response(404, codes::not_found, "http", "No such resource.");
}

HttpResponse Handlers::checked_quote(std::string_view body, bool checked, Endpoint endpoint,
                                     const RulebookSnapshot& snapshot) const {
  static const offers::PublicKeys no_keys;
  std::shared_ptr<const offers::PublicKeys> held;
  const offers::PublicKeys* keys = &no_keys;
  std::vector<OfferProblem> problems;
  std::optional<Request> seen;
  Instant now{};
  const std::string_view base = snapshot.rulebook->base.code;
  RequestCheck check;
  if (checked) {
    held = offers_.keys ? offers_.keys->current() : nullptr;
    if (held) keys = held.get();
    now = offers_.clock ? offers_.clock() : system_now();
    check = [&](const Request& rq) {
      seen = rq;
      problems = check_offers(rq, *keys, base, now, offers_.skew);
      return problems.empty();
    };
  }
  BudgetedQuote q = quote_within_budget(*snapshot.rulebook, body, max_work_, check);
  JsonOutcome& out = q.outcome;
  if (q.over_budget) return over_budget(endpoint, q.message);
  if (problems.empty() && out.ok && checked) {
    const auto quote = nlohmann::json::parse(out.body, nullptr, false);
    const auto expires = quote.is_object() && quote.contains("expires_at")
                             ? parse_instant(quote["expires_at"].get<std::string>())
                             : std::nullopt;
    if (expires)
      if (auto p = check_quote_expiry(*expires, now)) problems.push_back(std::move(*p));
  }
  HttpResponse r;
  r.endpoint = endpoint;
  r.content_type = json_type;
  if (!problems.empty()) {
    // The refusal also carries the quote the server stands behind, when it has one.
    std::string trusted;
    if (const auto rq = trusted_request(*seen, problems, now);
        rq && estimate_work(*rq) <= max_work_) {
      JsonOutcome t = quote_json(*snapshot.rulebook, *rq);
      if (t.ok) trusted = std::move(t.body);
    }
    r.status = 422;
    r.body = refusal_body(problems, trusted);
    r.error_code = problems.front().code;
    return r;
  }
  if (!out.ok) return core_error(endpoint, out);
  r.body = std::move(out.body);
  return r;
}

HttpResponse Handlers::quote(const HttpRequest& request) const {
  auto snapshot = store_.current();
  HttpResponse r =
      checked_quote(request.body, strict_query(request.target), Endpoint::quote, *snapshot);
  r.headers.emplace_back(rulebook_header, snapshot->digest());
  r.headers.emplace_back("Cache-Control", "no-store");
  r.rulebook = std::move(snapshot);
  return r;
}

HttpResponse Handlers::verify(const HttpRequest& request) const {
  auto snapshot = store_.current();
  HttpResponse r;
  auto envelope = parse_verify_body(request.body);
  if (const auto* bad = std::get_if<EnvelopeError>(&envelope)) {
    r.status = bad->status;
    r.content_type = json_type;
    r.body = service_error_body(bad->code, "verify", bad->path, bad->message);
    r.endpoint = Endpoint::verify;
    r.error_code = bad->code;
  } else {
    const auto& env = std::get<VerifyEnvelope>(envelope);
    const bool checked =
        strict_query(request.target) || (offers_.keys && offers_.keys->current() != nullptr);
    r = checked_quote(env.request, checked, Endpoint::verify, *snapshot);
    if (r.status == 200) {
      const std::string out = std::move(r.body);
      const std::string_view server = fingerprint_of(out);
      const bool match = server == env.fingerprint;
      metrics_.verify_result(match);
      r.content_type = json_type;
      r.endpoint = Endpoint::verify;
      nlohmann::ordered_json reply{{"match", match}, {"fingerprint", std::string(server)}};
      // The server's canonical quote: parsed and written back by nlohmann_json, whose output
      // is the canonical form (no whitespace, strings escaped the same way) — the tests
      // check it byte for byte against the golden quote.
      if (!match) reply["quote"] = nlohmann::ordered_json::parse(out);
      r.body = reply.dump();
    }
  }
  r.headers.emplace_back(rulebook_header, snapshot->digest());
  r.headers.emplace_back("Cache-Control", "no-store");
  r.rulebook = std::move(snapshot);
  return r;
}

HttpResponse Handlers::rulebook(const HttpRequest& request) const {
  auto snapshot = store_.current();
  HttpResponse r;
  r.endpoint = Endpoint::rulebook;
  // Gzipped when the client accepts it (compressed once per snapshot); either tag revalidates.
  const bool gz = !snapshot->gzip.empty() && StaticFiles::accepts(request.accept_encoding, "gzip");
  if (!request.if_none_match.empty() &&
      (etag_matches(request.if_none_match, snapshot->etag) ||
       etag_matches(request.if_none_match, snapshot->gzip_etag))) {
    r.status = 304;
  } else {
    r.content_type = json_type;
    r.body = gz ? snapshot->gzip : snapshot->text;
    if (gz) r.headers.emplace_back("Content-Encoding", "gzip");
    r.headers.emplace_back("X-Taoquote-Rulebook-Id", snapshot->id());
  }
  r.headers.emplace_back("Vary", "Accept-Encoding");
  r.headers.emplace_back("ETag", gz ? snapshot->gzip_etag : snapshot->etag);
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.headers.emplace_back(rulebook_header, snapshot->digest());
  r.rulebook = std::move(snapshot);
  return r;
}

HttpResponse Handlers::healthz() const {
  const auto snapshot = store_.current();
  HttpResponse r;
  r.endpoint = Endpoint::healthz;
  r.content_type = json_type;
  const bool draining = metrics_.draining();
  r.status = draining ? 503 : 200;
  if (draining) r.error_code = codes::unavailable;
  JsonObject rb;
  rb.str("id", snapshot->id()).str("digest", snapshot->digest());
  r.body =
      JsonObject().str("status", draining ? "draining" : "ok").raw("rulebook", rb.text()).text();
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse Handlers::metrics() const {
  const auto snapshot = store_.current();
  HttpResponse r;
  r.endpoint = Endpoint::metrics;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = metrics_.render({snapshot->id(), snapshot->digest(), snapshot->loaded_unix_seconds});
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse Handlers::static_file(const HttpRequest& request, std::string_view path) const {
  auto file = files_ ? files_->get(path, request.accept_encoding) : std::nullopt;
  if (!file)
    return error_response(404, codes::not_found, "http", "No such resource.",
                          Endpoint::static_files);
  if (!is_get(request.method)) return method_not_allowed(Endpoint::static_files, "GET, HEAD");
  HttpResponse r;
  r.endpoint = Endpoint::static_files;
  // A content-hashed name never changes: cached for a year without revalidation. Anything
  // else (index.html) is revalidated each time, and answered 304 while its ETag holds.
  r.headers.emplace_back("Cache-Control",
                         file->immutable ? "public, max-age=31536000, immutable" : "no-cache");
  r.headers.emplace_back("ETag", file->etag);
  if (file->has_variants) r.headers.emplace_back("Vary", "Accept-Encoding");
  if (etag_matches(request.if_none_match, file->etag)) {
    r.status = 304;
    return r;
  }
  if (!file->encoding.empty())
    r.headers.emplace_back("Content-Encoding", std::string(file->encoding));
  r.content_type = file->content_type;
  r.file_path = std::move(file->path);
  r.file_size = file->size;
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

namespace {

// The deepest nesting of arrays and objects in a JSON text (strings skipped), without parsing.
std::size_t nesting_depth(std::string_view text) noexcept {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

} // namespace

HttpResponse Handlers::diff(const HttpRequest& request) const {
  HttpResponse r;
  r.endpoint = Endpoint::diff;
  r.content_type = json_type;
  // The envelope is small JSON around two quotes the body limit already bounds. Quotes nest
  // about 6 levels; anything deeper than 64 is refused before parsing, so neither the parser
  // nor the serialiser of a member can be driven into deep recursion.
  if (nesting_depth(request.body) > 64) {
    r.status = 400;
    r.body = service_error_body("INVALID_JSON", "request", "", "Nesting deeper than 64 levels.");
    r.error_code = "INVALID_JSON";
    return r;
  }
  const auto body = nlohmann::json::parse(request.body, nullptr, false);
  auto refuse = [&](int status, const char* code, const std::string& path,
                    const std::string& message) {
    r.status = status;
    r.body = service_error_body(code, "request", path, message);
    r.error_code = code;
    return r;
  };
  if (body.is_discarded()) return refuse(400, "INVALID_JSON", "", "The body is not valid JSON.");
  if (!body.is_object()) return refuse(422, "INVALID_FIELD", "", "Expected an object.");
  for (const auto& [key, value] : body.items())
    if (key != "before" && key != "after")
      return refuse(422, "INVALID_FIELD", "/" + key, "Unknown field \"" + key + "\".");
  for (const char* key : {"before", "after"})
    if (!body.contains(key))
      return refuse(422, "INVALID_FIELD", std::string("/") + key,
                    std::string("Missing required field \"") + key + "\".");
  const auto out = diff_quotes_json(body["before"].dump(), body["after"].dump());
  if (!out) {
    r.status = http_status_for(out.error().code);
    r.body = error_json(out.error());
    r.error_code = error_code_name(out.error().code);
    return r;
  }
  r.body = out.value();
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

} // namespace taoquote::service
