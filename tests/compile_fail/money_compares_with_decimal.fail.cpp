// Must not compile: Money compares only with Money.
#include "taoquote/money.hpp"
bool f(const taoquote::Money& a, const taoquote::Decimal& d) {
#ifdef TAOQUOTE_COMPILE_FAIL
  return a < d;
#else
  return a.amount() < d;
#endif
}
