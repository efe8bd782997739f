// The exact offer choice (core/src/offer_search.hpp): hand-checked carts, free_over, ties,
// the work bound, and agreement with a brute force written here on seeded random carts.
#include "../../core/src/offer_search.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using taoquote::Decimal;
using namespace taoquote::detail;

namespace {

Decimal dec(const char* text) {
  Decimal d;
  REQUIRE(Decimal::parse(text, d) == taoquote::DecimalSyntax::ok);
  return d;
}

// An amount of whole cents (1 cent = 10^10 units of the 10^-12 mantissa).
Decimal cents(std::int64_t c) {
  return Decimal::from_mantissa(static_cast<Decimal::Mantissa>(c) * 10'000'000'000);
}

OfferProblem problem(std::vector<SellerTerms> sellers,
                     std::vector<std::vector<OfferOption>> options) {
  return {std::move(options), std::move(sellers), dec("0.01")};
}

using Pick = std::vector<std::size_t>;

// Brute force written independently of the search: every choice in lexicographic order,
// cost in integer cents, the first least cost wins.
struct Brute {
  std::int64_t cost = -1;
  Pick pick;
};

Brute brute(const std::vector<std::int64_t>& ship, const std::vector<std::int64_t>& free_over,
            const std::vector<std::vector<std::pair<std::size_t, std::int64_t>>>& items) {
  Brute best;
  Pick pick(items.size(), 0);
  for (;;) {
    std::vector<std::int64_t> goods(ship.size(), 0);
    std::vector<bool> used(ship.size(), false);
    std::int64_t total = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      total += items[i][pick[i]].second;
      goods[items[i][pick[i]].first] += items[i][pick[i]].second;
      used[items[i][pick[i]].first] = true;
    }
    for (std::size_t s = 0; s < ship.size(); ++s)
      if (used[s] && !(free_over[s] >= 0 && goods[s] >= free_over[s])) total += ship[s];
    if (best.cost < 0 || total < best.cost) best = {total, pick};
    std::size_t i = items.size();
    while (i > 0 && ++pick[i - 1] == items[i - 1].size())
      pick[--i] = 0;
    if (i == 0) return best;
  }
}

// A small deterministic generator (64-bit LCG), so the cases are the same on every build.
struct Lcg {
  std::uint64_t state;
  std::uint64_t next(std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  }
};

} // namespace

TEST_CASE("offers: one item takes its cheapest offer; equal offers keep the earlier one") {
  const auto p = problem({{dec("8.00"), {}}, {dec("8.00"), {}}},
                         {{{0, dec("12.00")}, {1, dec("11.50")}, {1, dec("11.50")}}});
  const OfferSolution r = solve_offer_choice(p);
  CHECK(r.pick == Pick{1});
  CHECK(r.cost == dec("19.50")); // 11.50 + 8.00
  CHECK(r.proven);
  CHECK(r.lower_bound == r.cost);
}

TEST_CASE("offers: one seller's shipping is paid once") {
  // A: 10 + 10 + ship 8 = 28. Splitting (item 0 at B for 9.00): 9 + 10 + 8 + 8 = 35.
  const auto p = problem({{dec("8.00"), {}}, {dec("8.00"), {}}},
                         {{{0, dec("10.00")}, {1, dec("9.00")}}, {{0, dec("10.00")}}});
  const OfferSolution r = solve_offer_choice(p);
  CHECK(r.pick == Pick{0, 0});
  CHECK(r.cost == dec("28.00"));
}

TEST_CASE("offers: a dearer offer that reaches free_over wins") {
  // Seller 0 ships 10 below 45: 40 + 10 = 50 versus 45 + 0 = 45.
  const auto p = problem({{dec("10.00"), dec("45.00")}}, {{{0, dec("40.00")}, {0, dec("45.00")}}});
  const OfferSolution r = solve_offer_choice(p);
  CHECK(r.pick == Pick{1});
  CHECK(r.cost == dec("45.00"));
}

TEST_CASE("offers: free_over is reached by the sum of a seller's lines") {
  // s0 ships 12 below 50 (goods 30 + 25 = 55 → free): 55. s1 is cheaper per line but
  // ships 6: 28 + 24 + 6 = 58; mixing pays both: 30 + 24 + 12 + 6 = 72.
  const auto p =
      problem({{dec("12.00"), dec("50.00")}, {dec("6.00"), {}}},
              {{{1, dec("28.00")}, {0, dec("30.00")}}, {{1, dec("24.00")}, {0, dec("25.00")}}});
  const OfferSolution r = solve_offer_choice(p);
  CHECK(r.pick == Pick{1, 1});
  CHECK(r.cost == dec("55.00"));
}

TEST_CASE("offers: free_over of zero waives shipping; free_over exactly reached counts") {
  const auto p = problem({{dec("9.00"), dec("0")}, {dec("5.00"), dec("20.00")}},
                         {{{1, dec("20.00")}, {0, dec("20.00")}}});
  const OfferSolution r = solve_offer_choice(p);
  CHECK(r.pick == Pick{0}); // both cost 20.00; the earlier offer wins
  CHECK(r.cost == dec("20.00"));
}

