// The landed-cost quote: every figure, how it was reached, and the total the buyer pays.
// Its canonical JSON form is documented in docs/quote.md.
#pragma once

#include "taoquote/error.hpp"
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
  Decimal unit_price;
  Decimal amount;
};

/// A seller whose offers were chosen, with the shipping counted once for the order.
struct SellerShipping {
  std::string id;
  Platform platform = Platform::taobao;
  Decimal shipping;
};

/// A named amount (a freight surcharge).
struct CodedAmount {
  std::string code;
  Decimal amount;
};

/// One shipping line, priced or with the reason it cannot carry this parcel.
struct ShippingOption {
  std::string line;
  std::string name;
  LineMode mode = LineMode::courier;
  bool ddp = false;
  bool eligible = false;
  std::string reason;        ///< ineligible only: DESTINATION_NOT_SERVED, PROHIBITED_ATTRIBUTE,
                             ///< OVERWEIGHT, OVERSIZE
  std::string reason_detail; ///< ineligible only: a sentence
  std::int64_t volumetric_g = 0, chargeable_g = 0;
  Decimal freight;                     ///< base currency
  std::vector<CodedAmount> surcharges; ///< base currency
  std::optional<Decimal> insurance;    ///< base currency
  Decimal total;                       ///< freight + surcharges + insurance, base currency
  Decimal price;                       ///< total in the settlement currency (with markup)
  int transit_min = 0, transit_max = 0;
  CivilDate dispatch{}, earliest{}, latest{};
};

/// A threshold that was evaluated, and whether it fired.
struct ThresholdCheck {
  std::string id;
  std::string applies_to; ///< "duty", "per_category", "checkout" or "tax:<id>"
  Threshold::Basis basis = Threshold::Basis::goods;
  Decimal value; ///< the parcel's value on the basis, destination currency
  Decimal max;
  CurrencyInfo currency{};
  bool fired = false;
};

/// Customs figures of one cart line, destination currency.
struct CustomsLine {
  std::string item;
  std::string hs_code;
  Decimal goods, seller_shipping, freight, insurance, fees, customs_value, duty;
};

/// One rate group of a tax: lines sharing a rate, taxed once on their combined base.
struct TaxGroup {
  Rate rate;
  Decimal base;
  Decimal amount;
};

/// A tax's result.
struct TaxResult {
  std::string id;
  std::string code;
  Decimal amount;
  std::vector<TaxGroup> groups;
  std::optional<std::string> of;
  std::optional<std::string> exempt_by; ///< the threshold that exempted it
};

/// Customs valuation, duty, taxes and who collects them.
struct Customs {
  std::string country;
  CurrencyInfo currency{};
  Valuation valuation;
  Decimal goods_value, customs_value;
  std::vector<ThresholdCheck> thresholds;
  std::vector<CustomsLine> lines;
  Decimal duty;
  std::string duty_rule; ///< "rates", "exempt" or "per_category"
  std::optional<std::string> duty_rule_id;
  std::vector<TaxResult> taxes;
  bool collect_at_checkout = false;
  std::optional<std::string> regime; ///< the checkout threshold id, or "ddp"
};

/// One line of the breakdown. Checkout charges are in the settlement currency and sum to
/// the total; delivery charges stay in the destination currency.
struct Charge {
  std::string code;
  bool at_checkout = true;
  Decimal amount;
  CurrencyInfo currency{};
  Decimal source_amount;
  CurrencyInfo source_currency{};
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

/// A complete quote.
struct Quote {
  std::string rulebook_id, rulebook_digest;
  Instant at{}, expires_at{};
  std::string country;
  CurrencyInfo currency{};      ///< settlement currency
  CurrencyInfo base_currency{}; ///< the rulebook's base (goods, fees, freight)
  std::vector<ChosenItem> items;
  std::vector<SellerShipping> sellers;
  std::int64_t actual_g = 0;
  std::array<std::int64_t, 3> dimensions_cm{};
  std::vector<ShippingOption> options;
  std::string selected;
  Customs customs;
  std::vector<Charge> charges;
  Decimal total;
  Decimal due_on_delivery; ///< destination currency
  Instant fx_as_of{};
  Rate fx_markup;
  std::vector<FxUse> fx;
  std::vector<Warning> warnings;
};

/// Computes a quote. Never throws: every failure (including OVERFLOW) is returned as an
/// Error. The rulebook must come from a loader that ran validate_rulebook.
Result<Quote> compute_quote(const Rulebook& rulebook, const Request& request);

} // namespace taoquote
