// The quote diff (docs/diff.md): identical quotes, an FX change alone, a source and an FX change
// split by the documented scheme, quotes in different currencies, extra fields, and errors that
// point into {"before", "after"}. Expected amounts are worked out by hand in the comments.
#include "taoquote/diff.hpp"

#include "taoquote/codec.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace {

using namespace taoquote;
using nlohmann::json;

/// Case 068's request (three blouses to DE at 2026-07-01).
json base_request() {
  return json::parse(
      test::test_file("vectors/cases/068-eu-after-2026-07-01-categories.json"))["request"];
}

/// `request` quoted live on fixture-a.
json quote_of(const json& request) {
  const auto rb = load_rulebook(test::fixture_text());
  REQUIRE(rb.ok());
  const JsonOutcome out = quote_json(*rb.value(), request.dump());
  REQUIRE(out.ok);
  return json::parse(out.body);
}

/// Case 068 (three blouses to DE at 2026-07-01, line SAL) quoted live on fixture-a.
json base_quote() {
  return quote_of(base_request());
}

json diff(const json& before, const json& after) {
  const auto out = diff_quotes_json(before.dump(), after.dump());
  REQUIRE(out.ok());
  return json::parse(out.value());
}

json& charge(json& quote, const char* code) {
  for (json& c : quote["charges"])
    if (c["code"] == code) return c;
  FAIL("no charge " << code);
  throw 0;
}

/// The before quote with the CNY→EUR charged rate 0.1275 → 0.128 and GOODS reconverted:
/// 310.00 CNY × 0.128 = 39.68 EUR (was 39.53), so the total 62.67 → 62.82.
json fx_moved(json q) {
  REQUIRE(q["fx"]["rates"][0]["charged"] == "0.1275");
  REQUIRE(charge(q, "GOODS")["amount"] == "39.53");
  REQUIRE(q["total"] == "62.67");
  q["fx"]["rates"][0]["charged"] = "0.128";
  charge(q, "GOODS")["amount"] = "39.68";
  q["total"] = "62.82";
  return q;
}

TEST_CASE("diff: a quote against itself has no changes and no charges") {
  const json q = base_quote();
  const json d = diff(q, q);
  CHECK(d["schema"] == "taoquote.diff/1");
  CHECK(d["changes"].empty());
  CHECK(d["charges"].empty());
  CHECK(d["total"]["delta"] == "0.00");
  CHECK(d["comparable"] == true);
}

TEST_CASE("diff: an FX rate change alone is the whole change of the converted charge") {
  const json before = base_quote();
  const json d = diff(before, fx_moved(before));
  CHECK(d["total"]["delta"] == "0.15");
  REQUIRE(d["charges"].size() == 1);
  const json& goods = d["charges"][0];
  CHECK(goods["code"] == "GOODS");
  CHECK(goods["delta"] == "0.15");
  REQUIRE(goods["causes"].size() == 1);
  CHECK(goods["causes"][0]["kind"] == "fx");
  CHECK(goods["causes"][0]["ref"] == "CNY/EUR");
  CHECK(goods["causes"][0]["amount"] == "0.15");
  CHECK(d["changes"][0]["kind"] == "fx");
}

TEST_CASE("diff: a source change and an FX change are split at the before rate") {
  // Item i1 120.00 → 130.00 CNY, so GOODS 310.00 → 320.00 CNY; at the new rate 320 × 0.128 =
  // 40.96. At the before rate 320 × 0.1275 = 40.80: the price part is 40.80 − 39.53 = 1.27 and
  // the FX part 40.96 − 40.80 = 0.16; together 1.43 = 40.96 − 39.53.
  const json before = base_quote();
  json after = fx_moved(before);
  after["items"][0]["unit_price"] = "130.00";
  after["items"][0]["amount"] = "130.00";
  charge(after, "GOODS")["source_amount"] = "320.00";
  charge(after, "GOODS")["amount"] = "40.96";
  after["total"] = "64.10";
  const json d = diff(before, after);
  CHECK(d["total"]["delta"] == "1.43");
  const json& goods = d["charges"][0];
  CHECK(goods["delta"] == "1.43");
  REQUIRE(goods["causes"].size() == 2);
  CHECK(goods["causes"][0]["kind"] == "fx");
  CHECK(goods["causes"][0]["amount"] == "0.16");
  CHECK(goods["causes"][1]["kind"] == "unit_price");
  CHECK(goods["causes"][1]["ref"] == "i1");
  CHECK(goods["causes"][1]["amount"] == "1.27");
}

