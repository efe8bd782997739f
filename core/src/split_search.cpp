// The parcel-split search (docs/parcels.md): branch and bound over the ways to pack the
// cart's units into 2 … max_parcels parcels, each parcel on its cheapest eligible line, for
// the least landed total. Identical units of an item are interchangeable and parcels are
// unordered, so each split is visited once. A partial packing is pruned when a parcel can go
// by no line, or when the order's fixed charges, a floor under its duty and taxes
// (customs_floor.cpp) and each parcel's least possible shipping already exceed the best
// landed total found (carrier fees and the rest of customs only add to it).
#include "split.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

namespace taoquote::detail {
namespace {

class SplitSearch {
public:
  SplitSearch(const Context& ctx, const OfferChoice& offers, const Fees& fees,
              const std::optional<std::pair<Money, Money>>& to_beat, std::uint64_t work_bound,
              SplitGoal goal)
      : ctx_(ctx), offers_(offers), fees_(fees), to_beat_(to_beat), bound_(work_bound), goal_(goal),
        max_parcels_(static_cast<std::size_t>(ctx.rulebook.warehouse.max_parcels)) {
    fixed_ = to_settlement(ctx, offers.goods) + to_settlement(ctx, offers.seller_shipping) +
             to_settlement(ctx, fees.service_fee) + to_settlement(ctx, fees.handling);
    consolidation_ = to_settlement(ctx, fees.consolidation);
    fixed_ += customs_floor(ctx, offers);
    if (ctx.request.cash_rounding)
      for (const auto& [code, increment] : ctx.rulebook.cash_increments)
        if (code == ctx.settlement.code) slack_ = increment;
    // Heavier items first: infeasible packings show early.
    order_.resize(ctx.request.items.size());
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
      return ctx.request.items[a].weight_g > ctx.request.items[b].weight_g;
    });
  }

