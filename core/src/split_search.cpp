// The parcel-split search (docs/parcels.md, "The best split"): exact branch and bound over the
// ways to pack the cart's units into 2 … max_parcels parcels for the least landed total.
//
// The search runs once per *pattern*: a multiset of lines, one per parcel. Under a pattern
// every parcel's line is known, so the bound knows each parcel's per-gram rate, its fixed
// part and its weight limit, and can charge for the units not yet placed. Patterns are tried
// from the least bound up, and one whose bound exceeds the best landed total found ends the
// search. Every split is found under the pattern of its parcels' cheapest lines, so a split
// is never lost; it is landed with the cheapest lines of docs/parcels.md whatever pattern
// reached it.
#include "split.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace taoquote::detail {
namespace {

using Mantissa = Decimal::Mantissa;

constexpr std::size_t max_slots = 4;               // warehouse.max_parcels is at most 4
constexpr std::int64_t no_cap = 1'000'000'000'000; // a line without a weight limit
// Caps on the bound's figures (mantissas, 10^-12): rates and amounts above them are lowered,
// which keeps a lower bound one, so that no product of the bound leaves 128 bits.
constexpr Decimal::Mantissa largest_rate = Decimal::Mantissa{1'000'000'000'000} * 1'000'000;
constexpr Decimal::Mantissa largest_amount = largest_rate * 1'000'000;
constexpr Decimal::Mantissa largest_growth = Decimal::Mantissa{1'000'000'000'000} * 100;
constexpr std::int64_t largest_grams = 1'000'000'000; // a unit's or a box's volumetric grams
constexpr std::size_t last_items = 6;  // priced_near_leaves runs with at most this many items left
constexpr std::size_t exact_units = 4; // and places this many units or fewer every way
constexpr std::int64_t max_steps = 1 << 16;      // continued steps step_price_at_least remembers
constexpr std::int64_t max_tabled_units = 64;    // share_floor is tabled up to this many units
constexpr std::size_t memo_limit = 1 << 19;      // words the parcel memos may hold (4 MiB)
constexpr std::size_t seen_limit = 1 << 20;      // words the splits met and consignments may hold
constexpr std::int64_t max_reach_g = 1 << 15;    // reach_ covers lines that take at most this
constexpr std::size_t max_reach_words = 1 << 15; // and at most this many words a slot (256 KiB)

// What the bound knows of one line: a straight line under its price as a function of a
// parcel's actual weight (settlement mantissa, 10^-12 units), the least price any parcel by it
// can have, the heaviest parcel it takes and the items it accepts.
struct LineModel {
  const ShippingLine* line = nullptr;
  const Pricing* pricing = nullptr; ///< the line's pricing for the destination (its zone's)
  Mantissa at_zero = 0;             ///< may be negative
  Mantissa per_gram = 0;            ///< ≥ 0
  Mantissa least = 0;
  Mantissa freight_at_zero = 0; ///< at_zero without the minimum insurance
  Mantissa insured = 0;         ///< insurance rate on goods, as a mantissa (0 when uninsured)
  Mantissa least_insurance = 0; ///< the insurance in `least`
  std::int64_t cap_g = no_cap;
  std::int64_t volume_divisor = 0; ///< cm³ per kg of volumetric weight; 0 when none
  std::int64_t volume_over_cm = 0; ///< volumetric only when the longest side is above this
  std::vector<char> accepts;       ///< per request item: none of its attributes is prohibited
  /// Bracket pricing: (heaviest actual weight of a bracket, least price of a parcel at least
  /// as heavy as the bracket's lightest); empty for other pricing.
  std::vector<std::pair<std::int64_t, Mantissa>> brackets;
  /// first_continued pricing: the least price of a parcel in each continued step, as
  /// step_price_at_least finds it (-1: not yet priced).
  mutable std::vector<Mantissa> step_prices;

  /// The least price of a parcel by this line weighing at least `weight_g`.
  Mantissa price_at_least(std::int64_t weight_g) const {
    for (const auto& [up_to, price] : brackets)
      if (weight_g <= up_to) return std::max(least, price);
    return std::max(least, at_zero + per_gram * weight_g);
  }
};

Decimal from_mantissa(Mantissa m) {
  return Decimal::from_mantissa(m);
}

// a / b rounded down to 10^-12.
Decimal ratio_floor(const Decimal& a, const Decimal& b) {
  return Decimal::product_rounded({a}, {b}, from_mantissa(1), RoundingMode::floor);
}

// a × b rounded down to 10^-12.
Decimal times_floor(const Decimal& a, const Decimal& b) {
  return Decimal::product_rounded({a, b}, {Decimal::from_int(1)}, from_mantissa(1),
                                  RoundingMode::floor);
}

// Base freight ≥ at_zero + per_gram × w for every actual weight w the pricing takes (the
// chargeable weight is never below the actual one).
std::pair<Decimal, Decimal> freight_minorant(const Pricing& p) {
  const Decimal zero;
  switch (p.kind) {
  case Pricing::Kind::first_continued: {
    const Decimal rate = ratio_floor(p.continued, Decimal::from_int(p.continued_g));
    return {p.first - times_floor(rate, Decimal::from_int(p.first_g)) - from_mantissa(1), rate};
  }
  case Pricing::Kind::per_kg: return {zero, ratio_floor(p.per_kg, Decimal::from_int(1000))};
  case Pricing::Kind::brackets: {
    if (p.brackets.empty()) return {zero, zero};
    // Each bracket's least reachable price (a heavier parcel reaches only later brackets).
    std::vector<Decimal> least(p.brackets.size());
    for (std::size_t j = p.brackets.size(); j-- > 0;)
      least[j] = j + 1 < p.brackets.size() ? std::min(p.brackets[j].price, least[j + 1])
                                           : p.brackets[j].price;
    Decimal rate;
    const auto& first = p.brackets.front();
    const auto& last = p.brackets.back();
    if (last.up_to_g > first.up_to_g && least.back() > least.front())
      rate = ratio_floor(least.back() - least.front(),
                         Decimal::from_int(last.up_to_g - first.up_to_g));
    Decimal at_zero = least.front();
    for (std::size_t j = 0; j < least.size(); ++j)
      at_zero =
          std::min(at_zero, least[j] - times_floor(rate, Decimal::from_int(p.brackets[j].up_to_g)) -
                                from_mantissa(1));
    return {at_zero, rate};
  }
  }
  return {zero, zero};
}

class SplitSearch {
public:
  SplitSearch(const Context& ctx, const OfferChoice& offers, const Fees& fees,
              const std::optional<std::pair<Money, Money>>& to_beat, std::uint64_t work_bound,
              SplitGoal goal)
      : ctx_(ctx), offers_(offers), fees_(fees), to_beat_(to_beat), bound_(work_bound), goal_(goal),
        max_parcels_(std::min<std::size_t>(
            max_slots, static_cast<std::size_t>(ctx.rulebook.warehouse.max_parcels))),
        n_(ctx.request.items.size()), dispatch_(dispatch_day(ctx)),
        growth_(customs_growth(ctx, offers)) {
    const Money fixed = to_settlement(ctx, offers.goods) +
                        to_settlement(ctx, offers.seller_shipping) +
                        to_settlement(ctx, fees.service_fee) + to_settlement(ctx, fees.handling);
    order_charges_ = fixed.amount().mantissa();
    consolidation_ = to_settlement(ctx, fees.consolidation).amount().mantissa();
    if (ctx.request.cash_rounding)
      for (const auto& [code, increment] : ctx.rulebook.cash_increments)
        if (code == ctx.settlement.code) order_charges_ -= increment.mantissa();
    fixed_ = order_charges_ + customs_floor(ctx, offers).amount().mantissa();
  }

