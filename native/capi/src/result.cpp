// Building and reading C ABI results: one allocation of NUL-separated fields per result.
#include "result.hpp"

#include "taoquote/codec.hpp"
#include "taoquote/taoquote.h"

#include <memory>
#include <new>

namespace taoquote::capi {
namespace {

taoquote_result* make(bool ok, std::string_view json, std::string_view code, std::string_view doc,
                      std::string_view path, std::string_view message) {
  auto r = std::make_unique<taoquote_result>();
  r->ok = ok;
  const std::string_view parts[] = {json, code, doc, path, message};
  std::size_t size = 0;
  for (const auto part : parts)
    size += part.size() + 1;
  r->storage.reserve(size);
  std::size_t offsets[5];
  for (std::size_t i = 0; i < 5; ++i) {
    offsets[i] = r->storage.size();
    r->storage.append(parts[i]);
    r->storage.push_back('\0'); // every field is NUL-terminated for C callers
  }
  std::string_view* views[] = {&r->json, &r->code, &r->doc, &r->path, &r->message};
  for (std::size_t i = 0; i < 5; ++i)
    *views[i] = std::string_view(r->storage.data() + offsets[i], parts[i].size());
  return r.release();
}

taoquote_result make_fallback(std::string_view json, std::string_view doc) noexcept {
  taoquote_result r;
  r.fallback = true;
  r.json = json;
  r.code = "LIMIT_EXCEEDED";
  r.doc = doc;
  r.path = "";
  r.message = "The input needs more memory than is available.";
  return r;
}

const char* text(const taoquote_result* result, std::string_view taoquote_result::*field,
                 std::size_t* out_len) noexcept {
  const std::string_view v = result ? result->*field : std::string_view("");
  if (out_len) *out_len = v.size();
  return v.data(); // NUL-terminated: storage puts one after each field; literals have one
}

} // namespace

taoquote_result* quote_result(std::string_view quote_json) {
  return make(true, quote_json, "", "", "", "");
}

taoquote_result* error_result(const Error& error) {
  return make(false, error_json(error), error_code_name(error.code), error_doc_name(error.doc),
              error.path, error.message);
}

taoquote_result* invalid_argument(ErrorDoc doc, std::string_view message) {
  return error_result(Error{ErrorCode::invalid_argument, doc, "", std::string(message), {}});
}

taoquote_result* out_of_memory(ErrorDoc doc) noexcept {
  // Built on first use without allocating (string views onto literals), so it cannot fail.
  static taoquote_result rulebook = make_fallback(
      R"({"error":{"code":"LIMIT_EXCEEDED","doc":"rulebook","path":"","message":"The input needs more memory than is available."}})",
      "rulebook");
  static taoquote_result request = make_fallback(
      R"({"error":{"code":"LIMIT_EXCEEDED","doc":"request","path":"","message":"The input needs more memory than is available."}})",
      "request");
  return doc == ErrorDoc::rulebook ? &rulebook : &request;
}

} // namespace taoquote::capi

extern "C" {

int taoquote_result_ok(const taoquote_result* result) {
  return result && result->ok ? 1 : 0;
}

const char* taoquote_result_json(const taoquote_result* result, size_t* out_len) {
  return taoquote::capi::text(result, &taoquote_result::json, out_len);
}

const char* taoquote_result_error_code(const taoquote_result* result, size_t* out_len) {
  return taoquote::capi::text(result, &taoquote_result::code, out_len);
}

const char* taoquote_result_error_doc(const taoquote_result* result, size_t* out_len) {
  return taoquote::capi::text(result, &taoquote_result::doc, out_len);
}

const char* taoquote_result_error_path(const taoquote_result* result, size_t* out_len) {
  return taoquote::capi::text(result, &taoquote_result::path, out_len);
}

const char* taoquote_result_error_message(const taoquote_result* result, size_t* out_len) {
  return taoquote::capi::text(result, &taoquote_result::message, out_len);
}

void taoquote_result_free(taoquote_result** result) {
  if (!result || !*result) return;
  if (!(*result)->fallback) delete *result;
  *result = nullptr;
}

} // extern "C"