TEST_CASE("offers: ties resolve to the lexicographically smallest choice, item 0 first") {
  // (0,1): both at s1 = 25; (1,0): both at s0 = 25; (0,0) and (1,1) pay two shippings.
  const auto p =
      problem({{dec("5.00"), {}}, {dec("5.00"), {}}},
              {{{1, dec("10.00")}, {0, dec("10.00")}}, {{0, dec("10.00")}, {1, dec("10.00")}}});
  const OfferSolution r = solve_offer_choice(p);
  CHECK(r.pick == Pick{0, 1});
  CHECK(r.cost == dec("25.00"));
}

TEST_CASE("offers: beyond 4096 choices the answer is still exact") {
  // 13 items × 2 offers (8192 choices). s0: 10.00 a line, ships 5; s1: 9.00 a line, ships 20.
  // All at s1 = 117 + 20 = 137 and no single move improves it (12 × 9 + 10 + 25 = 143), which
  // is where the old local search stopped; all at s0 = 130 + 5 = 135 is the optimum.
  std::vector<std::vector<OfferOption>> items(13, {{0, dec("10.00")}, {1, dec("9.00")}});
  const auto p = problem({{dec("5.00"), {}}, {dec("20.00"), {}}}, items);
  const OfferSolution r = solve_offer_choice(p);
  CHECK(r.pick == Pick(13, 0));
  CHECK(r.cost == dec("135.00"));
  CHECK(r.proven);
}

TEST_CASE("offers: the work bound stops the search with a warning-worthy answer") {
  std::vector<std::vector<OfferOption>> items;
  Lcg rng{7};
  std::vector<SellerTerms> sellers;
  for (int s = 0; s < 6; ++s)
    sellers.push_back({Decimal::from_int(5 + s), Decimal::from_int(40 + 10 * s)});
  for (int i = 0; i < 12; ++i) {
    auto& o = items.emplace_back();
    for (int k = 0; k < 4; ++k)
      o.push_back({rng.next(6), Decimal::from_int(10 + static_cast<std::int64_t>(rng.next(20)))});
  }
  const auto p = problem(sellers, items);
  const OfferSolution full = solve_offer_choice(p);
  REQUIRE(full.proven);
  const OfferSolution cut = solve_offer_choice(p, 1);
  CHECK_FALSE(cut.proven);
  CHECK(cut.pick.size() == 12);
  CHECK(offer_choice_cost(p, cut.pick) == cut.cost);
  CHECK(cut.lower_bound <= full.cost); // a true lower bound …
  CHECK(full.cost <= cut.cost);        // … and the stopped answer is no better than optimal
  CHECK(cut.steps >= 1);
}

TEST_CASE("offers: equals brute force on 400 seeded random carts") {
  Lcg rng{20261125};
  int compared = 0;
  for (int c = 0; c < 400; ++c) {
    const std::size_t n_sellers = 1 + rng.next(4), n_items = 1 + rng.next(6);
    std::vector<std::int64_t> ship, free_over;
    std::vector<SellerTerms> sellers;
    for (std::size_t s = 0; s < n_sellers; ++s) {
      ship.push_back(static_cast<std::int64_t>(rng.next(4)) * 400); // 0, 4, 8, 12 CNY
      free_over.push_back(rng.next(2) ? static_cast<std::int64_t>(1 + rng.next(6)) * 1000 : -1);
      SellerTerms t{cents(ship.back()), {}};
      if (free_over.back() >= 0) t.free_over = cents(free_over.back());
      sellers.push_back(t);
    }
    std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> raw(n_items);
    std::vector<std::vector<OfferOption>> options(n_items);
    for (std::size_t i = 0; i < n_items; ++i)
      for (std::size_t k = 0, m = 1 + rng.next(4); k < m; ++k) {
        const std::size_t s = rng.next(n_sellers);
        const std::int64_t amount = 500 + static_cast<std::int64_t>(rng.next(4)) * 250; // ties
        raw[i].push_back({s, amount});
        options[i].push_back({s, cents(amount)});
      }
    const Brute b = brute(ship, free_over, raw);
    const OfferSolution r = solve_offer_choice(problem(sellers, options));
    CHECK(r.proven);
    CHECK(r.pick == b.pick);
    CHECK(r.cost == cents(b.cost));
    ++compared;
  }
  CHECK(compared == 400);
}

TEST_CASE("offers: negative figures (typed API only) fall back to plain enumeration") {
  // No bound is valid with a negative amount or shipping; the answer must still be the
  // brute-force one. s0 ships -3.00 (absurd but representable), s1 ships 4.00 free over 5.00.
  const std::vector<std::int64_t> ship{-300, 400}, free_over{-1, 500};
  const std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> raw{
      {{0, 200}, {1, -100}}, {{1, 700}, {0, 650}}, {{0, 100}, {1, 100}}};
  std::vector<std::vector<OfferOption>> options;
  for (const auto& item : raw) {
    auto& o = options.emplace_back();
    for (const auto& [s, c] : item)
      o.push_back({s, cents(c)});
  }
  const Brute b = brute(ship, free_over, raw);
  const OfferSolution r =
      solve_offer_choice(problem({{cents(-300), {}}, {cents(400), cents(500)}}, options));
  CHECK(r.proven);
  CHECK(r.pick == b.pick);
  CHECK(r.cost == cents(b.cost));
}
