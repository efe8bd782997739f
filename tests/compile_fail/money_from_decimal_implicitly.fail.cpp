// Must not compile: a Decimal does not silently become Money (the currency must be named).
#include "taoquote/money.hpp"
taoquote::Money f(const taoquote::Decimal& d, const taoquote::CurrencyInfo& c) {
#ifdef TAOQUOTE_COMPILE_FAIL
  taoquote::Money m = d;
  (void)c;
  return m;
#else
  return taoquote::Money(d, c);
#endif
}
