// Must not compile: amount × amount has no meaning (use product_rounded with a rate).
#include "taoquote/decimal.hpp"
taoquote::Decimal f(taoquote::Decimal a, taoquote::Decimal b) {
  return a * b;
}
