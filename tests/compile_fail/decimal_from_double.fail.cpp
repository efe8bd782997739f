// Must not compile: a Decimal never comes from a binary float.
#include "taoquote/decimal.hpp"
taoquote::Decimal f() {
#ifdef TAOQUOTE_COMPILE_FAIL
  return taoquote::Decimal(12.5);
#else
  return taoquote::Decimal::from_int(12);
#endif
}
