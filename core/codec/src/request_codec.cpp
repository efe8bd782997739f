// Request JSON → typed Request (docs/schema.md): the codec's entry point, decoded without a DOM.
#include "codec_internal.hpp"
#include "request_decoder.hpp"

namespace taoquote::codec {

Request parse_request_impl(std::string_view text) {
  return decode_request(text); // cross-field rules: once, in compute_quote (validate_request)
}

} // namespace taoquote::codec
