// Must not compile: a rate is not an amount.
#include "taoquote/decimal.hpp"
taoquote::Decimal f(taoquote::Rate r, taoquote::Decimal a) {
  return r + a;
}
