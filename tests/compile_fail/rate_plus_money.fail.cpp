// Must not compile: a rate is not an amount.
#include "taoquote/money.hpp"
taoquote::Money f(const taoquote::Rate& r, const taoquote::Money& a) {
#ifdef TAOQUOTE_COMPILE_FAIL
  return r + a;
#else
  return taoquote::Money(a.amount() + r.num, a.currency()); // explicit, and visibly odd
#endif
}
