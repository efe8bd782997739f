// Money arithmetic: same-currency only, exact.
#include "taoquote/money.hpp"

#include "taoquote/error.hpp"

namespace taoquote {
namespace {

// The currency two operands share; a zero placeholder (no currency) adopts the other's.
const CurrencyInfo& common_currency(const Money& a, const Money& b) {
  // Codes are views of the registry's table, so the same currency is almost always the same
  // pointer: compared first, before the bytes.
  const std::string_view x = a.currency().code, y = b.currency().code;
  if ((x.data() == y.data() && x.size() == y.size()) || x == y || y.empty()) return a.currency();
  if (a.currency().code.empty()) return b.currency();
  fail(ErrorCode::internal, ErrorDoc::request, "",
       "Internal error: " + std::string(a.currency().code) + " and " +
           std::string(b.currency().code) + " amounts were combined without conversion.");
}

} // namespace

Money operator+(const Money& a, const Money& b) {
  return Money(a.amount() + b.amount(), common_currency(a, b));
}

Money operator-(const Money& a, const Money& b) {
  return Money(a.amount() - b.amount(), common_currency(a, b));
}

bool operator==(const Money& a, const Money& b) {
  common_currency(a, b);
  return a.amount() == b.amount();
}

bool operator<(const Money& a, const Money& b) {
  common_currency(a, b);
  return a.amount() < b.amount();
}

} // namespace taoquote