  SplitResult run() {
    if (max_parcels_ >= 2) {
      build_models();
      search_patterns();
    }
    SplitResult r;
    r.best = std::move(best_);
    r.steps = work_;
    r.landings = landings_;
    if (stopped_ && !found_enough_)
      r.warnings.push_back(
          {"SPLIT_UNPROVEN", "The parcel-split search stopped at its work bound of " +
                                 std::to_string(bound_) +
                                 " steps; a split with a lower landed total may exist."});
    return r;
  }

private:
  using Key = std::tuple<Money, Money, std::size_t, std::vector<Contents>>;

  // One parcel of the packing under way, on its pattern's line.
  struct Slot {
    Contents contents;
    std::int64_t weight_g = 0; ///< actual weight with packaging
    std::int64_t units = 0;
    Mantissa price = 0;     ///< least price of a parcel holding at least `contents` by this line
    Mantissa insurance = 0; ///< the insurance in `price`
    Mantissa overpaid = 0;  ///< insurance above its line's rate on the goods it insures
    Decimal goods_floor;    ///< base: Σ share_floor of its items (at most its goods)
  };

  bool spend(std::uint64_t steps) {
    work_ += steps;
    if (work_ > bound_) stopped_ = true;
    return !stopped_;
  }

  bool allowed(const ShippingLine& line) const {
    return !ctx_.request.line || line.id == *ctx_.request.line;
  }

  // The lines a parcel may ship by, each with the figures its bound needs.
  void build_models() {
    const auto& items = ctx_.request.items;
    for (std::size_t i = 0; i < n_; ++i)
      unit_value_.push_back(
          std::min(settled_floor(Decimal::product_rounded({offers_.items[i].amount.amount()},
                                                          {Decimal::from_int(items[i].quantity)},
                                                          ctx_.base_unit, RoundingMode::floor)),
                   largest_amount));
    // share_floor for every count of an item's units, where they are few (the search asks
    // for each placement).
    shares_.assign(n_, {});
    for (std::size_t i = 0; i < n_; ++i)
      if (items[i].quantity <= max_tabled_units)
        for (std::int64_t u = 0; u <= items[i].quantity; ++u)
          shares_[i].push_back(share_floor(i, u));
    std::int64_t lightest = no_cap;
    for (const Item& item : items) {
      lightest = std::min(lightest, item.weight_g);
      auto d = item.dimensions_cm;
      std::sort(d.begin(), d.end(), std::greater<>());
      dims_.push_back(d);
    }
    const std::int64_t pad = 2 * ctx_.rulebook.warehouse.padding_cm;
    Parcel& smallest = smallest_;
    smallest.actual_g = ctx_.rulebook.warehouse.packaging_weight_g + lightest;
    smallest.dimensions_cm = {pad, pad, pad};
    smallest.girth_cm = 5 * pad;
    const Contents nothing(n_, 0);
    const Money no_goods = Money::zero(ctx_.base);
    for (const ShippingLine& line : ctx_.rulebook.lines) {
      if (!line.validity.covers(ctx_.request.at) || !allowed(line)) continue;
      const ShippingOption o =
          price_line(ctx_, line, smallest, no_goods, nothing, PriceBound::lower_bound, dispatch_);
      if (!o.eligible) continue;
      LineModel m;
      m.line = &line;
      m.least = o.price.amount().mantissa();
      const Pricing& pricing = pricing_for(line, ctx_.request.country);
      m.pricing = &pricing;
      auto [at_zero, per_gram] = freight_minorant(pricing);
      Decimal scale = Decimal::from_int(1), fixed_part;
      for (const Surcharge& s : line.surcharges) {
        if (s.kind == Surcharge::Kind::rate) scale = scale + ratio_floor(s.rate.num, s.rate.den);
        if (s.kind == Surcharge::Kind::fixed) fixed_part = fixed_part + s.amount;
      }
      const Decimal freight_at_zero = times_floor(at_zero, scale) + fixed_part;
      if (line.insurance) fixed_part = fixed_part + line.insurance->min;
      at_zero = times_floor(at_zero, scale) + fixed_part;
      per_gram = times_floor(per_gram, scale);
      // Into the settlement currency, less a minor unit for each part the price rounds.
      const auto parts = static_cast<std::int64_t>(line.surcharges.size() + 3);
      m.at_zero =
          std::clamp<Mantissa>(settled_floor(at_zero) - parts * ctx_.settlement_unit.mantissa(),
                               -largest_amount, largest_amount);
      m.per_gram = std::clamp<Mantissa>(settled_floor(per_gram), 0, largest_rate);
      m.freight_at_zero = std::clamp<Mantissa>(settled_floor(freight_at_zero) -
                                                   parts * ctx_.settlement_unit.mantissa(),
                                               -largest_amount, largest_amount);
      if (line.insurance)
        m.insured =
            std::min(ratio_floor(line.insurance->rate.num, line.insurance->rate.den).mantissa(),
                     largest_growth);
      if (o.insurance) m.least_insurance = to_settlement(ctx_, *o.insurance).amount().mantissa();
      if (line.max_weight_g) m.cap_g = *line.max_weight_g;
      if (pricing.kind == Pricing::Kind::brackets && !pricing.brackets.empty())
        m.cap_g = std::min(m.cap_g, pricing.brackets.back().up_to_g);
      if (pricing.kind == Pricing::Kind::brackets) bracket_steps(m, pricing, smallest);
      if (line.volumetric && line.volumetric->divisor > 0) {
        m.volume_divisor = line.volumetric->divisor;
        m.volume_over_cm = line.volumetric->when_side_over_cm.value_or(0);
        any_volumetric_ = true;
      }
      m.accepts.resize(n_);
      for (std::size_t i = 0; i < n_; ++i) {
        m.accepts[i] = 1;
        for (const auto& a : items[i].attributes)
          if (contains(line.prohibited, a)) m.accepts[i] = 0;
      }
      models_.push_back(std::move(m));
    }
    slot_prices_.resize(models_.size());
    insures_.assign(n_, std::vector<Mantissa>(models_.size()));
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t l = 0; l < models_.size(); ++l)
        insures_[i][l] = models_[l].insured * unit_value_[i] / one_;
  }

  // Each bracket's least settled price (a parcel just above the bracket below, no attribute,
  // no goods), lowered to the least of the brackets after it (tables may fall).
  void bracket_steps(LineModel& m, const Pricing& pricing, const Parcel& smallest) {
    const Contents nothing(n_, 0);
    const Money no_goods = Money::zero(ctx_.base);
    std::int64_t below = 0;
    for (const auto& b : pricing.brackets) {
      Parcel p = smallest;
      p.actual_g = std::max(smallest.actual_g, below + 1);
      spend(8);
      const ShippingOption o =
          price_line(ctx_, *m.line, p, no_goods, nothing, PriceBound::lower_bound, dispatch_);
      m.brackets.emplace_back(b.up_to_g, o.eligible ? o.price.amount().mantissa() : m.least);
      below = b.up_to_g;
    }
    for (std::size_t k = m.brackets.size(); k-- > 1;)
      m.brackets[k - 1].second = std::min(m.brackets[k - 1].second, m.brackets[k].second);
  }

