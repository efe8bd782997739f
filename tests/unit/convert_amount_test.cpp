// convert_amount (taoquote/convert_amount.hpp) against the quote's own conversion: over every
// golden vector, each checkout charge's settled amount equals convert_amount of its source
// amount into the quote's currency, natively and through convert_amount_json; plus the
// single-amount cases (same currency, no markup, minor units, rounding) and every error.
#include "taoquote/convert_amount.hpp"
#include "taoquote/convert_codec.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace {

using namespace taoquote;

std::shared_ptr<const Rulebook> sample() {
  static const auto rb =
      load_rulebook(test::slurp(std::string(TAOQUOTE_RULES_DIR) + "/sample-rulebook.json"));
  REQUIRE(rb.ok());
  return rb.value();
}

std::string convert(const Rulebook& rb, const std::string& args) {
  return convert_amount_json(rb, args).body;
}

} // namespace

TEST_CASE("convert_amount equals the quote's conversion of every checkout charge") {
  const std::string dir = std::string(TAOQUOTE_TESTS_DIR) + "/vectors";
  std::map<std::string, std::shared_ptr<const Rulebook>> rulebooks;
  std::size_t converted = 0, same = 0;
  for (const auto& name : taoquote::test::json_file_names(dir + "/cases")) {
    const auto c = nlohmann::json::parse(test::slurp(dir + "/cases/" + name));
    const std::string rb_name = c.at("rulebook");
    if (!rulebooks.count(rb_name)) {
      const auto rb = load_rulebook(test::slurp(dir + "/rulebooks/" + rb_name + ".json"));
      REQUIRE(rb.ok());
      rulebooks[rb_name] = rb.value();
    }
    const Rulebook& rb = *rulebooks[rb_name];
    const auto q = quote_request(rb, c.at("request").dump());
    if (!q) continue;
    for (const Charge& ch : q.value().charges) {
      if (ch.collect != Collect::checkout) continue;
      const auto got = convert_amount(rb, ch.source, q.value().currency);
      REQUIRE_MESSAGE(got.ok(), name);
      CHECK_MESSAGE(got.value().to_string() == ch.amount.to_string(), name, " ", ch.code);
      CHECK(got.value().currency().code == ch.amount.currency().code);
      if (ch.source.amount().is_negative()) continue; // cash rounding: JSON takes amounts ≥ 0
      const nlohmann::json args{{"amount", ch.source.to_string()},
                                {"from", std::string(ch.source.currency().code)},
                                {"to", std::string(q.value().currency.code)}};
      CHECK_MESSAGE(convert(rb, args.dump()) == "{\"amount\":\"" + ch.amount.to_string() +
                                                    "\",\"currency\":\"" +
                                                    std::string(ch.amount.currency().code) + "\"}",
                    name, " ", ch.code);
      (ch.source.currency().code == q.value().currency.code ? same : converted)++;
    }
  }
  MESSAGE("checkout charges checked: ", converted, " converted, ", same, " same-currency");
  CHECK(converted >= 200);
  CHECK(same >= 20);
}

TEST_CASE("convert_amount: markup, minor units, rounding once") {
  const Rulebook& rb = *sample();
  // Same currency: settled to its minor unit, no markup.
  CHECK(convert(rb, R"({"amount":"12.345","from":"CNY","to":"CNY"})") ==
        R"({"amount":"12.35","currency":"CNY"})");
  CHECK(convert(rb, R"({"amount":"0","from":"CNY","to":"EUR"})") ==
        R"({"amount":"0.00","currency":"EUR"})");
  // JPY settles to whole yen; KWD to 0.001.
  const auto jpy =
      nlohmann::json::parse(convert(rb, R"({"amount":"100","from":"CNY","to":"JPY"})"));
  CHECK(jpy["currency"] == "JPY");
  CHECK(jpy["amount"].get<std::string>().find('.') == std::string::npos);
  // Into another currency the markup applies: more than the mid conversion.
  const auto eur =
      convert_amount(rb, Money(Decimal::from_int(1000), rb.base), *find_currency("EUR"));
  REQUIRE(eur.ok());
  Decimal mid = Decimal::product_rounded({Decimal::from_int(1000)}, {*rb.rate_of("EUR")},
                                         Decimal::quantum(2), RoundingMode::half_up);
  if (!rb.fx.markup.is_zero()) CHECK(eur.value().amount().mantissa() > mid.mantissa());
}

TEST_CASE("convert_amount_json: every error is a value with its code and pointer") {
  const Rulebook& rb = *sample();
  const auto error = [&](const std::string& args) {
    const auto out = convert_amount_json(rb, args);
    CHECK_FALSE(out.ok);
    const auto e = nlohmann::json::parse(out.body)["error"];
    CHECK(e["doc"] == "request");
    return e["code"].get<std::string>() + " " + e["path"].get<std::string>();
  };
  CHECK(error("{") == "INVALID_JSON ");
  CHECK(error("[]") == "INVALID_FIELD ");
  CHECK(error(R"({"amount":"1.00","from":"CNY"})") == "INVALID_FIELD /to");
  CHECK(error(R"({"amount":"1.00","from":"CNY","to":"EUR","x":1})") == "INVALID_FIELD /x");
  CHECK(error(R"({"amount":1.5,"from":"CNY","to":"EUR"})") == "INVALID_AMOUNT /amount");
  CHECK(error(R"({"amount":"-1","from":"CNY","to":"EUR"})") == "INVALID_AMOUNT /amount");
  CHECK(error(R"({"amount":"1e3","from":"CNY","to":"EUR"})") == "INVALID_AMOUNT /amount");
  CHECK(error(R"({"amount":"1.00","from":"XXY","to":"EUR"})") == "UNKNOWN_CURRENCY /from");
  CHECK(error(R"({"amount":"1.00","from":"CNY","to":"eur"})") == "UNKNOWN_CURRENCY /to");
  // An active currency the FX table does not list.
  std::string missing;
  for (const auto code : {"ZMW", "BTN", "MGA", "XOF", "PYG"})
    if (!rb.rate_of(code) && find_currency(code)) missing = code;
  REQUIRE_FALSE(missing.empty());
  CHECK(error(R"({"amount":"1.00","from":"CNY","to":")" + missing + "\"}") ==
        "FX_RATE_MISSING /to");
  CHECK(error(R"({"amount":"1.00","from":")" + missing + R"(","to":"CNY"})") ==
        "FX_RATE_MISSING /from");
  CHECK(error(R"({"amount":"999999999999999","from":"CNY","to":"JPY"})") == "OVERFLOW ");
}
