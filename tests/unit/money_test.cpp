// Money: exact same-currency arithmetic; mixing currencies is a defect reported as INTERNAL.
#include "taoquote/error.hpp"
#include "taoquote/money.hpp"

#include <doctest/doctest.h>

namespace {

using taoquote::Decimal;
using taoquote::Money;

Decimal D(const char* s) {
  Decimal d;
  REQUIRE(Decimal::parse(s, d) == taoquote::DecimalSyntax::ok);
  return d;
}

const taoquote::CurrencyInfo& currency(const char* code) {
  static taoquote::CurrencyInfo eur = *taoquote::find_currency("EUR");
  static taoquote::CurrencyInfo jpy = *taoquote::find_currency("JPY");
  return std::string_view(code) == "EUR" ? eur : jpy;
}

} // namespace

TEST_CASE("money adds, subtracts and compares within one currency") {
  const Money a(D("10.05"), currency("EUR")), b(D("0.95"), currency("EUR"));
  CHECK((a + b).amount() == D("11"));
  CHECK((a - b).amount() == D("9.1"));
  CHECK((a + b).to_string() == "11.00");
  CHECK(b < a);
  CHECK(Money(D("3"), currency("JPY")).to_string() == "3");
  // A placeholder without a currency adopts the other operand's.
  Money sum;
  sum += a;
  CHECK(sum.currency().code == "EUR");
}

TEST_CASE("combining two currencies without conversion fails instead of adding") {
  const Money eur(D("1"), currency("EUR")), jpy(D("1"), currency("JPY"));
  const auto r = taoquote::guarded(taoquote::ErrorDoc::request, [&]() -> taoquote::Result<int> {
    (void)(eur + jpy);
    return 0;
  });
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == taoquote::ErrorCode::internal);
  const auto cmp = taoquote::guarded(taoquote::ErrorDoc::request,
                                     [&]() -> taoquote::Result<int> { return eur < jpy ? 1 : 0; });
  CHECK_FALSE(cmp.ok());
}
