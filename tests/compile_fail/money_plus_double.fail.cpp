// Must not compile: Money plus a binary float.
#include "taoquote/money.hpp"
taoquote::Money f(const taoquote::Money& a) {
#ifdef TAOQUOTE_COMPILE_FAIL
  return a + 0.1;
#else
  return a + a;
#endif
}
