// Private: parcel splitting (docs/parcels.md) — the search for the least landed split
// (split_search.cpp) and the customs and charges of a split (split_landing.cpp).
#pragma once

#include "pipeline.hpp"

#include <cstdint>
#include <optional>

namespace taoquote::detail {

/// One parcel of a split: what it holds, its size and the line it ships by.
struct PlannedParcel {
  Contents contents;
  Parcel size;
  Money goods;           ///< base currency: its items' line amounts, allocated by units
  ShippingOption option; ///< its cheapest eligible line (the request's line when it names one)
};

/// Steps 5 and 6 for a split, and the parcels as the quote lists them.
struct SplitLanding {
  Landing landing;
  std::vector<ShippedParcel> parcels;
};

/// Each item's line amount allocated to the parcels by units (largest remainder, base unit):
/// `parts[p][i]` is parcel p's share of item i.
std::vector<std::vector<Money>> allocate_goods(const Context& ctx, const OfferChoice& offers,
                                               const std::vector<Contents>& parcels);

/// The customs of a split assessed together: one consignment of every parcel's freight,
/// insurance and consolidation fee, on the lines the parcels ship by.
Customs assess_consignment(const Context& ctx, const OfferChoice& offers, const Fees& fees,
                           const std::vector<PlannedParcel>& parcels);

/// Customs for the split as the destination assesses it (together as one consignment, or
/// each parcel alone), the per-parcel charges, and the totals. `consignment`: assessed
/// together, the split's assess_consignment when the caller has it already (the search
/// keeps one per consignment it met).
SplitLanding land_split(const Context& ctx, const OfferChoice& offers, const Fees& fees,
                        const std::vector<PlannedParcel>& parcels,
                        const Customs* consignment = nullptr);

/// A lower bound, settlement currency, on the duty and taxes any split of this order books
/// (customs_floor.cpp): the split search's bound adds it to the shipping it cannot avoid.
Money customs_floor(const Context& ctx, const OfferChoice& offers);

/// How much more than customs_floor the duty and taxes of a split are at least, as its
/// shipping (freight, surcharges and insurance, settlement currency) grows (customs_floor.cpp).
struct CustomsGrowth {
  Decimal per_shipping; ///< ≥ 0: duty and tax per unit of shipping, at least
  Money slack;          ///< what rounding can take off that
  /// The least extra customs for this much shipping (never negative).
  Money on(const Money& shipping) const;
  /// The same in mantissas (10^-12 settlement units), as the split search's bound adds it.
  /// Shipping and rate are lowered to caps that keep the product within 128 bits.
  Decimal::Mantissa on(Decimal::Mantissa shipping) const;
};
CustomsGrowth customs_growth(const Context& ctx, const OfferChoice& offers);

/// The least landed split into 2 … warehouse.max_parcels parcels (ties: the lower checkout
/// total, fewer parcels, then the canonical order of docs/parcels.md), when one exists.
struct SplitFound {
  std::vector<PlannedParcel> parcels;
  SplitLanding landing;
};
struct SplitResult {
  std::optional<SplitFound> best;
  std::vector<Warning> warnings; ///< SPLIT_UNPROVEN when the work bound stopped the search
  std::uint64_t steps = 0;       ///< the work spent (benchmarks report it)
  std::uint64_t landings = 0;    ///< splits landed in full
};
/// What the search is for: the least landed split (a quote), or only whether some split can
/// go at all (a partial quote's probe of one item, which needs no more than that).
enum class SplitGoal { least_landed, any_that_goes };

/// `to_beat`: the one-parcel quote's (landed, checkout) totals; a split must be strictly
/// better. `work_bound` caps the search's steps (the default is documented).
SplitResult search_split(const Context& ctx, const OfferChoice& offers, const Fees& fees,
                         const std::optional<std::pair<Money, Money>>& to_beat,
                         std::uint64_t work_bound, SplitGoal goal = SplitGoal::least_landed);

/// The search's work bound for a quote of up to 20 items (docs/parcels.md): enough to prove
/// the least split of such carts that must split on per-gram lines, where near-ties are many.
inline constexpr std::uint64_t default_split_work_bound = 1'000'000;
/// The bound of a partial quote's probe of one item, which stops at the first split that goes
/// and runs once per item: a tighter bound keeps a large partial request from multiplying it.
inline constexpr std::uint64_t probe_split_work_bound = 50'000;

/// The work bound of a quote's search over `items` request items: the default up to 20 items,
/// then in inverse proportion to the items, since a step's cost grows with them (a 100-item
/// cart gets 200,000 steps), so that no cart holds a quote much longer than a 20-item one.
constexpr std::uint64_t split_work_bound(std::size_t items) {
  return items <= 20 ? default_split_work_bound : default_split_work_bound * 20 / items;
}

} // namespace taoquote::detail
