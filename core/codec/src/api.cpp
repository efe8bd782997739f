// Public codec API: every entry point catches the core's internal failures and returns
// them as values, so no exception ever leaves the library.
#include "codec_internal.hpp"

#include "taoquote/sha256.hpp"

#include <nlohmann/json.hpp>

namespace taoquote {
namespace {

std::string with_fingerprint(std::string body) {
  const std::string digest = sha256_hex(body);
  body.pop_back(); // the closing brace, written again after the fingerprint
  body.append(",\"fingerprint\":\"sha256:").append(digest).append("\"}");
  return body;
}

} // namespace

Result<std::shared_ptr<const Rulebook>> load_rulebook(std::string_view json) {
  return guarded(ErrorDoc::rulebook, [&]() -> Result<std::shared_ptr<const Rulebook>> {
    return codec::load_rulebook_impl(json);
  });
}

Result<Request> parse_request(std::string_view json) {
  return guarded(ErrorDoc::request,
                 [&]() -> Result<Request> { return codec::parse_request_impl(json); });
}

std::string canonical_json(const Quote& quote) {
  return with_fingerprint(codec::write_quote(quote));
}

std::string fingerprint(const Quote& quote) {
  return "sha256:" + sha256_hex(codec::write_quote(quote));
}

std::string error_json(const Error& error) {
  nlohmann::ordered_json e{{"code", std::string(error_code_name(error.code))},
                           {"doc", std::string(error_doc_name(error.doc))},
                           {"path", error.path},
                           {"message", error.message}};
  if (!error.detail.empty()) {
    auto detail = nlohmann::ordered_json::array();
    for (const auto& d : error.detail)
      detail.push_back({{"id", d.id}, {"reason", d.reason}, {"message", d.message}});
    e["detail"] = std::move(detail);
  }
  return nlohmann::ordered_json{{"error", std::move(e)}}.dump();
}

Result<Quote> quote_request(const Rulebook& rulebook, std::string_view request_json) {
  return guarded(ErrorDoc::request, [&]() -> Result<Quote> {
    const auto request = parse_request(request_json);
    if (!request) return request.error();
    return compute_quote(rulebook, request.value());
  });
}

JsonOutcome JsonOutcome::failure(Error error) {
  JsonOutcome out;
  out.body = error_json(error);
  out.error = std::move(error);
  return out;
}

JsonOutcome quote_json(const Rulebook& rulebook, const Request& request) {
  const Result<std::string> body = guarded(ErrorDoc::request, [&]() -> Result<std::string> {
    const auto quote = compute_quote(rulebook, request);
    if (!quote) return quote.error();
    return canonical_json(quote.value());
  });
  if (!body) return JsonOutcome::failure(body.error());
  return {true, body.value(), {}};
}

JsonOutcome quote_json(const Rulebook& rulebook, std::string_view request_json) {
  const auto request = parse_request(request_json);
  if (!request) return JsonOutcome::failure(request.error());
  return quote_json(rulebook, request.value());
}

} // namespace taoquote
