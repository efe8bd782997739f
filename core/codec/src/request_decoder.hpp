// Private: requests decoded straight from nlohmann_json's SAX events into the typed Request,
// without building a DOM (docs/schema.md, "Request").
#pragma once

#include "taoquote/request.hpp"

#include <string_view>

namespace taoquote::codec {

/// Decodes a request. Throws Failure with the same codes, pointers and sentences the rulebook
/// reader uses for the same kinds of mistakes: INVALID_JSON (syntax, duplicate keys, nesting
/// deeper than 32) wins over any field error; otherwise the first field error in document
/// order. Cross-field rules (unique ids, declared sellers, tier order) are left to
/// validate_request.
Request decode_request(std::string_view text);

} // namespace taoquote::codec
