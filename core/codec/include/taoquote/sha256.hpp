// SHA-256 (FIPS 180-4) for quote fingerprints, portable to native and WebAssembly builds.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace taoquote {

/// Incremental SHA-256 hasher, so a large canonical document can be fingerprinted in pieces
/// without first concatenating it. After finish() the object is reset and can be reused.
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
std::string sha256_hex(std::string_view bytes);

} // namespace taoquote
