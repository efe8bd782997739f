// Raw embind functions of the WebAssembly module: JSON text in, JSON text out (rulebooks and
// requests in, and the quote out, through views of the module's memory; the rest as strings). The
// idiomatic API (createTaoquote, QuoteError, dispose) is the ESM wrapper in wasm/npm/. No business
// logic lives here.
#include "taoquote/codec.hpp"
#include "taoquote/convert_codec.hpp"
#include "taoquote/diff.hpp"

#include <emscripten/bind.h>
#include <malloc.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace {

// Rulebooks loaded by JS, by handle. The module is single-threaded, so a plain map suffices.
std::map<int, std::shared_ptr<const taoquote::Rulebook>>& rulebooks() {
  static std::map<int, std::shared_ptr<const taoquote::Rulebook>> table;
  return table;
}
int next_handle = 1;

// {"handle":N,"id":"…","digest":"…"} or the error body.
std::string load_rulebook(std::string_view json) {
  const auto rb = taoquote::load_rulebook(json);
  if (!rb) return taoquote::error_json(rb.error());
  const int handle = next_handle++;
  rulebooks()[handle] = rb.value();
  return "{\"handle\":" + std::to_string(handle) + ",\"id\":\"" + rb.value()->id +
         "\",\"digest\":\"" + rb.value()->digest + "\"}";
}

// The error body for a handle that names no loaded rulebook.
std::string disposed() {
  return taoquote::error_json({taoquote::ErrorCode::internal,
                               taoquote::ErrorDoc::rulebook,
                               "",
                               "This rulebook has been disposed.",
                               {}});
}

// The canonical quote, or the error body.
std::string quote(int handle, std::string_view request_json) {
  const auto it = rulebooks().find(handle);
  if (it == rulebooks().end()) return disposed();
  return taoquote::quote_json(*it->second, request_json).body;
}

// Text through the module's memory instead of embind's string conversion, which copies one
// character at a time in JavaScript and was a fifth of a browser quote: the wrapper encodes
// the request into the input buffer (TextEncoder.encodeInto) and decodes the quote from a
// view of the output (TextDecoder). A view is valid until the module's next call.
std::string& input_buffer() {
  static std::string buffer;
  return buffer;
}
std::string& output_buffer() {
  static std::string buffer;
  return buffer;
}

// Buffers only grow, so that a warm module allocates nothing more, up to this size; a larger
// one is released once done with (the input after its quote, the output at the next call).
constexpr std::size_t kept_buffer_bytes = std::size_t{1} << 20;

void release_if_large(std::string& buffer) {
  if (buffer.capacity() > kept_buffer_bytes) std::string().swap(buffer);
}

// A view of an input buffer of `capacity` bytes, for the wrapper to write into, but never more
// than one byte over `largest`: a text that does not fit is refused by the core for its size
// (the wrapper passes the full view), as natively.
emscripten::val view_of_input(std::size_t capacity, std::size_t largest) {
  release_if_large(output_buffer());
  std::string& in = input_buffer();
  capacity = std::min(capacity, largest + 1);
  if (in.size() < capacity) in.resize(capacity);
  return emscripten::val(
      emscripten::typed_memory_view(in.size(), reinterpret_cast<const unsigned char*>(in.data())));
}

// The input view for a request.
emscripten::val input_view(std::size_t capacity) {
  return view_of_input(capacity, taoquote::max_request_bytes);
}

// The input view for a rulebook (a larger limit than a request's).
emscripten::val rulebook_view(std::size_t capacity) {
  return view_of_input(capacity, taoquote::max_rulebook_bytes);
}

// The first `length` bytes of the input buffer.
std::string_view input_text(std::size_t length) {
  const std::string& in = input_buffer();
  return {in.data(), std::min(length, in.size())};
}

// load_rulebook of the first `length` bytes of the input buffer.
std::string load_rulebook_input(std::size_t length) {
  std::string result = load_rulebook(input_text(length));
  release_if_large(input_buffer());
  return result;
}

// The quote (or error body) of the first `length` bytes of the input buffer, as a view.
emscripten::val quote_input(int handle, std::size_t length) {
  std::string& out = output_buffer();
  const std::string result = quote(handle, input_text(length));
  out.assign(result.data(), result.size()); // into the kept buffer, not a new one
  release_if_large(input_buffer());
  return emscripten::val(emscripten::typed_memory_view(
      out.size(), reinterpret_cast<const unsigned char*>(out.data())));
}

// {"amount","currency"}: one amount converted by the rulebook's FX rules, or the error body.
std::string convert_amount(int handle, const std::string& args_json) {
  const auto it = rulebooks().find(handle);
  if (it == rulebooks().end()) return disposed();
  return taoquote::convert_amount_json(*it->second, args_json).body;
}

// The diff document of two canonical quotes (docs/diff.md), or the error body.
std::string diff_quotes(const std::string& before, const std::string& after) {
  const auto out = taoquote::diff_quotes_json(before, after);
  return out ? out.value() : taoquote::error_json(out.error());
}

void dispose_rulebook(int handle) {
  rulebooks().erase(handle);
}

// Bytes of linear memory, for leak tests.
std::size_t heap_bytes() {
  return __builtin_wasm_memory_size(0) * 65536u;
}

// Bytes the allocator has handed out and not yet freed, for leak tests.
std::size_t allocated_bytes() {
  return static_cast<std::size_t>(mallinfo().uordblks);
}

// Forces an exception inside the module to prove it is caught, not an abort.
std::string self_test_throw() {
  try {
    throw taoquote::Failure{
        {taoquote::ErrorCode::internal, taoquote::ErrorDoc::request, "", "probe", {}}};
  } catch (const taoquote::Failure& f) {
    return f.error.message;
  }
}

} // namespace

EMSCRIPTEN_BINDINGS(taoquote) {
  emscripten::function("_rulebookView", &rulebook_view);
  emscripten::function("_loadRulebookInput", &load_rulebook_input);
  emscripten::function("_inputView", &input_view);
  emscripten::function("_quoteInput", &quote_input);
  emscripten::function("_convertAmount", &convert_amount);
  emscripten::function("_disposeRulebook", &dispose_rulebook);
  emscripten::function("_diffQuotes", &diff_quotes);
  emscripten::function("_heapBytes", &heap_bytes);
  emscripten::function("_allocatedBytes", &allocated_bytes);
  emscripten::function("_selfTestThrow", &self_test_throw);
}