  SplitResult run() {
    if (max_parcels_ >= 2) next_item(0);
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

  bool spend(std::uint64_t steps) {
    work_ += steps;
    if (work_ > bound_) stopped_ = true;
    return !stopped_;
  }

  void next_item(std::size_t t) {
    if (stopped_) return;
    if (t == order_.size()) {
      if (open_.size() >= 2) leaf();
      return;
    }
    const std::size_t i = order_[t];
    distribute(t, 0, ctx_.request.items[i].quantity, open_.size());
  }

  // Puts `left` units of item order_[t] into parcels p, p+1, …; parcels from `first_new` on
  // were opened by this item, so their counts never rise (they are interchangeable).
  void distribute(std::size_t t, std::size_t p, std::int64_t left, std::size_t first_new) {
    if (!spend(1)) return;
    const std::size_t i = order_[t];
    if (left == 0) {
      if (promising()) next_item(t + 1);
      return;
    }
    if (p == max_parcels_) return;
    if (p < first_new) {
      for (std::int64_t c = left; c >= 0 && !stopped_; --c) {
        open_[p][i] += c;
        if (c == 0 || can_go(open_[p])) distribute(t, p + 1, left - c, first_new);
        open_[p][i] -= c;
      }
      return;
    }
    const std::int64_t cap = p > first_new ? open_[p - 1][i] : left;
    for (std::int64_t c = std::min(left, cap); c >= 1 && !stopped_; --c) {
      open_.emplace_back(ctx_.request.items.size(), 0);
      open_[p][i] = c;
      if (can_go(open_[p])) distribute(t, p + 1, left - c, first_new);
      open_.pop_back();
    }
  }

  // The least settled shipping price any parcel holding at least `c` can have (its lines'
  // lower-bound prices), or nullopt when no line can carry it.
  const std::optional<Money>& least_price(const Contents& c) {
    auto it = bounds_.find(c);
    if (it != bounds_.end()) return it->second;
    spend(8);
    const Parcel parcel = build_parcel(ctx_, c);
    const Money goods(pro_rata_floor(c), ctx_.base);
    std::optional<Money> least;
    for (const ShippingOption& o : price_lines(ctx_, parcel, goods, c, PriceBound::lower_bound))
      if (o.eligible && allowed(o) && (!least || o.price < *least)) least = o.price;
    return bounds_.emplace(c, least).first->second;
  }

  bool can_go(const Contents& c) { return least_price(c).has_value(); }

  bool allowed(const ShippingOption& o) const {
    return !ctx_.request.line || o.line == *ctx_.request.line;
  }

  // Σ item amount × units / quantity, each rounded down: never above the parcel's allocated
  // goods, and never falling as units are added.
  Decimal pro_rata_floor(const Contents& c) const {
    Decimal sum;
    for (std::size_t i = 0; i < c.size(); ++i)
      if (c[i] > 0)
        sum += Decimal::product_rounded({offers_.items[i].amount.amount(), Decimal::from_int(c[i])},
                                        {Decimal::from_int(ctx_.request.items[i].quantity)},
                                        ctx_.base_unit, RoundingMode::floor);
    return sum;
  }

  // The landed total a split must reach: the best found, else the one-parcel quote's.
  const Money* to_beat() const {
    return best_ ? &std::get<0>(best_key_) : to_beat_ ? &to_beat_->first : nullptr;
  }

  // False when the packing so far cannot beat the best landed total found.
  bool promising() {
    const Money* target = to_beat();
    if (!target) return true;
    Money bound = fixed_ - Money(slack_, ctx_.settlement);
    for (const Contents& c : open_) {
      const auto& least = least_price(c);
      if (!least) return false;
      bound += consolidation_ + *least;
    }
    return !(bound > *target);
  }

  // The cheapest eligible line for a parcel with these contents and insured value
  // (remembered: the same parcel recurs in many splits).
  const std::optional<ShippingOption>& cheapest(const Contents& c, const Parcel& parcel,
                                                const Money& goods) {
    auto key = std::make_pair(c, goods.amount().mantissa());
    auto it = lines_.find(key);
    if (it != lines_.end()) return it->second;
    std::optional<ShippingOption> best;
    for (ShippingOption& o : price_lines(ctx_, parcel, goods, c))
      if (o.eligible && allowed(o) && (!best || o.price < best->price)) best = std::move(o);
    return lines_.emplace(std::move(key), std::move(best)).first->second;
  }

  void leaf() {
    if (!spend(40)) return;
    std::vector<Contents> contents = open_;
    std::sort(contents.begin(), contents.end(), std::greater<>());
    const auto goods = allocate_goods(ctx_, offers_, contents);
    std::vector<PlannedParcel> parcels;
    Money shipping = fixed_ - Money(slack_, ctx_.settlement);
    for (std::size_t p = 0; p < contents.size(); ++p) {
      PlannedParcel pp{contents[p], build_parcel(ctx_, contents[p]), Money::zero(ctx_.base), {}};
      for (const Money& m : goods[p])
        pp.goods += m;
      const auto& line = cheapest(pp.contents, pp.size, pp.goods);
      if (!line) return;
      pp.option = *line;
      shipping += consolidation_ + line->price;
      parcels.push_back(std::move(pp));
    }
    // The bound again with each parcel's exact line price: most splits stop here, unlanded.
    const Money* target = to_beat();
    if (target && shipping > *target) return;
    ++landings_;
    SplitLanding landing = land_split(ctx_, offers_, fees_, parcels);
    Key key{landing.landing.landed_total, landing.landing.total, contents.size(), contents};
    if (to_beat_ &&
        std::tie(std::get<0>(key), std::get<1>(key)) >= std::tie(to_beat_->first, to_beat_->second))
      return;
    if (best_ && !better(key, best_key_)) return;
    best_key_ = std::move(key);
    best_ = SplitFound{std::move(parcels), std::move(landing)};
    if (goal_ == SplitGoal::any_that_goes) stopped_ = found_enough_ = true;
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
  Money fixed_, consolidation_;
  Decimal slack_;
  std::vector<std::size_t> order_;
  std::vector<Contents> open_;
  std::map<Contents, std::optional<Money>> bounds_;
  std::map<std::pair<Contents, Decimal::Mantissa>, std::optional<ShippingOption>> lines_;
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
