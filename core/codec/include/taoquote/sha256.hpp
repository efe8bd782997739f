// SHA-256 (FIPS 180-4) for quote fingerprints: OpenSSL natively, a portable implementation in
// WebAssembly (where no libcrypto is linked).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace taoquote {

/// Portable incremental SHA-256 hasher (no platform code), so a large canonical document can be
/// fingerprinted in pieces without first concatenating it. After finish() the object is reset and
/// can be reused.
class Sha256 {
public:
  Sha256() noexcept;

  /// Feeds more message bytes; the digest is the same however the message is split.
  void update(std::string_view bytes) noexcept;

  /// Returns the 32-byte digest of everything fed so far and resets to the empty message.
  std::array<std::uint8_t, 32> finish() noexcept;

private:
  void reset() noexcept;
  void compress(const unsigned char* block) noexcept;

  std::array<std::uint32_t, 8> state_{};
  std::array<unsigned char, 64> buffer_{};
  std::size_t buffered_ = 0; ///< bytes waiting in buffer_ (always < 64 between calls)
  std::uint64_t length_ = 0; ///< total message length in bytes
};

/// Lower-case hex SHA-256 digest (64 characters) of bytes: the form stored in quote fingerprints.
/// Natively this is OpenSSL's libcrypto; in WebAssembly it is the portable Sha256 above. Both
/// give the same digest (tested natively over every golden quote and random messages).
std::string sha256_hex(std::string_view bytes);

/// The same digest from the portable implementation on every build (the reference the native
/// OpenSSL path is tested against).
std::string portable_sha256_hex(std::string_view bytes);

/// Lower-case hex of a 32-byte digest.
std::string hex_digest(const std::array<std::uint8_t, 32>& digest);

} // namespace taoquote
