// SHA-256 against the FIPS 180-4 / NIST example vectors; portable, so it also runs under wasm.
#include <doctest/doctest.h>

#include <string>

#include "taoquote/sha256.hpp"

namespace {

std::string hex_of(const std::array<std::uint8_t, 32>& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t byte : digest) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0x0fu]);
  }
  return out;
}

} // namespace

TEST_CASE("sha256: NIST vectors") {
  using taoquote::sha256_hex;
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                   "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu") ==
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST_CASE("sha256: one million 'a'") {
  const std::string expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
  CHECK(taoquote::sha256_hex(std::string(1000000, 'a')) == expected);

  // The same message fed in uneven pieces (crossing block boundaries every way).
  taoquote::Sha256 hasher;
  const std::string chunk(997, 'a');
  std::size_t fed = 0;
  while (fed + chunk.size() <= 1000000) {
    hasher.update(chunk);
    fed += chunk.size();
  }
  hasher.update(std::string(1000000 - fed, 'a'));
  CHECK(hex_of(hasher.finish()) == expected);
}

TEST_CASE("sha256: incremental feeding matches one-shot") {
  const std::string msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  for (std::size_t cut = 0; cut <= msg.size(); ++cut) {
    taoquote::Sha256 hasher;
    hasher.update(std::string_view(msg).substr(0, cut));
    hasher.update(std::string_view{});
    hasher.update(std::string_view(msg).substr(cut));
    CHECK(hex_of(hasher.finish()) == taoquote::sha256_hex(msg));
  }
}

TEST_CASE("sha256: finish resets the hasher for reuse") {
  taoquote::Sha256 hasher;
  hasher.update("some earlier message");
  (void)hasher.finish();
  hasher.update("abc");
  CHECK(hex_of(hasher.finish()) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex_of(hasher.finish()) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("sha256: bytes are hashed as unsigned octets") {
  // "\xff" is a negative char where char is signed; it must hash as the octet 0xff.
  CHECK(taoquote::sha256_hex(std::string(1, '\xff')) ==
        "a8100ae6aa1940d0b663bb31cd466142ebbdbd5187131b92d93818987832eb89");
  CHECK(taoquote::sha256_hex(std::string(1, '\0')) ==
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}
