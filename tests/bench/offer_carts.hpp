// Benchmark carts for the offer choice (docs/performance.md, "Offer choice"): seeded,
// deterministic request JSON (fixture-a rulebook, DE), in three families.
#pragma once

#include <cstdint>
#include <string>

namespace taoquote_bench {

/// A cart family: how many sellers, offers per item, and how many sellers have free_over.
struct OfferFamily {
  const char* name;
  int sellers;
  int offers;        ///< per item
  int free_over_pct; ///< share of sellers with a free_over threshold
  int spread_pct;    ///< each offer's price is the item's base price ± this share
};

/// Light: 3 offers an item over 4 sellers, no free_over (the common cart).
constexpr OfferFamily light{"3 offers, 4 sellers", 4, 3, 0, 30};
/// Harder: 6 offers an item over 12 sellers, 80 % of them with free_over.
constexpr OfferFamily harder{"6 offers, 12 sellers, free_over", 12, 6, 80, 30};
/// Largest allowed shape: 32 offers an item over 200 sellers, half with free_over, prices
/// within ±15 % (many near-ties: the search's hardest realistic case we measured).
constexpr OfferFamily widest{"32 offers, 200 sellers, free_over", 200, 32, 50, 15};

/// A request to DE with `items` items of `family`, generated from `seed`.
inline std::string offer_cart(const OfferFamily& family, int items, std::uint64_t seed) {
  std::uint64_t state = seed;
  auto next = [&](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((state >> 33) % bound);
  };
  auto money = [](std::int64_t cents) {
    std::string frac = std::to_string(cents % 100);
    return std::to_string(cents / 100) + "." + (frac.size() == 1 ? "0" : "") + frac;
  };
  static const std::int64_t shipping[] = {0, 500, 600, 800, 1000, 1200, 1500};
  static const std::int64_t thresholds[] = {2900, 4900, 9900, 19900};
  std::string j = R"({"schema":"taoquote.request/1","at":"2026-11-25T08:00:00Z",)"
                  R"("destination":{"country":"DE"},"sellers":[)";
  for (int s = 0; s < family.sellers; ++s) {
    j += (s ? "," : "") + std::string(R"({"id":"s)") + std::to_string(s) +
         R"(","platform":"1688","shipping":")" + money(shipping[next(7)]) + '"';
    if (next(100) < family.free_over_pct)
      j += R"(,"free_over":")" + money(thresholds[next(4)]) + '"';
    j += '}';
  }
  j += R"(],"items":[)";
  for (int i = 0; i < items; ++i) {
    const std::int64_t base = 300 + next(29'700);
    j += (i ? "," : "") + std::string(R"({"id":"i)") + std::to_string(i) +
         R"(","title":"t","hs_code":"610910","quantity":)" + std::to_string(1 + next(3)) +
         R"(,"weight_g":10,"dimensions_cm":[1,1,1],"offers":[)";
    for (int k = 0; k < family.offers; ++k) {
      const std::int64_t delta = base * (next(2 * family.spread_pct + 1) - family.spread_pct) / 100;
      j += (k ? "," : "") + std::string(R"({"seller":"s)") + std::to_string(next(family.sellers)) +
           R"(","unit_price":")" + money(base + delta > 0 ? base + delta : 1) + "\"}";
    }
    j += "]}";
  }
  return j + "]}";
}

} // namespace taoquote_bench
