// Money arithmetic: same-currency only, exact.
#include "taoquote/money.hpp"

#include "taoquote/error.hpp"

namespace taoquote {

const CurrencyInfo& Money::other_currency(const Money& a, const Money& b) {
  const std::string_view x = a.currency().code, y = b.currency().code;
  if (x == y || y.empty()) return a.currency();
  if (x.empty()) return b.currency();
  fail(ErrorCode::internal, ErrorDoc::request, "",
       "Internal error: " + std::string(x) + " and " + std::string(y) +
           " amounts were combined without conversion.");
}

bool operator==(const Money& a, const Money& b) {
  Money::common_currency(a, b);
  return a.amount() == b.amount();
}

bool operator<(const Money& a, const Money& b) {
  Money::common_currency(a, b);
  return a.amount() < b.amount();
}

} // namespace taoquote
