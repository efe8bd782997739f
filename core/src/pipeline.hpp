// Private: the steps of the quote pipeline (docs/pipeline.md), one file each under core/src,
// and the context they share. Each settlement point is tagged in the code by its number.
#pragma once

#include "taoquote/money.hpp"
#include "taoquote/quote.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace taoquote::detail {

/// What every step needs: the inputs, the destination and the resolved currencies
/// (context.cpp builds it, member by member, in step 0).
struct Context {
  Context(const Rulebook& rb, const Request& rq, const Destination& dest)
      : rulebook(rb), request(rq), destination(dest) {}

  const Rulebook& rulebook;
  const Request& request;
  const Destination& destination;
  CurrencyInfo base{};       ///< the rulebook's base currency (CNY): goods, fees, freight
  CurrencyInfo settlement{}; ///< the currency the buyer pays in
  Decimal destination_rate;  ///< units of base per unit of destination currency
  Decimal settlement_rate;   ///< units of base per unit of settlement currency
  Decimal base_unit;         ///< base currency minor unit (0.01 CNY)
  Decimal destination_unit;  ///< destination minor unit
  Decimal settlement_unit;   ///< settlement minor unit
  RoundingMode rounding = RoundingMode::half_up;             ///< rulebook's mode
  RoundingMode destination_rounding = RoundingMode::half_up; ///< customs mode

  /// `amount` of the base currency.
  Money in_base(const Decimal& amount) const { return Money(amount, base); }
  /// `amount` settled to the base currency's minor unit with the rulebook's mode.
  Money settle_base(const Decimal& amount) const {
    return in_base(amount.round_to(base_unit, rounding));
  }
  /// True when some item has this attribute.
  bool any_item_has(std::string_view attribute) const;
  /// The item's origin country (its own, else the rulebook's).
  const std::string& origin_of(const Item& item) const;
};

/// Step 0: validates the request against itself, resolves the destination and the rates the
/// quote needs, and applies the FX age policy (a warning, or the error FX_STALE).
Context make_context(const Rulebook& rb, const Request& rq, std::vector<Warning>& warnings);

/// Step 1: the chosen offers, line amounts, goods subtotal and seller shipping.
struct OfferChoice {
  std::vector<ChosenItem> items;
  std::vector<SellerShipping> sellers;
  Money goods;                   ///< base currency: Σ line amounts
  Money seller_shipping;         ///< base currency: Σ shipping of the sellers used
  std::vector<Warning> warnings; ///< e.g. when the search could not prove its choice optimal
};
/// The cheapest usable offers (ties: the earlier offers), exact unless the search spends its
/// default work bound first, which adds the warning OFFER_CHOICE_UNPROVEN (docs/offer-choice.md).
OfferChoice choose_offers(const Context& ctx);
/// The same with an explicit work bound (tests force the warning path with a tiny one).
OfferChoice choose_offers(const Context& ctx, std::uint64_t work_bound);

/// Step 2: the base-currency fees.
struct Fees {
  Money service_fee, handling, consolidation;
  Money total() const { return service_fee + handling + consolidation; }
};
Fees compute_fees(const Context& ctx, const Money& goods);

/// Step 3: the consolidated parcel.
struct Parcel {
  std::int64_t actual_g = 0;
  std::array<std::int64_t, 3> dimensions_cm{}; ///< sorted descending
  std::int64_t girth_cm = 0;
};
Parcel build_parcel(const Context& ctx);

/// What one parcel holds: the units of each request item, by item index.
using Contents = std::vector<std::int64_t>;
/// The whole cart as one parcel's contents.
Contents whole_cart(const Context& ctx);
/// Step 3 for any contents (a parcel of a split): weight and padded, sorted dimensions.
Parcel build_parcel(const Context& ctx, const Contents& contents);
/// True when an item with units in `contents` has this attribute.
bool contents_have(const Context& ctx, const Contents& contents, std::string_view attribute);

/// How step 4 prices a line: exactly, or as a lower bound valid for every parcel that holds
/// at least these contents (the parcel-split search prunes with it; docs/parcels.md).
enum class PriceBound : bool { exact, lower_bound };

/// Step 4: every line in force, priced or with its ineligibility reason.
std::vector<ShippingOption> price_lines(const Context& ctx, const Parcel& parcel,
                                        const Money& goods);
/// Step 4 for one parcel's contents; `goods` is the value its insurance is on.
std::vector<ShippingOption> price_lines(const Context& ctx, const Parcel& parcel,
                                        const Money& goods, const Contents& contents,
                                        PriceBound bound = PriceBound::exact);
