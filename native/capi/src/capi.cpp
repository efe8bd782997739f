// The C ABI entry points: thin, exception-proof wrappers over the codec's JSON API.
#include "result.hpp"

#include "taoquote/codec.hpp"
#include "taoquote/taoquote.h"

#include <exception>
#include <memory>
#include <new>

/// A loaded rulebook. Holds only the immutable core Rulebook, so sharing the handle between
/// threads shares nothing mutable (quoting dereferences it; no reference count is touched).
struct taoquote_rulebook {
  std::shared_ptr<const taoquote::Rulebook> rulebook;
};

namespace {

using taoquote::ErrorCode;
using taoquote::ErrorDoc;
namespace capi = taoquote::capi;

void set_error(taoquote_result** out_error, taoquote_result* error) noexcept {
  if (out_error)
    *out_error = error;
  else
    taoquote_result_free(&error);
}

const char* text(const std::string* s, size_t* out_len) noexcept {
  if (out_len) *out_len = s ? s->size() : 0;
  return s ? s->c_str() : "";
}

} // namespace

extern "C" {

const char* taoquote_version(void) {
  return TAOQUOTE_VERSION_STRING;
}

unsigned long taoquote_version_number(void) {
  return TAOQUOTE_VERSION_MAJOR * 10000UL + TAOQUOTE_VERSION_MINOR * 100UL + TAOQUOTE_VERSION_PATCH;
}

taoquote_rulebook* taoquote_rulebook_load(const char* json, size_t json_len,
                                          taoquote_result** out_error) {
  if (out_error) *out_error = nullptr;
  taoquote_rulebook* handle = nullptr;
  taoquote_result* error = capi::guarded(ErrorDoc::rulebook, [&]() -> taoquote_result* {
    if (!json && json_len > 0)
      return capi::invalid_argument(ErrorDoc::rulebook, "taoquote_rulebook_load: json is NULL.");
    auto loaded = taoquote::load_rulebook(std::string_view(json ? json : "", json_len));
    if (!loaded) return capi::error_result(loaded.error());
    handle = new taoquote_rulebook{std::move(loaded).value()};
    return nullptr; // no error
  });
  if (error) set_error(out_error, error);
  return handle;
}

const char* taoquote_rulebook_id(const taoquote_rulebook* rulebook, size_t* out_len) {
  return text(rulebook ? &rulebook->rulebook->id : nullptr, out_len);
}

const char* taoquote_rulebook_digest(const taoquote_rulebook* rulebook, size_t* out_len) {
  return text(rulebook ? &rulebook->rulebook->digest : nullptr, out_len);
}

void taoquote_rulebook_free(taoquote_rulebook** rulebook) {
  if (!rulebook || !*rulebook) return;
  delete *rulebook;
  *rulebook = nullptr;
}

taoquote_result* taoquote_quote(const taoquote_rulebook* rulebook, const char* request,
                                size_t request_len) {
  return capi::guarded(ErrorDoc::request, [&]() -> taoquote_result* {
    if (!rulebook)
      return capi::invalid_argument(ErrorDoc::rulebook, "taoquote_quote: rulebook is NULL.");
    if (!request && request_len > 0)
      return capi::invalid_argument(ErrorDoc::request, "taoquote_quote: request is NULL.");
    const taoquote::JsonOutcome out = taoquote::quote_json(
        *rulebook->rulebook, std::string_view(request ? request : "", request_len));
    return out.ok ? capi::quote_result(out.body) : capi::error_result(out.error);
  });
}

} // extern "C"
