// The C ABI's preallocated out-of-memory results (native/capi/src/result.cpp) say, byte for byte,
// what the core's one translation says for std::bad_alloc, so a C caller reads the same words
// whether or not the error body could still be allocated.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "result.hpp"

#include "taoquote/codec.hpp"
#include "taoquote/taoquote.h"

#include <doctest/doctest.h>

#include <new>
#include <string>

namespace {

using taoquote::ErrorDoc;

// What current_exception_error gives while a std::bad_alloc is being handled.
taoquote::Error core_out_of_memory(ErrorDoc doc) {
  try {
    throw std::bad_alloc();
  } catch (...) {
    return taoquote::current_exception_error(doc);
  }
}

std::string field(const char* (*get)(const taoquote_result*, size_t*), taoquote_result* r) {
  size_t len = 0;
  const char* text = get(r, &len);
  return std::string(text, len);
}

} // namespace

TEST_CASE("the preallocated LIMIT_EXCEEDED results equal the core's out-of-memory error") {
  for (const ErrorDoc doc : {ErrorDoc::rulebook, ErrorDoc::request}) {
    CAPTURE(taoquote::error_doc_name(doc));
    const taoquote::Error core = core_out_of_memory(doc);
    // The sentence itself, written out here so that a change on either side is noticed.
    CHECK(core.message == "The input needs more memory than is available.");
    CHECK(core.code == taoquote::ErrorCode::limit_exceeded);

    taoquote_result* fallback = taoquote::capi::out_of_memory(doc);
    CHECK_FALSE(taoquote_result_ok(fallback));
    CHECK(field(taoquote_result_error_message, fallback) == core.message);
    CHECK(field(taoquote_result_error_code, fallback) == taoquote::error_code_name(core.code));
    CHECK(field(taoquote_result_error_doc, fallback) == taoquote::error_doc_name(doc));
    CHECK(field(taoquote_result_error_path, fallback) == core.path);
    CHECK(field(taoquote_result_json, fallback) == taoquote::error_json(core));

    // The result an allocated error would have carried is the same in every field.
    taoquote_result* built = taoquote::capi::error_result(core);
    for (auto get : {taoquote_result_json, taoquote_result_error_code, taoquote_result_error_doc,
                     taoquote_result_error_path, taoquote_result_error_message})
      CHECK(field(get, built) == field(get, fallback));
    taoquote_result_free(&built);
    taoquote_result_free(&fallback); // a no-op on the static fallback, which stays usable
    CHECK(fallback == nullptr);
    CHECK(field(taoquote_result_error_message, taoquote::capi::out_of_memory(doc)) == core.message);
  }
}
