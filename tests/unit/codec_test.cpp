// The JSON boundary: canonical form, digests, fingerprints and the error body.
#include "taoquote/codec.hpp"
#include "taoquote/sha256.hpp"

#include "json_reader.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <functional>

namespace {

std::string fixture() {
  return taoquote::test::fixture_text();
}
std::string base_request() {
  return taoquote::test::base_request_text();
}

} // namespace

TEST_CASE("rulebook digest ignores layout but not content") {
  const std::string text = fixture();
  const auto a = taoquote::load_rulebook(text);
  const auto b = taoquote::load_rulebook(nlohmann::json::parse(text).dump()); // no whitespace
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a.value()->digest == b.value()->digest);
  CHECK(a.value()->digest == "sha256:" + taoquote::sha256_hex(nlohmann::json::parse(text).dump()));
  auto changed = nlohmann::json::parse(text);
  changed["service_fee"]["rate"] = "0.051";
  const auto c = taoquote::load_rulebook(changed.dump());
  REQUIRE(c.ok());
  CHECK(c.value()->digest != a.value()->digest);
}

TEST_CASE("the digest's bytes are nlohmann's dump() of the document without its $schema") {
  // Reference: copy the document, erase the member, dump — what the digest was defined over.
  const auto reference = [](nlohmann::json j) {
    if (j.is_object()) j.erase("$schema");
    return j.dump();
  };
  std::vector<std::string> documents{
      fixture(), taoquote::test::slurp(TAOQUOTE_RULES_DIR "/sample-rulebook.json"),
      R"({"$schema":"x","b":[1,-2,18446744073709551615,9223372036854775807,-9223372036854775808],)"
      R"("a":{"$schema":"kept below the top","":"empty key","f":1.5e300,"g":-0.0,"h":0.1},)"
      R"("s":"quote \" back\\slash \u0001\u001f\b\f\n\r\t \u007f é 漢 😀 /","n":null,)"
      R"("t":true,"u":false,"e":{},"z":[]})",
      R"([{"$schema":"an array's element keeps it"},"x"])", R"("a lone string")",
      // Escapes after whole clean 8-byte words, at a word's last byte, and amid UTF-8.
      R"(["0123456789abcdef\"tail\n","1234567\\","ünïcödé ünïcödé\t€€€€€€€€\u001b","12345678"])",
      R"({"only":"no $schema at all"})"};
  for (const std::string& text : documents) {
    const auto j = nlohmann::json::parse(text);
    CHECK(taoquote::codec::dump_without(j, "$schema") == reference(j));
  }
  // An element of the kind a broken writer would drop or misplace shows up in the bytes.
  CHECK(taoquote::codec::dump_without(nlohmann::json::parse(documents[2]), "$schema")
            .find("\"\":\"empty key\"") != std::string::npos);
}

TEST_CASE("canonical quote: key order, amounts as strings, fingerprint over the rest") {
  const auto rb = taoquote::load_rulebook(fixture());
  REQUIRE(rb.ok());
  const auto out = taoquote::quote_json(*rb.value(), base_request());
  REQUIRE(out.ok);
  const auto j = nlohmann::ordered_json::parse(out.body);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items())
    keys.push_back(k);
  const std::vector<std::string> expected_keys{
      "schema",          "rulebook", "at",       "expires_at", "destination", "currency", "items",
      "sellers",         "parcel",   "options",  "selected",   "customs",     "charges",  "total",
      "due_on_delivery", "fx",       "warnings", "fingerprint"};
  CHECK(keys == expected_keys);
  CHECK(j["schema"] == "taoquote.quote/1");
  // No JSON number anywhere an amount could be: every number is a whole count.
  std::function<void(const nlohmann::ordered_json&)> walk = [&](const nlohmann::ordered_json& v) {
    CHECK_FALSE(v.is_number_float());
    if (v.is_structured())
      for (const auto& x : v)
        walk(x);
  };
  walk(j);
  // The fingerprint is SHA-256 of the canonical bytes without the fingerprint member.
  const std::string fp = j["fingerprint"];
  const auto cut = out.body.rfind(",\"fingerprint\":");
  REQUIRE(cut != std::string::npos);
  CHECK(fp == "sha256:" + taoquote::sha256_hex(out.body.substr(0, cut) + "}"));
  // Same input twice → same bytes.
  CHECK(taoquote::quote_json(*rb.value(), base_request()).body == out.body);
}

