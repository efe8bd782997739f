// FX rebasing: one exact division per currency, rounded once (half-even).
#include "taoquote/fx.hpp"

#include <algorithm>

namespace taoquote {

bool rebase_to_pivot(const std::string& pivot, const std::string& quoted_in,
                     const std::vector<RateEntry>& rates, int scale, std::vector<RateEntry>& out) {
  const auto p =
      std::find_if(rates.begin(), rates.end(), [&](const auto& e) { return e.first == pivot; });
  if (p == rates.end() || p->second.is_zero() || p->second.is_negative()) return false;
  const Decimal places = Decimal::quantum(scale);
  std::vector<RateEntry> result;
  result.emplace_back(quoted_in, p->second);
  for (const auto& [code, value] : rates) {
    if (code == pivot || code == quoted_in) continue;
    if (value.is_zero() || value.is_negative()) return false;
    result.emplace_back(
        code, Decimal::product_rounded({p->second}, {value}, places, RoundingMode::half_even));
  }
  std::sort(result.begin(), result.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  out = std::move(result);
  return true;
}

} // namespace taoquote