  // Every multiset of 2 … max_parcels lines, its bound with nothing placed; then the
  // patterns from the least bound up.
  void search_patterns() {
    std::vector<std::pair<Mantissa, std::vector<std::size_t>>> patterns;
    std::vector<std::size_t> pattern;
    const auto enumerate = [&](auto&& self, std::size_t from) -> void {
      if (pattern.size() >= 2) {
        if (!spend(1)) return; // a rulebook of very many lines: the bound stops this too
        // A pattern whose bound cannot win is dropped here: the cheaper bound first.
        if (set_pattern(pattern, false)) {
          measure_fits(0);
          const auto lb = bound(0);
          if (lb && can_win(*lb)) {
            const Mantissa priced = landed_at_least(priced_units(0), pattern.size());
            if (can_win(priced)) patterns.emplace_back(std::max(*lb, priced), pattern);
          }
        }
      }
      if (pattern.size() == max_parcels_) return;
      for (std::size_t l = from; l < models_.size(); ++l) {
        pattern.push_back(l);
        self(self, l);
        pattern.pop_back();
      }
    };
    enumerate(enumerate, 0);
    // Least bound first, then fewer parcels.
    std::stable_sort(patterns.begin(), patterns.end(), [](const auto& a, const auto& b) {
      return std::make_pair(a.first, a.second.size()) < std::make_pair(b.first, b.second.size());
    });
    for (const auto& [lb, p] : patterns) {
      if (stopped_ || !can_win(lb)) return; // the rest are bounded higher still
      set_pattern(p, true);
      place(0);
    }
  }

