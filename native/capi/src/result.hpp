// The C ABI's result object and the helpers that build it; nothing here throws out of a noexcept.
#pragma once

#include "taoquote/error.hpp"

#include <new>
#include <string>
#include <string_view>

/// One call's outcome. Every view points into `storage`, where each field is followed by a NUL,
/// or into a string literal for the preallocated fallbacks (`fallback` set: never deleted).
struct taoquote_result {
  bool ok = false;
  bool fallback = false;
  std::string storage;
  std::string_view json, code, doc, path, message;
};

namespace taoquote::capi {

/// A quote result holding the canonical quote JSON. Throws std::bad_alloc.
taoquote_result* quote_result(std::string_view quote_json);

/// An error result for a core Error (body by error_json). Throws std::bad_alloc.
taoquote_result* error_result(const Error& error);

/// An INVALID_ARGUMENT result (a NULL pointer where the contract requires one).
/// Throws std::bad_alloc.
taoquote_result* invalid_argument(ErrorDoc doc, std::string_view message);

/// The preallocated LIMIT_EXCEEDED result returned when memory runs out. Never fails.
taoquote_result* out_of_memory(ErrorDoc doc) noexcept;

/// Runs `make` and returns what it returns; any exception becomes the result of the core's
/// one translation (current_exception_error), or the preallocated LIMIT_EXCEEDED result when
/// memory runs out. Never throws.
template <class F> taoquote_result* guarded(ErrorDoc doc, F&& make) noexcept {
  try {
    return make();
  } catch (const std::bad_alloc&) {
    return out_of_memory(doc);
  } catch (...) {
    try {
      return error_result(current_exception_error(doc));
    } catch (...) {
      return out_of_memory(doc);
    }
  }
}

} // namespace taoquote::capi
