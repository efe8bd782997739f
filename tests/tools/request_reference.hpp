// A reference request reader on a DOM (nlohmann_json values walked field by field), kept in the
// tests as an independent check of the codec's SAX decoder: both must accept the same
// requests, build the same Request and, for a document with one mistake, report the same error.
#pragma once

#include "taoquote/request.hpp"

#include <string>
#include <string_view>

namespace taoquote::test {

/// Reads a request through the DOM; throws taoquote::Failure like the codec.
Request reference_parse_request(std::string_view text);

/// Every field of a request in a fixed textual form, for comparing two decoders.
std::string describe(const Request& request);

} // namespace taoquote::test
