// SHA-256 (FIPS 180-4): portable C++17, byte-order independent, no allocation while hashing.
#include "taoquote/sha256.hpp"

namespace taoquote {
namespace {

constexpr std::array<std::uint32_t, 64> kRound = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u,
    0xab1c5ed5u, 0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu,
    0x9bdc06a7u, 0xc19bf174u, 0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu,
    0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau, 0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
    0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu,
    0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u, 0xa2bfe8a1u, 0xa81a664bu,
    0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u, 0x19a4c116u,
    0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u,
    0xc67178f2u};

constexpr std::array<std::uint32_t, 8> kInitial = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u,
                                                   0xa54ff53au, 0x510e527fu, 0x9b05688cu,
                                                   0x1f83d9abu, 0x5be0cd19u};

// n is always in 1..31 here, so neither shift is by 0 or 32.
constexpr std::uint32_t rotr(std::uint32_t x, unsigned n) noexcept {
  return (x >> n) | (x << (32u - n));
}

// Big-endian load; each byte is widened to uint32_t before shifting (no int promotion).
std::uint32_t load_be32(const unsigned char* p) noexcept {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

void store_be32(std::uint8_t* p, std::uint32_t v) noexcept {
  p[0] = static_cast<std::uint8_t>(v >> 24);
  p[1] = static_cast<std::uint8_t>(v >> 16);
  p[2] = static_cast<std::uint8_t>(v >> 8);
  p[3] = static_cast<std::uint8_t>(v);
}

// One round of FIPS 180-4 §6.2.2 step 3 with the working variables named by the caller in
// their current rotation: only d and h change, so eight calls with the names rotated by one
// make eight rounds without moving the variables. Ch and Maj are written in their shorter
// equivalent forms, g ^ (e & (f ^ g)) and (a & b) | (c & (a | b)): a step fewer each.
inline void sha_round(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t& d,
                      std::uint32_t e, std::uint32_t f, std::uint32_t g, std::uint32_t& h,
                      std::uint32_t k_plus_w) noexcept {
  const std::uint32_t t1 =
      h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + (g ^ (e & (f ^ g))) + k_plus_w;
  const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) | (c & (a | b)));
  d += t1;
  h = t1 + t2;
}

// Message schedule word t ≥ 16 (FIPS 180-4 §6.2.2 step 1), computed in place in a ring of the
// last 16 words: w[t mod 16] holds W(t-16) and becomes W(t). Computing it as the rounds need
// it, rather than all 64 words first, and the shorter Ch and Maj made the hash ≈ 10 % faster
// in wasm (docs/performance.md).
inline std::uint32_t schedule(std::array<std::uint32_t, 16>& w, std::size_t t) noexcept {
  const std::uint32_t w15 = w[(t + 1) & 15u], w2 = w[(t + 14) & 15u];
  const std::uint32_t s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3);
  const std::uint32_t s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10);
  return w[t & 15u] += s0 + w[(t + 9) & 15u] + s1;
}

} // namespace

Sha256::Sha256() noexcept {
  reset();
}

void Sha256::reset() noexcept {
  state_ = kInitial;
  buffer_.fill(0);
  buffered_ = 0;
  length_ = 0;
}

void Sha256::compress(const unsigned char* block) noexcept {
  std::array<std::uint32_t, 16> w; // every entry is written before it is read
  for (std::size_t t = 0; t < 16; ++t)
    w[t] = load_be32(block + 4 * t);

  std::uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3];
  std::uint32_t e = state_[4], f = state_[5], g = state_[6], h = state_[7];
  for (std::size_t t = 0; t < 16; t += 8) {
    sha_round(a, b, c, d, e, f, g, h, kRound[t] + w[t]);
    sha_round(h, a, b, c, d, e, f, g, kRound[t + 1] + w[t + 1]);
    sha_round(g, h, a, b, c, d, e, f, kRound[t + 2] + w[t + 2]);
    sha_round(f, g, h, a, b, c, d, e, kRound[t + 3] + w[t + 3]);
    sha_round(e, f, g, h, a, b, c, d, kRound[t + 4] + w[t + 4]);
    sha_round(d, e, f, g, h, a, b, c, kRound[t + 5] + w[t + 5]);
    sha_round(c, d, e, f, g, h, a, b, kRound[t + 6] + w[t + 6]);
    sha_round(b, c, d, e, f, g, h, a, kRound[t + 7] + w[t + 7]);
  }
  for (std::size_t t = 16; t < 64; t += 8) {
    sha_round(a, b, c, d, e, f, g, h, kRound[t] + schedule(w, t));
    sha_round(h, a, b, c, d, e, f, g, kRound[t + 1] + schedule(w, t + 1));
    sha_round(g, h, a, b, c, d, e, f, kRound[t + 2] + schedule(w, t + 2));
    sha_round(f, g, h, a, b, c, d, e, kRound[t + 3] + schedule(w, t + 3));
    sha_round(e, f, g, h, a, b, c, d, kRound[t + 4] + schedule(w, t + 4));
    sha_round(d, e, f, g, h, a, b, c, kRound[t + 5] + schedule(w, t + 5));
    sha_round(c, d, e, f, g, h, a, b, kRound[t + 6] + schedule(w, t + 6));
    sha_round(b, c, d, e, f, g, h, a, kRound[t + 7] + schedule(w, t + 7));
  }
  state_[0] += a;
  state_[1] += b;
  state_[2] += c;
  state_[3] += d;
  state_[4] += e;
  state_[5] += f;
  state_[6] += g;
  state_[7] += h;
}

void Sha256::update(std::string_view bytes) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  if (n == 0) return; // also keeps a null data() out of the pointer arithmetic below
  length_ += static_cast<std::uint64_t>(n);

  if (buffered_ > 0) {
    const std::size_t take = n < 64 - buffered_ ? n : 64 - buffered_;
    for (std::size_t i = 0; i < take; ++i)
      buffer_[buffered_ + i] = p[i];
    buffered_ += take;
    p += take;
    n -= take;
    if (buffered_ < 64) return;
    compress(buffer_.data());
    buffered_ = 0;
  }
  for (; n >= 64; p += 64, n -= 64)
    compress(p);
  for (std::size_t i = 0; i < n; ++i)
    buffer_[i] = p[i];
  buffered_ = n;
}

std::array<std::uint8_t, 32> Sha256::finish() noexcept {
  // FIPS 180-4 §5.1.1: the message length is in bits, modulo 2^64.
  const std::uint64_t bit_length = length_ << 3;

  buffer_[buffered_++] = 0x80u;
  if (buffered_ > 56) {
    while (buffered_ < 64)
      buffer_[buffered_++] = 0;
    compress(buffer_.data());
    buffered_ = 0;
  }
  while (buffered_ < 56)
    buffer_[buffered_++] = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    buffer_[56 + i] = static_cast<unsigned char>(bit_length >> (56 - 8 * i));
  }
  compress(buffer_.data());

  std::array<std::uint8_t, 32> digest{};
  for (std::size_t i = 0; i < 8; ++i)
    store_be32(digest.data() + 4 * i, state_[i]);
  reset();
  return digest;
}

std::string hex_digest(const std::array<std::uint8_t, 32>& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(64, '0');
  for (std::size_t i = 0; i < digest.size(); ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0x0fu];
  }
  return out;
}

std::string portable_sha256_hex(std::string_view bytes) {
  Sha256 hasher;
  hasher.update(bytes);
  return hex_digest(hasher.finish());
}

} // namespace taoquote
