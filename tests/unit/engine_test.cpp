// The typed C++ API: building requests in code, invariants of every quote, and sharing one
// rulebook between threads.
#include "taoquote/codec.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <thread>

namespace {

using taoquote::test::slurp;

std::shared_ptr<const taoquote::Rulebook> fixture() {
  static const auto rb = taoquote::load_rulebook(
      slurp(std::string(TAOQUOTE_TESTS_DIR) + "/vectors/rulebooks/fixture-a.json"));
  REQUIRE(rb.ok());
  return rb.value();
}

taoquote::Decimal D(const char* s) {
  taoquote::Decimal d;
  REQUIRE(taoquote::Decimal::parse(s, d) == taoquote::DecimalSyntax::ok);
  return d;
}

taoquote::Request typed_request() {
  taoquote::Request r;
  r.at = *taoquote::parse_instant("2026-11-25T08:00:00Z");
  r.country = "GB";
  r.sellers.push_back({"s1", taoquote::Platform::p1688, D("8.00"), std::nullopt});
  taoquote::Item item;
  item.id = "mug";
  item.title = "Ceramic mug";
  item.hs_code = "691200";
  item.quantity = 4;
  item.weight_g = 350;
  item.dimensions_cm = {12, 10, 10};
  item.offers.push_back({"s1", {{1, D("11.20")}}, 1});
  r.items.push_back(item);
  return r;
}

} // namespace

TEST_CASE("a request built in C++ quotes like the same request in JSON") {
  const auto q = taoquote::compute_quote(*fixture(), typed_request());
  REQUIRE(q.ok());
  const auto& quote = q.value();
  CHECK(quote.items.at(0).amount.amount() == D("44.80")); // 11.20 × 4
  CHECK(quote.items.at(0).amount.currency().code == "CNY");
  CHECK(quote.sellers.at(0).shipping.amount() == D("8.00"));
  CHECK(quote.parcel.actual_g == 4 * 350 + 100);
  CHECK(quote.currency.code == "GBP");
  const std::string json = R"({"at":"2026-11-25T08:00:00Z","destination":{"country":"GB"},
    "sellers":[{"id":"s1","platform":"1688","shipping":"8.00"}],
    "items":[{"id":"mug","title":"Ceramic mug","hs_code":"691200","quantity":4,"weight_g":350,
              "dimensions_cm":[12,10,10],"offers":[{"seller":"s1","unit_price":"11.20"}]}]})";
  CHECK(taoquote::quote_json(*fixture(), json).body == taoquote::canonical_json(quote));
}

TEST_CASE("typed requests are validated with the same pointers as JSON ones") {
  auto r = typed_request();
  r.sellers.push_back(r.sellers[0]);
  auto q = taoquote::compute_quote(*fixture(), r);
  REQUIRE_FALSE(q.ok());
  CHECK(q.error().code == taoquote::ErrorCode::duplicate_id);
  CHECK(q.error().path == "/sellers/1/id");
  r = typed_request();
  r.items[0].quantity = 0;
  q = taoquote::compute_quote(*fixture(), r);
  REQUIRE_FALSE(q.ok());
  CHECK(q.error().path == "/items/0/quantity");
}

TEST_CASE("customs allocation: line parts add up to the converted parcel amounts") {
  for (const char* country : {"DE", "GB", "KR", "KW", "CH"}) {
    auto r = typed_request();
    r.country = country;
    for (int k = 0; k < 3; ++k) {
      auto extra = r.items[0];
      extra.id = "mug" + std::to_string(k);
      extra.quantity = 1 + k;
      extra.offers[0].tiers[0].unit_price = D(k == 0 ? "3.33" : (k == 1 ? "7.01" : "0.99"));
      r.items.push_back(extra);
    }
    const auto q = taoquote::compute_quote(*fixture(), r);
    REQUIRE_MESSAGE(q.ok(), country);
    const auto& c = q.value().customs;
    taoquote::Money goods = taoquote::Money::zero(c.currency), value = goods;
    for (const auto& l : c.lines) {
      goods += l.goods;
      value += l.customs_value;
    }
    CHECK(goods == c.goods_value);
    CHECK(value == c.customs_value);
  }
}

TEST_CASE("one rulebook shared by many threads gives identical quotes") {
  const auto rb = fixture();
  const std::string request = slurp(std::string(TAOQUOTE_TESTS_DIR) + "/bad/base-request.json");
  const std::string expected = taoquote::quote_json(*rb, request).body;
  std::vector<std::thread> threads;
  std::vector<int> mismatches(8, 0);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i)
        if (taoquote::quote_json(*rb, request).body != expected)
          ++mismatches[static_cast<std::size_t>(t)];
    });
  for (auto& th : threads)
    th.join();
  for (int m : mismatches)
    CHECK(m == 0);
}
