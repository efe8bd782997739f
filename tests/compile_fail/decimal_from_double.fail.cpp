// Must not compile: constructing a Decimal from a double is deleted.
#include "taoquote/decimal.hpp"
taoquote::Decimal f() {
  return taoquote::Decimal(12.5);
}
