// SHA-256 differential test against OpenSSL (native only: links libcrypto, never built for wasm).
#include <doctest/doctest.h>

#ifndef __EMSCRIPTEN__

#include <openssl/sha.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "taoquote/sha256.hpp"

namespace {

std::string hex_of(const unsigned char* digest, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0fu]);
  }
  return out;
}

std::string openssl_hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return hex_of(digest, sizeof digest);
}

std::string ours_hex(const std::array<std::uint8_t, 32>& digest) {
  return hex_of(digest.data(), digest.size());
}

std::string random_bytes(std::mt19937& rng, std::size_t n) {
  std::uniform_int_distribution<int> byte(0, 255);
  std::string out(n, '\0');
  for (char& c : out)
    c = static_cast<char>(static_cast<unsigned char>(byte(rng)));
  return out;
}

// Hashes msg fed in pieces cut at random points (including empty pieces).
std::string split_hex(std::mt19937& rng, const std::string& msg) {
  std::uniform_int_distribution<std::size_t> cuts(0, 8);
  std::uniform_int_distribution<std::size_t> where(0, msg.size());
  std::vector<std::size_t> points{0, msg.size()};
  for (std::size_t k = cuts(rng); k > 0; --k)
    points.push_back(where(rng));
  std::sort(points.begin(), points.end());
  taoquote::Sha256 hasher;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    hasher.update(std::string_view(msg).substr(points[i], points[i + 1] - points[i]));
  }
  return ours_hex(hasher.finish());
}

// A random message of n bytes: the native (OpenSSL) digest, the portable one and the portable
// one fed in random pieces all equal OpenSSL's own SHA256().
void check_random_message(std::mt19937& rng, std::size_t n) {
  const std::string msg = random_bytes(rng, n);
  const std::string expected = openssl_hex(msg);
  REQUIRE(taoquote::sha256_hex(msg) == expected);
  REQUIRE(taoquote::portable_sha256_hex(msg) == expected);
  REQUIRE(split_hex(rng, msg) == expected);
}

} // namespace

TEST_CASE("sha256 vs OpenSSL: every length 0..300") {
  std::mt19937 rng(20240601u);
  for (std::size_t n = 0; n <= 300; ++n) {
    CAPTURE(n);
    check_random_message(rng, n);
  }
}

TEST_CASE("the native (OpenSSL) and portable fingerprints agree on every golden quote") {
  int count = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(TAOQUOTE_TESTS_DIR) + "/vectors/expected")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string body = text.str();
    CAPTURE(entry.path().filename().string());
    CHECK(taoquote::sha256_hex(body) == taoquote::portable_sha256_hex(body));
    CHECK(taoquote::sha256_hex(body) == openssl_hex(body));
    ++count;
  }
  CHECK(count >= 100);
}

TEST_CASE("sha256 vs OpenSSL: random lengths up to 10000, split at random boundaries") {
  std::mt19937 rng(0x5eed5eedu);
  std::uniform_int_distribution<std::size_t> length(0, 10000);
  for (int iteration = 0; iteration < 3000; ++iteration) {
    const std::size_t n = length(rng);
    CAPTURE(iteration);
    CAPTURE(n);
    check_random_message(rng, n);
  }
}

#endif // __EMSCRIPTEN__
