// gzip (RFC 1952) of a whole text in memory, with zlib: the rulebook is compressed once per
// snapshot, so GET /v1/rulebook costs a client a seventh of its bytes.
#pragma once

#include <string>
#include <string_view>

namespace taoquote::service {

/// The gzip member of `text` at the best compression; "" if zlib fails (out of memory), in
/// which case callers send the text as it is.
std::string gzip_compress(std::string_view text);

} // namespace taoquote::service