/// Step 4 for one line in force (the parcel-split search prices the line a parcel is tried on),
/// with the quote's dispatch day (dispatch_day) worked out once by the caller.
ShippingOption price_line(const Context& ctx, const ShippingLine& line, const Parcel& parcel,
                          const Money& goods, const Contents& contents, PriceBound bound,
                          date::sys_days dispatch);

/// Step 4: the line's pricing for a destination (its zone's, else its own).
const Pricing& pricing_for(const ShippingLine& line, const std::string& country);

/// Step 4: the warehouse's dispatch day for this quote (the start of every ETA).
date::sys_days dispatch_day(const Context& ctx);

/// Step 4: an option and the rulebook line behind it.
struct Selection {
  const ShippingOption& option;
  const ShippingLine& line;
};
/// The line in force behind an option.
const ShippingLine& line_of(const Context& ctx, const ShippingOption& option);
/// Step 4, before any customs: the request's line must be in force (UNKNOWN_LINE) and
/// eligible (LINE_INELIGIBLE); without one, some line must be eligible (NO_ELIGIBLE_LINE).
void check_line_request(const Context& ctx, const std::vector<ShippingOption>& options);
/// Step 4, before any customs: true when the request's line (else some line) can carry the
/// whole cart; UNKNOWN_LINE is thrown as by check_line_request.
bool line_request_met(const Context& ctx, const std::vector<ShippingOption>& options);
/// Step 4, once every eligible option carries its landed figures: the index of the option to
/// ship with — the request's line, else by the request's `choose` (ties: rulebook order).
std::size_t choose_option(const Context& ctx, const std::vector<ShippingOption>& options);

/// Step 5's customs lines before international shipping: each item's goods at mid with its
/// share of the seller shipping and of `fees` (points 7 and 8). They are the same whichever
/// line the order ships by, so the options of one quote work them out once.
struct OrderCustomsLines {
  Money fees; ///< the fees allocated to the lines
  std::vector<CustomsLine> lines;
};
OrderCustomsLines order_customs_lines(const Context& ctx, const OfferChoice& offers,
                                      const Money& fees);

/// Step 5: customs for one option as if it were chosen; `order` (optional) holds the order's
/// lines already valued with the same fees.
Customs compute_customs(const Context& ctx, const OfferChoice& offers, const Fees& fees,
                        const Selection& selected, const OrderCustomsLines* order = nullptr);

/// Steps 5 and 6 for one line as if it were chosen: customs, the charges in the buyer's
/// currency, the total, what is due on delivery and the landed total.
struct Landing {
  Customs customs;
  std::vector<Charge> charges;
  Money total;           ///< settlement currency: Σ checkout charges (after cash rounding)
  Money due_on_delivery; ///< destination currency: Σ delivery charges
  Money landed_total;    ///< total + due_on_delivery at mid, settled (point 14)
  std::vector<FxUse> fx;
  std::vector<Warning> warnings; ///< e.g. CASH_INCREMENT_MISSING
};
Landing land(const Context& ctx, const OfferChoice& offers, const Fees& fees,
             const Selection& option, const OrderCustomsLines* order = nullptr);

/// Step 6: the charges in the buyer's currency, the total, what is due on delivery (duty,
/// taxes and the line's carrier fees), for the option whose customs are in `out.customs`.
void settle_charges(const Context& ctx, const OfferChoice& offers, const Fees& fees,
                    const Selection& option, Landing& out);

/// Settlement point 12 for a base-currency amount: converted into the settlement currency
/// (with markup when they differ) and settled with the rulebook's mode.
Money to_settlement(const Context& ctx, const Money& base_amount);
/// The markup of point 12: the rulebook's FX markup, or none when the buyer pays in base.
const Rate* settlement_markup(const Context& ctx);

/// `amount` converted from a currency with rate `from_rate` to one with `to_rate`, exactly
/// at mid (× (1 + markup) when `markup` is given), settled to `unit` with `mode`.
Decimal convert(const Decimal& amount, const Decimal& from_rate, const Decimal& to_rate,
                const Rate* markup, const Decimal& unit, RoundingMode mode);

/// value × rate with the rate's ratio, settled to `unit` with `mode`.
Decimal apply_rate(const Decimal& value, const Rate& rate, const Decimal& unit, RoundingMode mode);
/// The same for money: the result keeps the currency.
Money apply_rate(const Money& value, const Rate& rate, const Decimal& unit, RoundingMode mode);

/// A request pointer "/items/k…" of a request holding only some items, renumbered to the
/// original request (`origin[k]` is item k's original index); other pointers unchanged.
std::string remap_item_path(const std::string& path, const std::vector<std::size_t>& origin);

/// True when `list` contains `value`.
template <class List, class T> bool contains(const List& list, const T& value) {
  for (const auto& x : list)
    if (x == value) return true;
  return false;
}

} // namespace taoquote::detail