TEST_CASE("diff: goods settled in the base currency split per item with no rounding") {
  // Settled in CNY (no conversion, rate 1): i1 120.00 → 125.50 and i2 95.00 → 90.00 CNY are the
  // goods change 5.50 − 5.00 = 0.50 exactly, one cause per item.
  json request = base_request();
  request["currency"] = "CNY";
  const json before = quote_of(request);
  request["items"][0]["offers"][0]["unit_price"] = "125.50";
  request["items"][1]["offers"][0]["unit_price"] = "90.00";
  const json d = diff(before, quote_of(request));
  REQUIRE(d["charges"].size() >= 1);
  const json& goods = d["charges"][0];
  CHECK(goods["code"] == "GOODS");
  CHECK(goods["currency"] == "CNY");
  CHECK(goods["delta"] == "0.50");
  REQUIRE(goods["causes"].size() == 2);
  CHECK(goods["causes"][0]["ref"] == "i1");
  CHECK(goods["causes"][0]["kind"] == "unit_price");
  CHECK(goods["causes"][0]["amount"] == "5.50");
  CHECK(goods["causes"][1]["ref"] == "i2");
  CHECK(goods["causes"][1]["amount"] == "-5.00");
}

TEST_CASE("diff: the text form states the totals and each cause") {
  const json before = base_quote();
  const auto text = diff_quotes_text(before.dump(), fx_moved(before).dump());
  REQUIRE(text.ok());
  CHECK(text.value().find("Total EUR: 62.67 -> 62.82 (+0.15)\n") != std::string::npos);
  CHECK(text.value().find("+0.15     fx") != std::string::npos);
}

TEST_CASE("diff: extra fields are ignored and the output is deterministic") {
  const json before = base_quote();
  json after = fx_moved(before);
  after["a_future_field"] = {{"x", 1}};
  after["charges"][0]["another"] = "y";
  const auto one = diff_quotes_json(before.dump(), after.dump());
  const auto two = diff_quotes_json(before.dump(), after.dump());
  REQUIRE(one.ok());
  REQUIRE(two.ok());
  CHECK(one.value() == two.value());
  CHECK(one.value() == diff_quotes_json(before.dump(), fx_moved(before).dump()).value());
}

TEST_CASE("diff: quotes settled in different currencies compare only what they can") {
  const json before = base_quote();
  json after = before;
  after["currency"] = "USD";
  for (json& c : after["charges"])
    c["currency"] = "USD";
  const json d = diff(before, after);
  CHECK(d["comparable"] == false);
  CHECK(d["total"]["delta"].is_null());
  CHECK(d["charges"].empty());
  REQUIRE(d["notes"].size() == 1);
  CHECK(d["changes"][0]["kind"] == "currency");
}

void check_error(const std::string& before, const std::string& after, ErrorCode code,
                 const char* path) {
  const auto out = diff_quotes_json(before, after);
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().code == code);
  CHECK(out.error().path == path);
  CHECK_FALSE(out.error().message.empty());
}

TEST_CASE("diff: errors are values that point into {before, after}") {
  const json q = base_quote();
  check_error("{", q.dump(), ErrorCode::invalid_json, "/before");
  json number = q;
  number["charges"][0]["amount"] = 39.53;
  check_error(q.dump(), number.dump(), ErrorCode::invalid_amount, "/after/charges/0/amount");
  check_error(q.dump(), R"({"error":{"code":"NO_OFFER"}})", ErrorCode::invalid_field, "/after");
  json schema = q;
  schema["schema"] = "taoquote.quote/9";
  check_error(schema.dump(), q.dump(), ErrorCode::unsupported_schema, "/before/schema");
  json missing = q;
  missing["customs"].erase("duty");
  check_error(q.dump(), missing.dump(), ErrorCode::invalid_field, "/after/customs");
}

} // namespace
