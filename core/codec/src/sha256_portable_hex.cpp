// sha256_hex on builds without OpenSSL (WebAssembly): the portable implementation.
#include "taoquote/sha256.hpp"

namespace taoquote {

std::string sha256_hex(std::string_view bytes) {
  return portable_sha256_hex(bytes);
}

} // namespace taoquote
