// Must not compile: Money × Money has no meaning (rates apply through the settlement primitives).
#include "taoquote/money.hpp"
taoquote::Money f(const taoquote::Money& a, const taoquote::Money& b) {
#ifdef TAOQUOTE_COMPILE_FAIL
  return a * b;
#else
  return a - b;
#endif
}
