// Unit tests for the embedded ISO 4217 currency and ISO 3166-1 country registries.
#include <doctest/doctest.h>

#include "taoquote/registry.hpp"

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

using taoquote::all_currencies;
using taoquote::country_count;
using taoquote::CurrencyInfo;
using taoquote::find_currency;
using taoquote::is_country;

namespace {

void check_currency(std::string_view code, unsigned numeric, unsigned minor) {
  CAPTURE(code);
  const std::optional<CurrencyInfo> c = find_currency(code);
  REQUIRE(c.has_value());
  CHECK(c->code == code);
  CHECK(c->numeric == numeric);
  CHECK(c->minor_units == minor);
}

} // namespace

TEST_CASE("registry: known currencies") {
  check_currency("CNY", 156, 2);
  check_currency("JPY", 392, 0);
  check_currency("KWD", 414, 3);
  check_currency("CLF", 990, 4);
  check_currency("EUR", 978, 2);
  check_currency("USD", 840, 2);
  check_currency("GBP", 826, 2);
  check_currency("CHF", 756, 2);
  check_currency("KRW", 410, 0);
  check_currency("BHD", 48, 3);
  check_currency("ALL", 8, 2); // numeric 008: must not be read as octal
  check_currency("XOF", 952, 0);
  check_currency("XCD", 951, 2);
  // Recent amendments.
  check_currency("SLE", 925, 2);
  check_currency("VES", 928, 2);
  check_currency("VED", 926, 2);
  check_currency("ZWG", 924, 2);
  check_currency("XCG", 532, 2);
}

TEST_CASE("registry: first and last entries are reachable by binary search") {
  const auto table = all_currencies();
  REQUIRE(table.begin() != table.end());
  const CurrencyInfo& first = *table.begin();
  const CurrencyInfo& last = *(table.end() - 1);
  CHECK(find_currency(first.code).has_value());
  CHECK(find_currency(last.code).has_value());
  CHECK(first.code == "AED");
  CHECK(last.code == "ZWG");
}

TEST_CASE("registry: unknown, withdrawn and excluded currency codes") {
  for (const std::string_view code :
       {"usd", "Usd", "BGN", "",    "US",  "USDD", "XXX", "XAU", "XAG", "XTS", "XDR",
        "XAD", "HRK", "SLL", "ZWL", "CUC", "ANG",  "VEF", "AAA", "ZZZ", "US ", " US"}) {
    CAPTURE(std::string(code));
    CHECK_FALSE(find_currency(code).has_value());
  }
  CHECK_FALSE(find_currency(std::string_view("\0SD", 3)).has_value());
  CHECK_FALSE(find_currency(std::string_view("USD\0", 4)).has_value());
  // A view whose bytes continue past its end must be judged on its length only.
  const std::string_view prefix("USDX", 3);
  CHECK(find_currency(prefix).has_value());
  CHECK_FALSE(find_currency(std::string_view("USD", 2)).has_value());
}

TEST_CASE("registry: currency table is sorted, unique and well formed") {
  const auto table = all_currencies();
  std::size_t n = 0;
  std::set<unsigned> numerics;
  const CurrencyInfo* prev = nullptr;
  for (const CurrencyInfo& c : table) {
    CAPTURE(std::string(c.code));
    ++n;
    REQUIRE(c.code.size() == 3);
    for (char ch : c.code)
      CHECK((ch >= 'A' && ch <= 'Z'));
    CHECK(c.numeric > 0);
    CHECK(c.numeric < 1000);
    CHECK(c.minor_units <= 4);
    CHECK(numerics.insert(c.numeric).second); // numeric codes are unique too
    if (prev != nullptr) CHECK(prev->code < c.code);
    prev = &c;
    // Every entry is found, and found as itself.
    const auto found = find_currency(c.code);
    REQUIRE(found.has_value());
    CHECK(found->numeric == c.numeric);
  }
  CHECK(n == 164);
}

TEST_CASE("registry: countries") {
  for (const std::string_view code : {"CN", "DE", "US", "GB", "JP", "KR", "AU", "CA", "FR", "NL",
                                      "IT", "ES", "AD", "ZW", "BG", "CW", "SX"}) {
    CAPTURE(std::string(code));
    CHECK(is_country(code));
  }
  for (const std::string_view code :
       {"UK", "EU", "cn", "Cn", "", "C", "CHN", "XK", "ZZ", "AA", "US "}) {
    CAPTURE(std::string(code));
    CHECK_FALSE(is_country(code));
  }
  CHECK_FALSE(is_country(std::string_view("\0\0", 2)));
  CHECK_FALSE(is_country(std::string_view("US\0", 3)));
  CHECK(is_country(std::string_view("USA", 2)));
  CHECK(country_count() == 249);
}
