// Must not compile: an amount never comes from a binary float.
#include "taoquote/decimal.hpp"
taoquote::Decimal f(taoquote::Decimal a) {
  return a + 0.1;
}