TEST_CASE("the breakdown adds up to the total to the last minor unit") {
  const auto rb = taoquote::load_rulebook(fixture());
  REQUIRE(rb.ok());
  for (const char* country : {"DE", "US", "GB", "JP", "KR", "CA", "AU", "KW", "CH"}) {
    auto req = nlohmann::json::parse(base_request());
    req["destination"]["country"] = country;
    const auto r = taoquote::parse_request(req.dump());
    REQUIRE(r.ok());
    const auto q = taoquote::compute_quote(*rb.value(), r.value());
    REQUIRE_MESSAGE(q.ok(), country);
    taoquote::Decimal checkout, delivery;
    for (const auto& c : q.value().charges)
      (c.collect == taoquote::Collect::checkout ? checkout : delivery) += c.amount.amount();
    CHECK_MESSAGE(checkout == q.value().total.amount(), country);
    CHECK_MESSAGE(delivery == q.value().due_on_delivery.amount(), country);
    const auto minor = q.value().currency.minor_units;
    for (const auto& c : q.value().charges) {
      const auto& cur = c.amount.currency();
      CHECK(c.amount.amount().is_multiple_of(taoquote::Decimal::quantum(cur.minor_units)));
      CHECK((c.collect == taoquote::Collect::checkout
                 ? q.value().currency.code
                 : q.value().customs.currency.code) == cur.code);
    }
    CHECK(q.value().total.amount().scale() <= minor);
    CHECK(q.value().total.currency().code == q.value().currency.code);
  }
}

TEST_CASE("error body shape is shared by every binding") {
  const taoquote::Error e{taoquote::ErrorCode::below_moq,
                          taoquote::ErrorDoc::request,
                          "/items/3/quantity",
                          "Too few.",
                          {}};
  CHECK(
      taoquote::error_json(e) ==
      R"({"error":{"code":"BELOW_MOQ","doc":"request","path":"/items/3/quantity","message":"Too few."}})");
  CHECK(taoquote::pointer_join("/a", "b/c~d") == "/a/b~1c~0d");
}

TEST_CASE("typed API and JSON API agree") {
  const auto rb = taoquote::load_rulebook(fixture());
  const auto r = taoquote::parse_request(base_request());
  REQUIRE(rb.ok());
  REQUIRE(r.ok());
  const auto q = taoquote::compute_quote(*rb.value(), r.value());
  REQUIRE(q.ok());
  CHECK(taoquote::canonical_json(q.value()) ==
        taoquote::quote_json(*rb.value(), base_request()).body);
  CHECK(taoquote::fingerprint(q.value()) ==
        nlohmann::json::parse(taoquote::canonical_json(q.value()))["fingerprint"]);
}

TEST_CASE("canonical writer matches nlohmann_json's serialisation byte for byte") {
  // nlohmann parses the canonical bytes and dumps them again: any difference in escaping,
  // spacing or number form would show. Line names carry quotes, control characters and UTF-8.
  auto rb_json = nlohmann::json::parse(fixture());
  rb_json["lines"][0]["name"] = "EMS \"express\"\t\\ 中国邮政 \x01\x1f\n";
  rb_json["lines"][1]["name"] = "DHL/Express ✈ é";
  const auto rb = taoquote::load_rulebook(rb_json.dump());
  REQUIRE(rb.ok());
  for (const char* country : {"DE", "JP", "KW", "CH", "US"}) {
    auto req = nlohmann::json::parse(base_request());
    req["destination"]["country"] = country;
    const auto out = taoquote::quote_json(*rb.value(), req.dump());
    REQUIRE_MESSAGE(out.ok, out.body);
    CHECK(nlohmann::ordered_json::parse(out.body).dump() == out.body);
  }
}
