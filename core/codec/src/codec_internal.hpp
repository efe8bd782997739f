// Private: entry points of the codec's translation units, wrapped by api.cpp.
#pragma once

#include "taoquote/codec.hpp"

namespace taoquote::codec {

/// Throws Failure; api.cpp turns it into a Result.
Result<std::shared_ptr<const Rulebook>> load_rulebook_impl(std::string_view text);
/// Throws Failure; api.cpp turns it into a Result.
Request parse_request_impl(std::string_view text);
/// The canonical JSON of the quote without its fingerprint field.
std::string write_quote(const Quote& quote);

} // namespace taoquote::codec
