// Look-ups on a loaded rulebook.
#include "taoquote/rulebook.hpp"

#include <algorithm>

namespace taoquote {

const Decimal* Rulebook::rate_of(std::string_view code) const noexcept {
  static const Decimal one = Decimal::from_int(1);
  if (code == base.code) return &one;
  const auto it = std::lower_bound(fx.rates.begin(), fx.rates.end(), code,
                                   [](const auto& e, std::string_view c) { return e.first < c; });
  return it != fx.rates.end() && it->first == code ? &it->second : nullptr;
}

const Destination* Rulebook::destination(std::string_view country) const noexcept {
  for (const Destination& d : destinations)
    if (d.country == country) return &d;
  return nullptr;
}

} // namespace taoquote