  // Makes `p` the pattern under search: empty slots, each item's slots and the item order
  // (fewest slots first, then heaviest; only `to_search`, the bound with nothing placed
  // needs none).
  bool set_pattern(const std::vector<std::size_t>& p, bool to_search) {
    pattern_ = p;
    slots_.resize(p.size());
    for (std::size_t j = 0; j < p.size(); ++j) {
      Slot& s = slots_[j];
      s.contents.assign(n_, 0);
      s.weight_g = ctx_.rulebook.warehouse.packaging_weight_g;
      s.units = 0;
      s.price = models_[p[j]].least;
      s.insurance = models_[p[j]].least_insurance;
      s.overpaid = std::max<Mantissa>(0, s.insurance); // no goods insured yet
      s.goods_floor = Decimal();
    }
    masks_.assign(n_, 0);
    for (std::size_t i = 0; i < n_; ++i) {
      for (std::size_t j = 0; j < p.size(); ++j)
        if (models_[p[j]].accepts[i]) masks_[i] |= 1u << j;
      if (!masks_[i]) return false;
    }
    order_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i)
      order_[i] = i;
    if (to_search) {
      const auto& items = ctx_.request.items;
      std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
        const int ca = __builtin_popcount(masks_[a]), cb = __builtin_popcount(masks_[b]);
        if (ca != cb) return ca < cb;
        return items[a].weight_g > items[b].weight_g;
      });
      same_.assign(n_, {});
      placed_.assign(n_, {});
    }
    build_reach(to_search);
    return true;
  }

  // For the pattern under search (`to_search`; otherwise none, and the bound does without):
  // for each slot whose line has a weight limit of at most max_reach_g, and each t, the total
  // weight of the units of items order_[t …] that its line accepts. The weights those units
  // can add up to (reach_) are worked out on first need, since a short search never asks.
  void build_reach(bool to_search) {
    for (std::size_t j = 0; j < max_slots; ++j) {
      reach_words_[j] = 0;
      reach_[j].clear();
    }
    if (!to_search) return;
    const auto& items = ctx_.request.items;
    for (std::size_t j = 0; j < slots_.size(); ++j) {
      const std::int64_t cap = models_[pattern_[j]].cap_g;
      if (cap > max_reach_g) continue;
      const auto words = static_cast<std::size_t>(cap / 64 + 1);
      if ((n_ + 1) * words > max_reach_words) continue;
      auto& total = reach_total_[j];
      total.assign(n_ + 1, 0);
      for (std::size_t t = n_; t-- > 0;) {
        const std::size_t i = order_[t];
        const std::int64_t w = items[i].weight_g;
        total[t] = total[t + 1];
        if ((masks_[i] >> j & 1u) && w > 0)
          total[t] = std::min(no_cap, total[t] + w * std::min(items[i].quantity, no_cap / w));
      }
      reach_words_[j] = words;
    }
  }

  // reach_[j]: for each t, the weights in grams (0 … its line's limit) the units of items
  // order_[t …] that slot j's line accepts can add up to, as a bitset.
  const std::vector<std::uint64_t>& reach_of(std::size_t j) const {
    auto& reach = reach_[j];
    if (!reach.empty()) return reach;
    const auto& items = ctx_.request.items;
    const std::size_t words = reach_words_[j];
    const std::int64_t cap = models_[pattern_[j]].cap_g;
    reach.assign((n_ + 1) * words, 0);
    reach[n_ * words] = 1; // nothing left: only 0
    for (std::size_t t = n_; t-- > 0;) {
      std::uint64_t* row = &reach[t * words];
      std::copy(row + words, row + 2 * words, row);
      const std::size_t i = order_[t];
      const std::int64_t w = items[i].weight_g;
      if (!(masks_[i] >> j & 1u) || w <= 0 || w > cap) continue;
      const std::int64_t units = std::min(items[i].quantity, cap / w);
      for (std::int64_t u = 0; u < units; ++u)
        shift_or(row, words, static_cast<std::size_t>(w));
    }
    return reach;
  }

  // row |= row << bits, over `words` words.
  static void shift_or(std::uint64_t* row, std::size_t words, std::size_t bits) {
    const std::size_t whole = bits / 64, part = bits % 64;
    for (std::size_t k = words; k-- > whole;) {
      std::uint64_t v = row[k - whole] << part;
      if (part != 0 && k - whole > 0) v |= row[k - whole - 1] >> (64 - part);
      row[k] |= v;
    }
  }

  // The greatest weight at most `grams` (≤ its line's limit) that slot j can take from the
  // units of items order_[t …] (0 always can); `grams` when reach_ does not know.
  std::int64_t reach_at_most(std::size_t j, std::size_t t, std::int64_t grams) const {
    const std::size_t words = reach_words_[j];
    if (words == 0 || grams < 0 || static_cast<std::size_t>(grams / 64) >= words) return grams;
    if (grams >= reach_total_[j][t]) return reach_total_[j][t]; // all of them
    const std::uint64_t* row = &reach_of(j)[t * words];
    auto k = static_cast<std::size_t>(grams / 64);
    const unsigned bit = static_cast<unsigned>(grams % 64);
    std::uint64_t v =
        row[k] & (bit == 63 ? ~std::uint64_t{0} : (std::uint64_t{1} << (bit + 1)) - 1);
    while (v == 0) // bit 0 of the first word is always set
      v = row[--k];
    return static_cast<std::int64_t>(k * 64 + 63 - static_cast<std::size_t>(__builtin_clzll(v)));
  }

  // The least weight of at least `grams` and at most `most` that slot j can take from the
  // units of items order_[t …]; -1 when there is none; `grams` when reach_ does not know.
  std::int64_t reach_at_least(std::size_t j, std::size_t t, std::int64_t grams,
                              std::int64_t most) const {
    const std::size_t words = reach_words_[j];
    if (words == 0 || grams <= 0) return grams;
    if (grams > most || grams > reach_total_[j][t]) return -1;
    const std::uint64_t* row = &reach_of(j)[t * words];
    auto k = static_cast<std::size_t>(grams / 64);
    if (k >= words) return grams;
    std::uint64_t v = row[k] & (~std::uint64_t{0} << (grams % 64));
    while (v == 0) {
      if (++k >= words) return -1;
      v = row[k];
    }
    const auto found =
        static_cast<std::int64_t>(k * 64 + static_cast<std::size_t>(__builtin_ctzll(v)));
    return found <= most ? found : -1;
  }

  // Items order_[t …] are still to place.
  void place(std::size_t t) {
    if (stopped_) return;
    if (t == n_) {
      for (const Slot& s : slots_)
        if (s.units == 0) return;
      leaf();
      return;
    }
    for (std::size_t j = 0; j < slots_.size(); ++j)
      same_[t][j] =
          j > 0 && pattern_[j] == pattern_[j - 1] && slots_[j].contents == slots_[j - 1].contents;
    distribute(t, 0, ctx_.request.items[order_[t]].quantity);
  }

  // Puts `left` units of item order_[t] into slots j, j+1, …; of two slots with the same line
  // and the same contents, the later never gets more (they are interchangeable).
  void distribute(std::size_t t, std::size_t j, std::int64_t left) {
    if (!spend(1)) return;
    const std::size_t i = order_[t];
    if (left == 0) {
      for (std::size_t k = j; k < slots_.size(); ++k)
        placed_[t][k] = 0;
      std::array<std::array<Mantissa, 3>, max_slots> saved{};
      for (std::size_t k = 0; k < slots_.size(); ++k)
        saved[k] = {slots_[k].price, slots_[k].insurance, slots_[k].overpaid};
      if (reprice(t) && promising(t + 1)) place(t + 1);
      for (std::size_t k = 0; k < slots_.size(); ++k)
        std::tie(slots_[k].price, slots_[k].insurance, slots_[k].overpaid) =
            std::tie(saved[k][0], saved[k][1], saved[k][2]);
      return;
    }
    if (j == slots_.size()) return;
    placed_[t][j] = 0;
    if (!(masks_[i] >> j & 1u)) {
      distribute(t, j + 1, left);
      return;
    }
    const Item& item = ctx_.request.items[i];
    Slot& slot = slots_[j];
    std::int64_t most = left;
    if (j > 0 && same_[t][j]) most = std::min(most, placed_[t][j - 1]);
    if (item.weight_g > 0)
      most = std::min(most, (models_[pattern_[j]].cap_g - slot.weight_g) / item.weight_g);
    const bool later_slot = (masks_[i] >> (j + 1)) != 0;
    const std::int64_t least = later_slot ? 0 : left;
    const Decimal goods_before = slot.goods_floor;
    const Decimal share_before = share_floor(i, slot.contents[i]);
    for (std::int64_t c = most; c >= least && !stopped_; --c) {
      slot.contents[i] += c;
      slot.units += c;
      slot.weight_g += c * item.weight_g;
      if (c > 0) slot.goods_floor = goods_before - share_before + share_floor(i, slot.contents[i]);
      placed_[t][j] = c;
      distribute(t, j + 1, left - c);
      slot.contents[i] -= c;
      slot.units -= c;
      slot.weight_g -= c * item.weight_g;
      slot.goods_floor = goods_before;
    }
    placed_[t][j] = 0;
  }

  // The slots item order_[t] went into, priced again by their lines; false when one of them
  // can no longer go by its line.
  bool reprice(std::size_t t) {
    for (std::size_t j = 0; j < slots_.size(); ++j) {
      if (placed_[t][j] == 0) continue;
      spend(8); // counted whether or not remembered: the steps do not depend on the memo
      const SlotPrice& price = slot_price(j);
      if (!price.eligible) return false;
      slots_[j].price = price.price;
      slots_[j].insurance = price.insurance;
      slots_[j].overpaid = price.overpaid;
    }
    return true;
  }

  // What reprice learns of a slot's contents on its line.
  struct SlotPrice {
    bool eligible = false;
    Mantissa price = 0, insurance = 0;
    Mantissa overpaid = 0; ///< the insurance above the line's rate on the goods (settled, floor)
  };

  // Slot j's least price on its line for its contents, remembered by line and contents: the
  // search meets the same parcel on many branches (a packing of the other slots does not
  // change it), and most repricings are such repeats.
  const SlotPrice& slot_price(std::size_t j) {
    const Slot& s = slots_[j];
    auto& known = slot_prices_[pattern_[j]];
    if (const auto it = known.find(s.contents); it != known.end()) return it->second;
    const Money goods(s.goods_floor, ctx_.base);
    const ShippingOption o =
        price_line(ctx_, *models_[pattern_[j]].line, build_parcel(ctx_, s.contents), goods,
                   s.contents, PriceBound::lower_bound, dispatch_);
    SlotPrice price;
    if (o.eligible) {
      const Mantissa insurance =
          o.insurance ? to_settlement(ctx_, *o.insurance).amount().mantissa() : 0;
      const Mantissa at_rate = models_[pattern_[j]].insured * settled_floor(goods.amount()) / one_;
      price = {true, o.price.amount().mantissa(), insurance,
               std::max<Mantissa>(0, insurance - at_rate)};
    }
    if (remembered_ >= memo_limit) {
      scratch_price_ = price;
      return scratch_price_;
    }
    remembered_ += n_ + 8;
    return known.emplace(s.contents, price).first->second;
  }

  // A base-currency amount in the settlement currency, rounded down to 10^-12.
  Mantissa settled_floor(const Decimal& base) const {
    return convert(base, Decimal::from_int(1), ctx_.settlement_rate, settlement_markup(ctx_),
                   from_mantissa(1), RoundingMode::floor)
        .mantissa();
  }

  // Item i's amount × units / quantity, rounded down. Summed over a parcel's items it is never
  // above the parcel's allocated goods, and never falls as units are added.
  Decimal share_floor(std::size_t i, std::int64_t units) const {
    if (units == 0) return Decimal();
    if (static_cast<std::size_t>(units) < shares_[i].size())
      return shares_[i][static_cast<std::size_t>(units)];
    return Decimal::product_rounded({offers_.items[i].amount.amount(), Decimal::from_int(units)},
                                    {Decimal::from_int(ctx_.request.items[i].quantity)},
                                    ctx_.base_unit, RoundingMode::floor);
  }

  // What the bound assumes of a slot: its weight and the least price it can have.
  struct SlotView {
    std::int64_t weight_g = 0;
    Mantissa price = 0;
  };
  using Views = std::array<SlotView, max_slots>;

  // What fill() knows of each slot: the grams it can still take (`spaces`), those its present
  // price already pays for, and its per-gram rate; and the slots from the lowest rate up.
  struct Fillable {
    std::array<std::int64_t, max_slots> space{}, free{};
    std::array<Mantissa, max_slots> rate{};
    std::array<std::size_t, max_slots> by_rate{};
  };
  Fillable fillable(const Views& views, const std::array<std::int64_t, max_slots>& spaces) const {
    Fillable f;
    for (std::size_t j = 0; j < slots_.size(); ++j) {
      const LineModel& m = models_[pattern_[j]];
      const SlotView& s = views[j];
      const std::int64_t space = spaces[j];
      std::int64_t free = space;
      if (m.per_gram > 0) {
        const Mantissa above = s.price - (m.at_zero + m.per_gram * s.weight_g);
        free = above <= 0 ? 0
               : above >= m.per_gram * space
                   ? space
                   : static_cast<std::int64_t>((above + m.per_gram - 1) / m.per_gram);
      }
      f.space[j] = space;
      f.free[j] = free;
      f.rate[j] = m.per_gram;
      f.by_rate[j] = j;
    }
    for (std::size_t k = 1; k < slots_.size(); ++k) // by rate, cheapest first (at most four)
      for (std::size_t q = k; q > 0 && f.rate[f.by_rate[q]] < f.rate[f.by_rate[q - 1]]; --q)
        std::swap(f.by_rate[q], f.by_rate[q - 1]);
    return f;
  }

  // The least the slots in `set` can add to their prices when `weight` more grams go into
  // them: each slot first fills what its price already pays for, then the rest goes to the
  // lowest per-gram rates. nullopt when they cannot hold that much.
  std::optional<Mantissa> fill(const Fillable& f, unsigned set, std::int64_t weight) const {
    std::int64_t room = 0, paid_for = 0;
    for (std::size_t j = 0; j < slots_.size(); ++j)
      if (set >> j & 1u) {
        room += f.space[j];
        paid_for += f.free[j];
      }
    if (room < weight) return std::nullopt;
    if (weight <= paid_for) return Mantissa{0};
    std::int64_t rest = weight - paid_for;
    Mantissa cost = 0;
    for (std::size_t k = 0; k < slots_.size() && rest > 0; ++k) {
      const std::size_t j = f.by_rate[k];
      if (!(set >> j & 1u)) continue;
      const std::int64_t take = std::min(rest, f.space[j] - f.free[j]);
      cost += f.rate[j] * take;
      rest -= take;
    }
    return cost;
  }

  // A lower bound on the landed total of every split this packing can become (items
  // order_[t …] still to place), or nullopt when no split can follow. It is the order's fixed
  // charges and customs floor, each slot's consolidation and price, and what the unplaced
  // units add:
  // - units only some slots accept must go to them; where the other slots of such a set cannot
  //   hold them all, a slot must take the rest, and its price is at least its line's price at
  //   that weight (a bracket line's price jumps where a straight line under it cannot);
  // - the weight left over then goes where it costs least (fill), set by set, and the largest
  //   such cost counts.
  // Reads fits_ (measure_fits(t) first).
  std::optional<Mantissa> bound(std::size_t t) const {
    const auto& items = ctx_.request.items;
    std::array<std::int64_t, 1u << max_slots> left{};
    for (std::size_t k = t; k < n_; ++k) {
      const unsigned mask = fits_[k - t];
      if (!mask) return std::nullopt;
      left[mask] += items[order_[k]].weight_g * items[order_[k]].quantity;
    }
    const std::size_t n = slots_.size();
    const unsigned all = (1u << n) - 1;
    // weight[set]: unplaced grams only `set` accepts; spans[set]: the union of their masks.
    // Only a set that is such a union matters: a wider set of the same weight has more room.
    std::array<std::int64_t, 1u << max_slots> weight{};
    std::array<unsigned, 1u << max_slots> spans{};
    for (unsigned mask = 1; mask <= all; ++mask) {
      weight[mask] = left[mask];
      spans[mask] = left[mask] > 0 ? mask : 0;
    }
    for (std::size_t bit = 0; bit < n; ++bit)
      for (unsigned set = 1; set <= all; ++set)
        if (set >> bit & 1u) {
          weight[set] += weight[set ^ (1u << bit)];
          spans[set] |= spans[set ^ (1u << bit)];
        }
    // room[j]: the most slot j can still take: under its line's limit, and a sum of the
    // unplaced units its line accepts (units are not divided).
    std::array<std::int64_t, max_slots> room{}, must{};
    for (std::size_t j = 0; j < n; ++j)
      room[j] = reach_at_most(
          j, t, std::max<std::int64_t>(0, models_[pattern_[j]].cap_g - slots_[j].weight_g));
    for (unsigned set = 1; set <= all; ++set) {
      if (spans[set] != set) continue;
      std::int64_t others = 0;
      for (std::size_t j = 0; j < n; ++j)
        if (set >> j & 1u) others += room[j];
      for (std::size_t j = 0; j < n; ++j)
        if (set >> j & 1u) must[j] = std::max(must[j], weight[set] - (others - room[j]));
    }
    Views views{};
    Mantissa shipping = 0;
    std::int64_t preloaded = 0;
    std::array<std::int64_t, max_slots> space{};
    for (std::size_t j = 0; j < n; ++j) {
      // What a slot must take is a sum of units too: the least such sum of at least that much.
      must[j] = reach_at_least(j, t, must[j], room[j]);
      if (must[j] < 0 || must[j] > room[j]) return std::nullopt;
      space[j] = room[j] - must[j];
      views[j] = {slots_[j].weight_g + must[j], slots_[j].price};
      if (must[j] > 0)
        views[j].price = std::max(views[j].price, price_at_weight(j, views[j].weight_g));
      preloaded += must[j];
      shipping += views[j].price;
    }
    const Fillable fills = fillable(views, space);
    Mantissa extra = 0;
    for (unsigned set = 1; set <= all; ++set) {
      if (spans[set] != set && set != all) continue;
      std::int64_t rest = weight[set];
      if (set == all)
        rest -= preloaded;
      else
        for (std::size_t j = 0; j < n; ++j)
          if (set >> j & 1u) rest -= must[j];
      const auto add = fill(fills, set, std::max<std::int64_t>(0, rest));
      if (!add) return std::nullopt;
      extra = std::max(extra, *add);
    }
    return landed_at_least(shipping + extra, n);
  }

  // For a first_continued line (model l), the least price of a parcel weighing at least
  // `weight_g`: the line's price for the lightest parcel in the same continued step (smallest
  // box, no goods, no attribute), remembered by step. The straight line under the price misses
  // its steps; this does not. 0 for other pricing.
  Mantissa step_price_at_least(std::size_t l, std::int64_t weight_g) const {
    const LineModel& m = models_[l];
    const ShippingLine& line = *m.line;
    const Pricing& p = *m.pricing;
    if (p.kind != Pricing::Kind::first_continued || p.continued_g <= 0 || line.step_g <= 0)
      return 0;
    const std::int64_t chargeable = (weight_g + line.step_g - 1) / line.step_g * line.step_g;
    const std::int64_t step =
        chargeable <= p.first_g ? 0 : (chargeable - p.first_g + p.continued_g - 1) / p.continued_g;
    if (step >= max_steps) return 0; // not remembered so far out: 0 is still a lower bound
    auto& known = m.step_prices;
    if (known.size() <= static_cast<std::size_t>(step))
      known.resize(static_cast<std::size_t>(step) + 1, -1);
    Mantissa& price = known[static_cast<std::size_t>(step)];
    if (price >= 0) return price;
    Parcel parcel = smallest_;
    parcel.actual_g = std::max(
        parcel.actual_g, step == 0 ? std::int64_t{1} : p.first_g + (step - 1) * p.continued_g + 1);
    const ShippingOption o = price_line(ctx_, line, parcel, Money::zero(ctx_.base), Contents(n_, 0),
                                        PriceBound::lower_bound, dispatch_);
    price = o.eligible ? o.price.amount().mantissa() : 0;
    return price;
  }

  // fits_ for the packing under way with items order_[t …] unplaced: bound and priced_units
  // read it.
  void measure_fits(std::size_t t) const {
    fits_.resize(n_ - t);
    for (std::size_t k = t; k < n_; ++k)
      fits_[k - t] = fitting(order_[k]);
  }

  // The slots item i can still go to: those whose line accepts it and whose weight limit
  // leaves room for one more of its units (a unit is never divided between parcels).
  unsigned fitting(std::size_t i) const {
    const std::int64_t weight = ctx_.request.items[i].weight_g;
    unsigned mask = 0;
    for (std::size_t j = 0; j < slots_.size(); ++j)
      if ((masks_[i] >> j & 1u) && models_[pattern_[j]].cap_g - slots_[j].weight_g >= weight)
        mask |= 1u << j;
    return mask;
  }

  // Another lower bound on the slots' prices when items order_[t …] are placed: the largest
  // of priced_by with every slot measured by actual weight, and, when some slot's line charges
  // it by volume (priced_by says when), with such slots measured by volumetric weight.
  // Reads fits_ (measure_fits(t) first).
  Mantissa priced_units(std::size_t t) const {
    const Mantissa by_weight = priced_by(t, nullptr);
    if (!any_volumetric_) return by_weight;
    const std::int64_t pad = 2 * ctx_.rulebook.warehouse.padding_cm;
    Volumes volumes;
    bool any = false;
    for (std::size_t j = 0; j < slots_.size(); ++j) {
      const LineModel& m = models_[pattern_[j]];
      if (m.volume_divisor == 0) continue;
      const Box& b = volumes.boxes[j] = box_of(slots_[j]);
      const std::int64_t side = std::max({b.longest, b.middle, b.height}) + pad;
      volumes.by_volume[j] = m.volume_over_cm == 0 || side > m.volume_over_cm;
      any = any || volumes.by_volume[j];
    }
    // With no slot measured by volume, the second figure would be the first.
    return any ? std::max(by_weight, priced_by(t, &volumes)) : by_weight;
  }

  // A slot's box so far (build_parcel's sides before padding: the longest and middle sides of
  // its items, their stacked heights), for the volumetric bound.
  struct Box {
    std::int64_t longest = 0, middle = 0, height = 0;
  };
  Box box_of(const Slot& s) const {
    Box b;
    for (std::size_t i = 0; i < n_; ++i)
      if (s.contents[i] > 0) {
        b.longest = std::max(b.longest, dims_[i][0]);
        b.middle = std::max(b.middle, dims_[i][1]);
        b.height += dims_[i][2] * s.contents[i];
      }
    return b;
  }

  // Which slots priced_by measures by volumetric weight, and their boxes so far.
  struct Volumes {
    std::array<Box, max_slots> boxes{};
    std::array<bool, max_slots> by_volume{};
  };

  // Grams of volumetric weight at least, capped (a lower figure keeps a lower bound one).
  static std::int64_t volumetric_floor(std::int64_t cm3, std::int64_t divisor) {
    return std::min<std::int64_t>(cm3 / divisor * 1000 + cm3 % divisor * 1000 / divisor,
                                  largest_grams);
  }

  // A lower bound on the slots' prices when items order_[t …] are placed. Each slot's freight
  // is at least its line's straight line at its chargeable weight, which is at least a
  // measure: actual grams, or — with `volumes`, for a slot whose line charges volumetric weight
  // for any box it can become (no side condition, or its longest side already over it) —
  // volumetric grams. The slot's box holds its items' longest sides side by side and their
  // shortest stacked, so it is at least its present box plus, for each unit added, the unit's
  // height times the larger of each present side and the unit's (padding included).
  //
  // Each unit then pays, on the cheapest slot that accepts it, the grams it adds at the slot's
  // per-gram rate (on slots counted by rate; 0 on the others) plus its value at the slot's
  // insurance rate, less what the slots' present prices already pay for beyond their straight
  // lines. Any choice of slots counted by rate gives a lower bound; two are tried: every slot
  // with a rate, and only slots whose present price pays for less than half of what the
  // unplaced units add. It sees what fill() cannot: a line that carries weight for free (a
  // minimum price) still insures goods by value, and a bulky parcel pays for its volume.
  Mantissa priced_by(std::size_t t, const Volumes* volumes) const {
    const std::size_t n = slots_.size();
    const std::int64_t pad = 2 * ctx_.rulebook.warehouse.padding_cm;
    const auto& items = ctx_.request.items;
    const Volumes by_weight;
    const auto& [boxes, volume] = volumes ? *volumes : by_weight;
    // grams[k][j]: what one unit of item order_[t + k] adds to slot j's measure.
    grams_.resize(n_ - t);
    std::array<std::int64_t, max_slots> unplaced{};
    for (std::size_t k = t; k < n_; ++k) {
      const std::size_t i = order_[k];
      for (std::size_t j = 0; j < n; ++j) {
        std::int64_t g = items[i].weight_g;
        if (volume[j]) {
          const std::int64_t l = std::max(boxes[j].longest, dims_[i][0]) + pad;
          const std::int64_t w = std::max(boxes[j].middle, dims_[i][1]) + pad;
          g = volumetric_floor(dims_[i][2] * l * w, models_[pattern_[j]].volume_divisor);
        }
        grams_[k - t][j] = g;
        unplaced[j] += g * items[i].quantity;
      }
    }
    std::array<Mantissa, max_slots> above{}; ///< present freight beyond the straight line
    Mantissa prices = 0, paid_insurance = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const LineModel& m = models_[pattern_[j]];
      const Slot& s = slots_[j];
      prices += s.price;
      const std::int64_t present =
          volume[j] ? volumetric_floor((boxes[j].longest + pad) * (boxes[j].middle + pad) *
                                           (boxes[j].height + pad),
                                       m.volume_divisor)
                    : s.weight_g;
      above[j] =
          std::max<Mantissa>(0, s.price - s.insurance - (m.freight_at_zero + m.per_gram * present));
      // Insurance rounds twice (to the base unit, then settled): two units each way.
      paid_insurance += s.overpaid + 2 * ctx_.settlement_unit.mantissa();
    }
    // Two choices of slots counted by rate (c = 0: every slot with a rate; c = 1: those whose
    // present price pays for less than half of what the unplaced units add), in one pass.
    std::array<std::array<bool, max_slots>, 2> by_rate{};
    std::array<Mantissa, 2> paid{paid_insurance, paid_insurance};
    for (std::size_t j = 0; j < n; ++j) {
      const Mantissa rate = models_[pattern_[j]].per_gram;
      by_rate[0][j] = rate > 0;
      by_rate[1][j] = rate > 0 && above[j] < rate * (unplaced[j] / 2);
      for (std::size_t c = 0; c < 2; ++c)
        if (by_rate[c][j]) paid[c] += above[j];
    }
    std::array<Mantissa, 2> units{};
    for (std::size_t k = t; k < n_; ++k) {
      const std::size_t i = order_[k];
      std::array<std::optional<Mantissa>, 2> least;
      for (std::size_t j = 0; j < n; ++j) {
        if (!(fits_[k - t] >> j & 1u)) continue;
        const Mantissa insurance = insures_[i][pattern_[j]];
        const Mantissa rated = models_[pattern_[j]].per_gram * grams_[k - t][j] + insurance;
        for (std::size_t c = 0; c < 2; ++c) {
          const Mantissa cost = by_rate[c][j] ? rated : insurance;
          if (!least[c] || cost < *least[c]) least[c] = cost;
        }
      }
      for (std::size_t c = 0; c < 2; ++c)
        units[c] += least[c].value_or(0) * items[i].quantity;
    }
    Mantissa best = 0;
    for (std::size_t c = 0; c < 2; ++c)
      best = std::max(best, prices + std::max<Mantissa>(0, units[c] - paid[c]));
    return best;
  }

  // The least landed total of a split into `parcels` parcels whose freight, surcharges and
  // insurance come to at least `shipping` (settlement mantissa).
  Mantissa landed_at_least(Mantissa shipping, std::size_t parcels) const {
    return fixed_ + consolidation_ * static_cast<Mantissa>(parcels) + shipping +
           growth_.on(shipping);
  }

  bool promising(std::size_t t) {
    spend(1);
    measure_fits(t);
    const auto lb = bound(t);
    if (!lb || !can_win(*lb) || !can_win(landed_at_least(priced_units(t), slots_.size())))
      return false;
    if (n_ - t > last_items) return true;
    const auto last = priced_near_leaves(t);
    return last && can_win(landed_at_least(*last, slots_.size()));
  }

  // Near the leaves, the slots' least price once the items order_[t …] are placed, each slot
  // priced at its line's price for its new weight (the step or bracket a straight line
  // misses). With at most exact_units units left, every way to put them into slots is tried.
  // With more, the largest over single units of the least rise some slot takes: that unit
  // goes to one slot, the others keep their prices, and more units only add. nullopt when the
  // units cannot all go. Worth its cost only near the leaves, where a unit that tips a parcel
  // over a step decides between packings the other bounds cannot tell apart. Reads fits_
  // (measure_fits(t) first).
  std::optional<Mantissa> priced_near_leaves(std::size_t t) const {
    const auto& items = ctx_.request.items;
    Mantissa prices = 0;
    for (const Slot& s : slots_)
      prices += s.price;
    const auto rise = [&](std::size_t j, std::int64_t grams) {
      return std::max<Mantissa>(0,
                                price_at_weight(j, slots_[j].weight_g + grams) - slots_[j].price);
    };
    std::int64_t units = 0;
    for (std::size_t k = t; k < n_; ++k)
      units += items[order_[k]].quantity;
    if (units == 0) return prices;
    if (units <= static_cast<std::int64_t>(exact_units)) {
      // Few units left: the least over every way to put them into slots, slot by slot (the
      // least rise for each set of units one slot takes; a set it cannot take costs `none`).
      std::array<std::size_t, exact_units> unit_of{};
      std::array<unsigned, exact_units> fits{};
      std::size_t u = 0;
      for (std::size_t k = t; k < n_; ++k)
        for (std::int64_t q = 0; q < items[order_[k]].quantity; ++q) {
          fits[u] = fits_[k - t];
          unit_of[u++] = order_[k];
        }
      const unsigned all = (1u << u) - 1;
      constexpr Mantissa none = std::numeric_limits<Mantissa>::max();
      std::array<Mantissa, 1u << exact_units> least{}, next{};
      least.fill(none);
      least[0] = 0;
      for (std::size_t j = 0; j < slots_.size(); ++j) {
        std::array<Mantissa, 1u << exact_units> cost{};
        for (unsigned set = 1; set <= all; ++set) {
          std::int64_t grams = 0;
          bool takes = true;
          for (std::size_t v = 0; v < u && takes; ++v)
            if (set >> v & 1u) {
              takes = (fits[v] >> j & 1u) != 0;
              grams += items[unit_of[v]].weight_g;
            }
          takes = takes && models_[pattern_[j]].cap_g - slots_[j].weight_g >= grams;
          cost[set] = takes ? rise(j, grams) : none;
        }
        for (unsigned set = 0; set <= all; ++set) {
          next[set] = least[set]; // slot j takes none of them
          for (unsigned sub = set; sub != 0; sub = (sub - 1) & set)
            if (cost[sub] != none && least[set ^ sub] != none)
              next[set] = std::min(next[set], least[set ^ sub] + cost[sub]);
        }
        least = next;
      }
      if (least[all] == none) return std::nullopt;
      return prices + least[all];
    }
    Mantissa most = 0;
    for (std::size_t k = t; k < n_; ++k) {
      const std::size_t i = order_[k];
      const unsigned fits = fits_[k - t];
      std::optional<Mantissa> least;
      for (std::size_t j = 0; j < slots_.size(); ++j)
        if (fits >> j & 1u)
          least = std::min(least.value_or(rise(j, items[i].weight_g)), rise(j, items[i].weight_g));
      if (!least) return std::nullopt;
      most = std::max(most, *least);
    }
    return prices + most;
  }

  // The least price slot j's line charges a parcel of at least `weight_g` (no goods, no
  // attributes), with the slot's own insurance in place of the line's least.
  Mantissa price_at_weight(std::size_t j, std::int64_t weight_g) const {
    const LineModel& m = models_[pattern_[j]];
    const Mantissa at_weight =
        std::max(m.price_at_least(weight_g), step_price_at_least(pattern_[j], weight_g));
    return at_weight - m.least_insurance + slots_[j].insurance;
  }

  // Whether a split whose landed total is at least `lb` can still win: reach the best landed
  // total found (a tie may still win on the later keys), else the one-parcel quote's.
  bool can_win(Mantissa lb) const {
    const Money* target = to_beat();
    return !target || !(lb > target->amount().mantissa());
  }

  // The landed total a split must reach: the best found, else the one-parcel quote's.
  const Money* to_beat() const {
    return best_ ? &std::get<0>(best_key_) : to_beat_ ? &to_beat_->first : nullptr;
  }

  // A parcel of a complete packing: its size and its cheapest eligible line (none when no
  // line can carry it).
  struct Shipped {
    Parcel size;
    std::optional<ShippingOption> option;
  };

  // The size and cheapest eligible line of a parcel with these contents and insured value,
  // remembered: the same parcel recurs in many splits.
  const Shipped& cheapest(const Contents& c, const Money& goods) {
    ParcelKey key{c, goods.amount().mantissa()};
    if (const auto it = shipped_.find(key); it != shipped_.end()) return it->second;
    Shipped shipped{build_parcel(ctx_, c), std::nullopt};
    for (ShippingOption& o : price_lines(ctx_, shipped.size, goods, c))
      if (o.eligible && (!ctx_.request.line || o.line == *ctx_.request.line) &&
          (!shipped.option || o.price < shipped.option->price))
        shipped.option = std::move(o);
    if (remembered_ >= memo_limit) {
      scratch_shipped_.emplace_back(std::move(shipped));
      return scratch_shipped_.back();
    }
    remembered_ += n_ + 64;
    return shipped_.emplace(std::move(key), std::move(shipped)).first->second;
  }

  // A complete packing: each parcel on its cheapest line, landed when it can still win.
  void leaf() {
    std::vector<Contents> contents;
    contents.reserve(slots_.size());
    for (const Slot& s : slots_)
      contents.push_back(s.contents);
    std::sort(contents.begin(), contents.end(), std::greater<>());
    // Reached before under another pattern: not landed twice. Once the record is full, a split
    // met again is landed again (the same landing, so never a better one).
    if (seen_words_ < seen_limit) {
      if (!seen_.insert(contents).second) return;
      seen_words_ += contents.size() * (n_ + 4) + 8;
    } else if (seen_.count(contents) != 0) {
      return;
    }
    if (!spend(16)) return;
    const auto goods = allocate_goods(ctx_, offers_, contents);
    std::array<Money, max_slots> parcel_goods;
    std::array<const Shipped*, max_slots> shipped{};
    scratch_shipped_.clear();
    scratch_shipped_.reserve(max_slots); // no reallocation: shipped[] points into it
    Mantissa shipping = 0;               // freight, surcharges and insurance, settled
    for (std::size_t p = 0; p < contents.size(); ++p) {
      Decimal sum; // all in the base currency
      for (const Money& m : goods[p])
        sum += m.amount();
      parcel_goods[p] = Money(sum, ctx_.base);
      shipped[p] = &cheapest(contents[p], parcel_goods[p]);
      if (!shipped[p]->option) return;
      shipping += shipped[p]->option->price.amount().mantissa();
    }
    // The bound again with each parcel's exact line price: most splits stop here, unlanded.
    if (!can_win(landed_at_least(shipping, contents.size()))) return;
    std::vector<PlannedParcel> parcels;
    parcels.reserve(contents.size());
    for (std::size_t p = 0; p < contents.size(); ++p)
      parcels.push_back({contents[p], shipped[p]->size, parcel_goods[p], *shipped[p]->option});
    // Assessed together, the exact customs of this consignment (many splits share one).
    const Customs* customs = nullptr;
    if (ctx_.destination.parcels == ParcelAssessment::together) {
      customs = &consignment(parcels);
      if (!can_win(landed_with(shipping, parcels.size(), *customs))) return;
    }
    if (!spend(40)) return;
    ++landings_;
    SplitLanding landing = land_split(ctx_, offers_, fees_, parcels, customs);
    Key key{landing.landing.landed_total, landing.landing.total, contents.size(), contents};
    if (to_beat_ &&
        std::tie(std::get<0>(key), std::get<1>(key)) >= std::tie(to_beat_->first, to_beat_->second))
      return;
    if (best_ && !better(key, best_key_)) return;
    best_key_ = std::move(key);
    best_ = SplitFound{std::move(parcels), std::move(landing)};
    if (goal_ == SplitGoal::any_that_goes) stopped_ = found_enough_ = true;
  }

  // The customs of a split assessed together. They depend on the parcels only through their
  // lines and their summed freight and insurance, so splits that share those share one
  // assessment (near-ties by the gram are many such splits).
  const Customs& consignment(const std::vector<PlannedParcel>& parcels) {
    ConsignmentKey key;
    for (const PlannedParcel& p : parcels) {
      const Mantissa insured = p.option.insurance ? p.option.insurance->amount().mantissa() : 0;
      std::get<0>(key).push_back(&line_of(ctx_, p.option));
      std::get<1>(key) += p.option.total.amount().mantissa() - insured;
      std::get<2>(key) += insured;
    }
    auto it = consignments_.find(key);
    if (it != consignments_.end()) return it->second;
    if (seen_words_ >= seen_limit) { // full: assessed again each time it is met
      scratch_customs_ = assess_consignment(ctx_, offers_, fees_, parcels);
      return scratch_customs_;
    }
    seen_words_ += 64 + 48 * n_;
    return consignments_.emplace(std::move(key), assess_consignment(ctx_, offers_, fees_, parcels))
        .first->second;
  }

  // The landed total of a split with this exact shipping and these customs, at least: exact
  // but for the settling of the customs charges into another currency (a unit each) and cash
  // rounding; carrier fees on delivery count as zero.
  Mantissa landed_with(Mantissa shipping, std::size_t parcels, const Customs& customs) const {
    Decimal owed = customs.duty.amount.amount();
    for (const TaxResult& t : customs.taxes)
      owed += t.amount.amount();
    Mantissa settled = owed.mantissa();
    if (ctx_.destination.currency.code != ctx_.settlement.code) {
      const Mantissa charges =
          static_cast<Mantissa>(parcels) * static_cast<Mantissa>(1 + customs.taxes.size()) + 1;
      settled = std::max<Mantissa>(0, convert(owed, ctx_.destination_rate, ctx_.settlement_rate,
                                              nullptr, from_mantissa(1), RoundingMode::floor)
                                              .mantissa() -
                                          charges * ctx_.settlement_unit.mantissa());
    }
    return order_charges_ + consolidation_ * static_cast<Mantissa>(parcels) + shipping + settled;
  }

  // Less landed, then less at checkout, then fewer parcels, then the greater contents list.
  static bool better(const Key& a, const Key& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) < std::get<0>(b);
    if (std::get<1>(a) != std::get<1>(b)) return std::get<1>(a) < std::get<1>(b);
    if (std::get<2>(a) != std::get<2>(b)) return std::get<2>(a) < std::get<2>(b);
    return std::get<3>(a) > std::get<3>(b);
  }

  const Context& ctx_;
  const OfferChoice& offers_;
  const Fees& fees_;
  const std::optional<std::pair<Money, Money>>& to_beat_;
  const std::uint64_t bound_;
  const SplitGoal goal_;
  const std::size_t max_parcels_;
  const std::size_t n_;
  const date::sys_days dispatch_; ///< every ETA's start (the search prices many parcels)
  Mantissa order_charges_ = 0;    ///< goods, seller shipping, fees, less cash rounding (settled)
  Mantissa fixed_ = 0, consolidation_ = 0; ///< settlement mantissa; fixed_ adds customs_floor
  const CustomsGrowth growth_;             ///< customs on the split's shipping
  static constexpr Mantissa one_ = 1'000'000'000'000;
  std::vector<LineModel> models_;
  std::vector<std::size_t> pattern_; ///< model index per slot, ascending
  std::vector<Slot> slots_;
  std::vector<unsigned> masks_;                   ///< per item: the slots whose line accepts it
  std::vector<Mantissa> unit_value_;              ///< per item: one unit's goods, settled, at most
  std::vector<std::vector<Decimal>> shares_;      ///< per item: share_floor by units, if few
  std::vector<std::array<std::int64_t, 3>> dims_; ///< per item: its sides, longest first
  mutable std::vector<std::array<std::int64_t, max_slots>> grams_; ///< priced_by's scratch
  Parcel smallest_;                            ///< the lightest, smallest parcel any split can have
  mutable std::vector<unsigned> fits_;         ///< measure_fits: fitting() per unplaced item
  std::vector<std::vector<Mantissa>> insures_; ///< [item][line model]: one unit's insurance
  bool any_volumetric_ = false;                ///< some line charges by volume
  std::vector<std::size_t> order_;             ///< items in placing order
  mutable std::array<std::vector<std::uint64_t>, max_slots> reach_; ///< reach_of: per slot, t
  std::array<std::size_t, max_slots> reach_words_{};                ///< its words per t (0: none)
  std::array<std::vector<std::int64_t>, max_slots> reach_total_;    ///< per slot, per t: all units
  std::vector<std::array<bool, max_slots>> same_;                   ///< per order position
  std::vector<std::array<std::int64_t, max_slots>> placed_;         ///< per order position
  /// FNV-1a over a parcel's units, continuing from `h`.
  static std::uint64_t hash_units(std::uint64_t h, const Contents& c) noexcept {
    for (const std::int64_t units : c)
      h = (h ^ static_cast<std::uint64_t>(units)) * 1099511628211ULL;
    return h;
  }
  static constexpr std::uint64_t hash_start = 1469598103934665603ULL;
  struct ContentsHash {
    std::size_t operator()(const Contents& c) const noexcept {
      return static_cast<std::size_t>(hash_units(hash_start, c));
    }
  };
  struct SplitHash {
    std::size_t operator()(const std::vector<Contents>& split) const noexcept {
      std::uint64_t h = hash_start;
      for (const Contents& c : split)
        h = hash_units(h, c);
      return static_cast<std::size_t>(h);
    }
  };
  /// Splits met so far, by their contents (hashed: a deep search meets thousands).
  std::unordered_set<std::vector<Contents>, SplitHash> seen_;
  /// Per line model: slot_price's memo.
  std::vector<std::unordered_map<Contents, SlotPrice, ContentsHash>> slot_prices_;
  SlotPrice scratch_price_;    ///< slot_price's answer once the memo is full
  std::size_t remembered_ = 0; ///< the memos' size, in 8-byte words at least
  /// Lines, summed freight and summed insurance (base mantissas) of a consignment.
  using ConsignmentKey = std::tuple<std::vector<const ShippingLine*>, Mantissa, Mantissa>;
  std::map<ConsignmentKey, Customs> consignments_;
  Customs scratch_customs_;    ///< consignment's answer once the record is full
  std::size_t seen_words_ = 0; ///< seen_ and consignments_, in 8-byte words at least
  /// A parcel's contents and insured value (base mantissa): cheapest's memo.
  using ParcelKey = std::pair<Contents, Mantissa>;
  struct ParcelKeyHash {
    std::size_t operator()(const ParcelKey& k) const noexcept {
      return ContentsHash{}(k.first) ^
             std::hash<std::int64_t>{}(static_cast<std::int64_t>(k.second));
    }
  };
  std::unordered_map<ParcelKey, Shipped, ParcelKeyHash> shipped_;
  std::vector<Shipped> scratch_shipped_; ///< cheapest's answers for one leaf once the memo is full
  std::optional<SplitFound> best_;
  Key best_key_;
  std::uint64_t work_ = 0, landings_ = 0;
  bool stopped_ = false;
  bool found_enough_ = false; ///< a split was found, and any split was all the goal asked for
};

} // namespace

SplitResult search_split(const Context& ctx, const OfferChoice& offers, const Fees& fees,
                         const std::optional<std::pair<Money, Money>>& to_beat,
                         std::uint64_t work_bound, SplitGoal goal) {
  return SplitSearch(ctx, offers, fees, to_beat, work_bound, goal).run();
}

} // namespace taoquote::detail
