// Must not compile: a bare number has no currency, so it cannot be added to Money.
#include "taoquote/money.hpp"
taoquote::Money f(const taoquote::Money& a, const taoquote::Decimal& d) {
#ifdef TAOQUOTE_COMPILE_FAIL
  return a + d;
#else
  return a + taoquote::Money(d, a.currency());
#endif
}
