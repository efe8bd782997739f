// Signed offers: the signing payload's exact bytes, base64url, Ed25519 against RFC 8032's first
// test vector, key sets, and a signed request read back with its signatures intact.
#include "offer_keys.hpp"
#include "taoquote/codec.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace taoquote;

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

Decimal dec(const char* s) {
  Decimal d;
  REQUIRE(Decimal::parse(s, d) == DecimalSyntax::ok);
  return d;
}

Offer tiered() {
  Offer o;
  o.seller = "s1";
  o.tiers = {{1, dec("15.00")}, {3, dec("12.50")}};
  o.moq = 2;
  o.expires_at = parse_instant("2026-12-01T00:00:00Z");
  return o;
}

} // namespace

TEST_CASE("the offer signing payload: canonical bytes, amounts trimmed, keys in byte order") {
  Item item;
  item.id = "tee";
  CHECK(offer_signing_payload(item, tiered(), "CNY") ==
        R"({"currency":"CNY","expires_at":"2026-12-01T00:00:00Z","item":"tee","moq":2,)"
        R"("schema":"taoquote.offer/1","seller":"s1","tiers":[{"min_qty":1,"unit_price":"15"},)"
        R"({"min_qty":3,"unit_price":"12.5"}]})");
  Offer a = tiered(), b = tiered();
  b.tiers[0].unit_price = dec("15.0000");
  CHECK(offer_signing_payload(item, a, "CNY") == offer_signing_payload(item, b, "CNY"));
  b.tiers[0].unit_price = dec("1.50");
  CHECK(offer_signing_payload(item, a, "CNY") != offer_signing_payload(item, b, "CNY"));
  Offer flat;
  flat.seller = "s2";
  flat.tiers = {{1, dec("9.90")}};
  CHECK(offer_signing_payload(item, flat, "CNY").find(R"("expires_at":null)") != std::string::npos);
}

TEST_CASE("base64url: round trip, no padding, one spelling only") {
  for (const std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"})
    CHECK(offers::base64url_decode(offers::base64url_encode(s)) == s);
  CHECK(offers::base64url_encode("\xfb\xff") == "-_8");
  CHECK_FALSE(offers::base64url_decode("-_9")); // non-zero unused bits
  CHECK_FALSE(offers::base64url_decode("a+b/"));
  CHECK_FALSE(offers::base64url_decode("abcde"));
}

TEST_CASE("Ed25519 verifies RFC 8032's first test vector") {
  const std::string pub =
      from_hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  const std::string sig = from_hex(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701c"
      "f9b46bd25bf5f0595bbe24655141438e7a100b");
  std::string why;
  const auto keys = offers::PublicKeys::from_jwks(
      R"({"keys":[{"kty":"OKP","crv":"Ed25519","kid":"rfc8032","x":")" +
          offers::base64url_encode(pub) + R"("}]})",
      why);
  REQUIRE_MESSAGE(keys, why);
  CHECK(keys->verify("rfc8032", "", offers::base64url_encode(sig)) == offers::Check::ok);
  CHECK(keys->verify("rfc8032", "x", offers::base64url_encode(sig)) == offers::Check::invalid);
  CHECK(keys->verify("other", "", offers::base64url_encode(sig)) == offers::Check::unknown_key);
}

TEST_CASE("a generated key signs offers that its public key set verifies") {
  const auto key = offers::PrivateKey::generate();
  std::string why;
  const auto again = offers::PrivateKey::from_pem(key.to_pem(), why);
  REQUIRE_MESSAGE(again, why);
  const auto keys =
      offers::PublicKeys::from_jwks(R"({"keys":[)" + again->public_jwk("k1") + "]}", why);
  REQUIRE_MESSAGE(keys, why);
  CHECK(keys->kids() == std::vector<std::string>{"k1"});
  Item item;
  item.id = "tee";
  Offer o = tiered();
  offers::sign_offer(*again, "k1", item, o, "CNY");
  REQUIRE(o.signature);
  CHECK(o.signature->value.size() == 86);
  CHECK(keys->verify("k1", offer_signing_payload(item, o, "CNY"), o.signature->value) ==
        offers::Check::ok);
  o.tiers[1].min_qty = 2;
  CHECK(keys->verify("k1", offer_signing_payload(item, o, "CNY"), o.signature->value) ==
        offers::Check::invalid);
}

TEST_CASE("key sets are refused without echoing key material") {
  const std::string x = "JeM6vonJuKfnH-I8woHQoxRzpECd0yTgzrmrPyyYTeY";
  const std::string k = R"({"kty":"OKP","crv":"Ed25519","kid":"k1","x":")" + x + "\"";
  std::string why;
  CHECK_FALSE(offers::PublicKeys::from_jwks("{\"keys\":[" + k + "}," + k + "}]}", why));
  CHECK(why.find("twice") != std::string::npos);
  CHECK_FALSE(offers::PublicKeys::from_jwks("{\"keys\":[" + k + ",\"d\":\"" + x + "\"}]}", why));
  CHECK(why.find("private key") != std::string::npos);
  CHECK_FALSE(offers::PublicKeys::from_jwks(R"({"keys":[{"kty":"RSA","kid":"k1"}]})", why));
  CHECK_FALSE(offers::PublicKeys::from_jwks(R"({"keys":[]})", why));
  CHECK_FALSE(offers::PublicKeys::from_jwks("not json", why));
  CHECK(why.find(x) == std::string::npos);
  CHECK_FALSE(offers::PrivateKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n", why));
}

TEST_CASE("a signed request is read with its expiries and signatures intact") {
  const std::string sig(86, 'A');
  const auto rq = parse_request(
      R"({"at":"2026-11-25T08:00:00Z","destination":{"country":"DE"},)"
      R"("sellers":[{"id":"s1","platform":"1688","shipping":"8.00"}],)"
      R"("items":[{"id":"tee","title":"T","hs_code":"610910","quantity":3,"weight_g":180,)"
      R"("dimensions_cm":[30,25,2],"offers":[{"seller":"s1","unit_price":"15.00",)"
      R"("expires_at":"2026-12-01T00:00:00Z","signature":{"kid":"k1","alg":"ed25519","value":")" +
      sig + R"("}}]}]})");
  REQUIRE(rq);
  const Offer& o = rq.value().items[0].offers[0];
  REQUIRE(o.signature);
  CHECK(o.signature->kid == "k1");
  CHECK(o.signature->alg == "ed25519");
  CHECK(o.signature->value == sig);
  CHECK(format_instant(*o.expires_at) == "2026-12-01T00:00:00Z");
}
