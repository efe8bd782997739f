// Public codec API: every entry point catches the core's internal failures and returns
// them as values, so no exception ever leaves the library.
#include "codec_internal.hpp"

#include "taoquote/sha256.hpp"

#include <nlohmann/json.hpp>

#include <new>
#include <stdexcept>

namespace taoquote {
namespace {

template <class F> auto guarded(ErrorDoc doc, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Failure& failure) {
    return failure.error;
  } catch (const OverflowError& o) {
    return Error{ErrorCode::overflow,
                 doc,
                 "",
                 std::string("A number left the documented range (") + o.what + ").",
                 {}};
  } catch (const std::overflow_error& e) {
    return Error{ErrorCode::overflow,
                 doc,
                 "",
                 std::string("A number left the documented range: ") + e.what(),
                 {}};
  } catch (const std::bad_alloc&) {
    return Error{
        ErrorCode::limit_exceeded, doc, "", "The input needs more memory than is available.", {}};
  } catch (const std::exception& e) {
    return Error{ErrorCode::internal, doc, "", std::string("Internal error: ") + e.what(), {}};
  }
}

std::string with_fingerprint(std::string body) {
  const std::string fp = "sha256:" + sha256_hex(body);
  body.pop_back();
  return body + ",\"fingerprint\":\"" + fp + "\"}";
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

JsonOutcome quote_json(const Rulebook& rulebook, std::string_view request_json) {
  const auto request = parse_request(request_json);
  if (!request) return {false, error_json(request.error()), request.error().code};
  const auto quote = compute_quote(rulebook, request.value());
  if (!quote) return {false, error_json(quote.error()), quote.error().code};
  try {
    return {true, canonical_json(quote.value()), ErrorCode::internal};
  } catch (const std::exception& e) {
    const Error err{ErrorCode::internal, ErrorDoc::request, "", e.what(), {}};
    return {false, error_json(err), err.code};
  }
}

} // namespace taoquote
