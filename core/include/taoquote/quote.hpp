// The landed-cost quote: every figure, how it was reached, and the total the buyer pays.
// Its canonical JSON form is documented in docs/quote.md.
#pragma once

#include "taoquote/error.hpp"
#include "taoquote/money.hpp"
#include "taoquote/request.hpp"
#include "taoquote/rulebook.hpp"

#include <optional>
#include <string>
#include <vector>

namespace taoquote {

/// The offer chosen for one item and its settled line amount (base currency).
struct ChosenItem {
  std::string id;
  std::int64_t quantity = 0;
  std::size_t offer = 0; ///< index into the item's offers
  std::string seller;
  Platform platform = Platform::taobao;
  Money unit_price; ///< base currency, as offered (not settled)
  Money amount;     ///< base currency, settled (settlement point 1)
};

/// A seller whose offers were chosen, with the shipping counted once for the order.
struct SellerShipping {
  std::string id;
  Platform platform = Platform::taobao;
  Money shipping; ///< base currency, settled (settlement point 1b)
};

/// A named amount (a freight surcharge).
struct CodedAmount {
  std::string code;
  Money amount;
};

/// Who collects a duty or tax charge (JSON `collect`): the seller at checkout, or the carrier
/// from the buyer on delivery.
enum class Collect : std::uint8_t { checkout, delivery };

/// When a parcel leaves the warehouse and the window in which it arrives.
struct Eta {
  CivilDate dispatch{}, earliest{}, latest{};
};

/// One shipping line, priced or with the reason it cannot carry this parcel (JSON
/// `options[]`).
struct ShippingOption {
  std::string line;
  std::string name;
  LineMode mode = LineMode::courier;
  bool ddp = false;
  bool eligible = false;
  std::string reason;  ///< ineligible only: DESTINATION_NOT_SERVED, PROHIBITED_ATTRIBUTE,
                       ///< OVERWEIGHT, OVERSIZE
  std::string message; ///< ineligible only: a sentence
  std::int64_t volumetric_g = 0, chargeable_g = 0;
  Money freight;                       ///< base currency
  std::vector<CodedAmount> surcharges; ///< base currency
  std::optional<Money> insurance;      ///< base currency
  Money total;                         ///< freight + surcharges + insurance, base currency
  /// Settlement currency: the sum of the settled FREIGHT, surcharge and INSURANCE charges this
  /// line would book if chosen (each converted with markup, settlement point 12).
  Money price;
  // The quote's figures as if this line were chosen (steps 5 and 6 with this line):
  Money checkout_total;  ///< settlement currency: the quote's `total` with this line
  Money due_on_delivery; ///< destination currency: the quote's `due_on_delivery` with this line
  Money landed_total;    ///< checkout_total + due_on_delivery at mid (settlement point 14)
  DayRange transit_days;
  Eta eta;
};

/// A threshold that was evaluated, and whether it fired.
struct ThresholdCheck {
  std::string id;
  std::string applies_to; ///< "duty", "per_category", "checkout" or "tax:<id>"
  Threshold::Basis basis = Threshold::Basis::goods;
  Money value; ///< the parcel's value on the basis, destination currency
  Money max;   ///< the threshold, in its own currency
  bool fired = false;
  std::optional<std::size_t> parcel; ///< parcels assessed separately: whose value this was
};

/// Customs figures of one cart line, destination currency.
struct CustomsLine {
  std::string item;
  std::string hs_code;
  Money goods, seller_shipping, freight, insurance, fees, customs_value, duty;
};

/// One rate group of a tax: lines sharing a rate, taxed once on their combined base.
struct TaxGroup {
  Rate rate;
  Money base;
  Money amount;
};

/// A tax's result.
struct TaxResult {
  std::string id;
  std::string code;
  Money amount;
  std::vector<TaxGroup> groups;
  std::optional<std::string> of;
  std::optional<std::string> exempt_by; ///< the threshold that exempted it
};

/// The duty rule that decided the parcel's duty (JSON `customs.duty`).
struct DutyDecision {
  std::string rule; ///< "rates", "exempt" or "per_category"
  std::optional<std::string> id;
  Money amount;
};

/// Customs valuation, duty, taxes and who collects them.
struct Customs {
  std::string country;
  CurrencyInfo currency{};
  Valuation valuation;
  Money goods_value, customs_value;
  std::vector<ThresholdCheck> thresholds;
  std::vector<CustomsLine> lines;
  DutyDecision duty;
  std::vector<TaxResult> taxes;
  Collect collect = Collect::delivery;
  std::optional<std::string> regime; ///< the checkout threshold id, or "ddp"
  /// Split quotes only: how the parcels were assessed (JSON `assessment`).
  std::optional<ParcelAssessment> assessment;
};

/// One line of the breakdown. Checkout charges are in the settlement currency and sum to
/// the total; delivery charges stay in the destination currency.
struct Charge {
  std::string code;
  Collect collect = Collect::checkout;
  Money amount;                      ///< settled, in the currency it is paid in
  Money source;                      ///< before conversion (JSON source_amount, source_currency)
  std::optional<std::size_t> parcel; ///< split quotes: the parcel a per-parcel charge belongs to
};

/// A currency conversion used for charging, with display-rounded rates.
struct FxUse {
  std::string from, to;
  Decimal mid;     ///< rate_scale places, half-even (display only)
  Decimal charged; ///< mid × (1 + markup), same rounding (display only)
};

/// A non-fatal observation, e.g. FX_STALE.
struct Warning {
  std::string code;
  std::string message;
};

/// The consolidated parcel (JSON `parcel`).
struct ParcelSize {
  std::int64_t actual_g = 0;
  std::array<std::int64_t, 3> dimensions_cm{}; ///< sorted descending
};

/// Units of one cart item packed in a parcel (JSON `parcels[].items[]`).
struct ParcelItem {
  std::string id;
  std::int64_t quantity = 0;
};

/// One parcel of a split quote (JSON `parcels[]`): what it holds, its size, the line it ships
/// by with that line's charges, and its share of the order's customs.
struct ShippedParcel {
  std::vector<ParcelItem> items;
  ParcelSize size;
  Money goods;           ///< base currency: its items' line amounts, allocated by units
  Money consolidation;   ///< base currency: this parcel's consolidation fee
  ShippingOption option; ///< the line it ships by, priced for this parcel
  Money price;           ///< settlement currency: its shipping charges and consolidation fee
  Money duty;            ///< destination currency: its duty (assessed or allocated)
  std::vector<CodedAmount> taxes; ///< destination currency, by tax code
  Collect collect = Collect::delivery;
};

/// An item a partial quote left out (request `partial: true`), with the error a quote of that
/// item alone gives: BELOW_MOQ, NO_OFFER or NO_ELIGIBLE_LINE, its path in the request's
/// numbering (JSON `excluded[]`: item, code, path, message).
struct ExcludedItem {
  std::string item;
  Error error;
};

/// A complete quote. Field names follow the JSON of docs/quote.md; nested JSON objects are
/// nested structs, and `Money` members carry the currency the JSON writes beside them.
struct Quote {
  std::string rulebook_id, rulebook_digest; ///< JSON rulebook.id, rulebook.digest
  Instant at{}, expires_at{};
  std::string country;          ///< JSON destination.country
  CurrencyInfo currency{};      ///< settlement currency
  CurrencyInfo base_currency{}; ///< the rulebook's base (goods, fees, freight); not written
  std::vector<ChosenItem> items;
  std::vector<SellerShipping> sellers;
  bool partial = false;               ///< the request asked for a partial quote
  std::vector<ExcludedItem> excluded; ///< partial only: the items left out, in request order
  ParcelSize parcel;
  std::vector<ShippingOption> options;
  std::string selected;               ///< empty when the quote splits
  std::vector<ShippedParcel> parcels; ///< only when the quote splits (two or more)
  std::optional<Money> landed_total;  ///< split quotes: total + due_on_delivery at mid
  Customs customs;
  std::vector<Charge> charges;
  Money total;
  Money due_on_delivery; ///< destination currency
  Instant fx_as_of{};    ///< JSON fx.as_of
  Rate fx_markup;        ///< JSON fx.markup
  std::vector<FxUse> fx; ///< JSON fx.rates
  std::vector<Warning> warnings;
};

/// Computes a quote. Never throws: every failure (including OVERFLOW) is returned as an
/// Error. The rulebook must come from a loader that ran validate_rulebook.
Result<Quote> compute_quote(const Rulebook& rulebook, const Request& request);

} // namespace taoquote
