// sha256_hex on native builds: OpenSSL's libcrypto (SHA-NI / AVX2 where the processor has them).
#include "taoquote/sha256.hpp"

#include <openssl/evp.h>

namespace taoquote {
namespace {

// One fetched implementation for the process; a thread's context is reused between calls, so
// hashing allocates nothing after the first quote on each thread.
struct Context {
  EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~Context() {
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
  }
};

} // namespace

std::string sha256_hex(std::string_view bytes) {
  static thread_local Context c;
  std::array<std::uint8_t, 32> digest{};
  unsigned int length = 0;
  if (c.md && c.ctx && EVP_DigestInit_ex2(c.ctx, c.md, nullptr) == 1 &&
      EVP_DigestUpdate(c.ctx, bytes.data(), bytes.size()) == 1 &&
      EVP_DigestFinal_ex(c.ctx, digest.data(), &length) == 1 && length == digest.size())
    return hex_digest(digest);
  return portable_sha256_hex(bytes); // libcrypto unusable (e.g. no provider): same digest
}

} // namespace taoquote
