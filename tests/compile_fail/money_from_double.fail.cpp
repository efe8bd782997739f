// Must not compile: Money never comes from a binary float.
#include "taoquote/money.hpp"
taoquote::Money f(const taoquote::CurrencyInfo& eur) {
#ifdef TAOQUOTE_COMPILE_FAIL
  return taoquote::Money(12.5, eur);
#else
  return taoquote::Money(taoquote::Decimal::from_int(12), eur);
#endif
}
