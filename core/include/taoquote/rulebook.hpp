// The rulebook: FX, fees, shipping lines and destination customs rules, typed and immutable.
// Field meanings are documented once, in docs/schema.md. Names follow the JSON except where a
// field says otherwise: a line's `countries`, `max_*` and `prohibited` are JSON
// `restrictions.*`; `Warehouse::packaging_*` is JSON `packaging.*`; FX rates are rebased to the
// base currency when read (JSON `fx.rates` may be quoted in another, `fx.quoted_in`).
#pragma once

#include "taoquote/decimal.hpp"
#include "taoquote/instant.hpp"
#include "taoquote/registry.hpp"

#include <optional>
#include <string>
#include <vector>

namespace taoquote {

/// How a shipping line carries the parcel; thresholds and duty rates may depend on it.
enum class LineMode : std::uint8_t { courier, postal, freight };

/// What a quote does when the FX table is older than its maximum age.
enum class StalePolicy : std::uint8_t { warn, error };

/// FX table with the base currency as pivot: `rates[c]` = units of base per 1 unit of c.
struct FxTable {
  Instant as_of{};
  int max_age_hours = 0;
  StalePolicy on_stale = StalePolicy::warn;
  Rate markup; ///< spread on every charging conversion between two currencies
  std::vector<std::pair<std::string, Decimal>> rates; ///< sorted by code, base excluded
};

/// A value limit that, when it holds, exempts a duty or tax or makes a checkout regime fire.
struct Threshold {
  enum class Basis : std::uint8_t { goods, customs_value };
  std::string id;
  Validity validity;
  Basis basis = Basis::goods;
  Decimal max;
  CurrencyInfo currency{};
  bool strict = false;                        ///< `<` instead of `≤`
  std::vector<std::string> origins;           ///< applies only if every item's origin is listed
  std::vector<LineMode> modes;                ///< applies only to these line modes
  std::vector<std::string> unless_attributes; ///< never applies if an item has one of these
  /// Exemptions only: lines whose HS code starts with one of these prefixes are not exempted
  /// when the exemption fires (Japan's ¥10,000 relief excludes knitted apparel, footwear, …).
  std::vector<std::string> unless_hs;
};

/// How a duty or tax rounds its base and its amount (quanta absent = the currency's minor unit).
struct Quantization {
  std::optional<RoundingMode> rounding;
  std::optional<Decimal> base_quantum;
  std::optional<Decimal> quantum;
};

/// One row of a duty rate table, matched by the longest HS-code prefix.
struct DutyRate {
  std::string hs;
  Validity validity;
  std::optional<Rate> ad_valorem;
  std::optional<Decimal> specific; ///< per unit, destination currency
  std::vector<LineMode> modes;
};

/// A flat duty per distinct tariff category in the parcel (EU €3 from 2026-07-01).
struct CategoryDuty {
  Threshold when;
  Decimal amount;
  int hs_digits = 6;
};

/// A destination's duty rules.
struct DutyRules {
  std::vector<DutyRate> rates;
  /// JSON `default`: the rate of a line that no row in force matches (hs and modes unused);
  /// absent = such a line is the error DUTY_RATE_MISSING.
  std::optional<DutyRate> default_rate;
  std::vector<Threshold> exemptions;
  std::vector<CategoryDuty> per_category;
  Quantization quantization;
};

/// What a tax base is made of (docs/schema.md, decision 8).
enum class Component : std::uint8_t {
  customs_value,
  goods,
  seller_shipping,
  freight,
  insurance,
  duty,
  fees
};

/// A tax rate matched by the longest HS-code prefix ("" = every code).
struct TaxRate {
  std::string hs;
  Rate rate;
};

/// A VAT/GST-like tax, or a tax on another tax (`of`, Japan's local consumption tax).
struct TaxRule {
  std::string id;
  std::string code; ///< charge code in the quote, e.g. "VAT"
  Validity validity;
  std::vector<TaxRate> rates;
  std::optional<std::string> of;
  std::vector<Component> base;
  std::optional<std::vector<Component>> checkout_base;
  std::vector<Threshold> exemptions;
  Quantization quantization;
};

/// How the customs value is formed.
struct Valuation {
  enum class Basis : std::uint8_t { fob, cif, price_rate };
  Basis basis = Basis::cif;
  Rate rate; ///< price_rate only
  /// price_rate only (JSON `add`): parcel parts added to rate × goods, each line's share —
  /// Japan values personal imports at 60 % of the price plus freight and insurance.
  std::vector<Component> add;
};

/// The customs rules of one destination country.
/// How a destination's customs assesses the parcels of one split order (JSON `parcels`):
/// together as one consignment (the default: thresholds on the order's total), or each parcel
/// on its own.
enum class ParcelAssessment : std::uint8_t { together, separately };

struct Destination {
  std::string country;
  CurrencyInfo currency{};
  std::optional<RoundingMode> rounding;
  Valuation valuation;
  DutyRules duty;
  std::vector<TaxRule> taxes;
  std::vector<Threshold> checkout;
  ParcelAssessment parcels = ParcelAssessment::together;
};

/// A range of whole days, e.g. a line's transit time (JSON `{"min", "max"}`).
struct DayRange {
  int min = 0, max = 0;
};

/// A shipping line's price for a chargeable weight.
struct Pricing {
  enum class Kind : std::uint8_t { first_continued, brackets, per_kg };
  struct Bracket {
    std::int64_t up_to_g = 0;
    Decimal price;
  };
  Kind kind = Kind::first_continued;
  std::int64_t first_g = 0;
  Decimal first;
  std::int64_t continued_g = 1;
  Decimal continued;
  std::vector<Bracket> brackets;
  Decimal per_kg;
  Decimal min;
};

/// A freight surcharge: a rate on base freight, a fixed amount, or an amount triggered by
/// an item attribute (e.g. batteries).
struct Surcharge {
  enum class Kind : std::uint8_t { rate, fixed, attribute };
  std::string code;
  Kind kind = Kind::fixed;
  Rate rate;
  Decimal amount;
  std::string attribute;
};

/// A fee the carrier collects from the buyer on delivery when duty or tax is due on delivery
/// (clearance, brokerage, duty advance, postal handling): either `fixed`, or `rate` × (duty and
/// tax due) clamped to [min, max]; in `currency` (the destination currency of every listed
/// country).
struct DeliveryFee {
  std::string code; ///< charge code in the quote, e.g. "ROYAL_MAIL_HANDLING_FEE"
  Validity validity;
  std::vector<std::string> countries;
  CurrencyInfo currency{};
  Decimal fixed;
  std::optional<Rate> rate;
  std::optional<Decimal> min, max;
};

/// A shipping line a warehouse sells (EMS, an express courier, a DDP special line, …).
struct ShippingLine {
  struct Zone {
    std::vector<std::string> countries;
    Pricing pricing;
  };
  struct Volumetric {
    std::int64_t divisor = 5000;
    std::optional<std::int64_t> when_side_over_cm;
  };
  struct Insurance {
    Rate rate;
    Decimal min;
  };
  std::string id;
  std::string name;
  Validity validity;
  LineMode mode = LineMode::courier;
  bool ddp = false;
  std::optional<Volumetric> volumetric;
  std::int64_t step_g = 1;
  Pricing pricing;
  std::vector<Zone> zones;
  std::vector<Surcharge> surcharges;
  std::optional<Insurance> insurance;
  std::vector<std::string> countries; ///< destinations served
  std::optional<std::int64_t> max_weight_g, max_side_cm, max_girth_cm;
  std::vector<std::string> prohibited;
  DayRange transit_days;
  std::vector<DeliveryFee> delivery_fees; ///< JSON `delivery_fees`, in order
};

/// A closed range of civil dates when the warehouse does not dispatch.
struct Closure {
  std::string name;
  CivilDate from, to;
};

/// Warehouse fees, packaging and dispatch calendar.
struct Warehouse {
  Decimal handling_per_unit;
  Decimal consolidation_per_parcel;
  std::int64_t packaging_weight_g = 0;
  std::int64_t padding_cm = 0;
  int max_parcels = 4; ///< the most parcels a split order may ship as (1 … 4)
  int inbound_business_days = 0;
  std::vector<unsigned> weekend{6, 7}; ///< ISO weekdays
  std::vector<Closure> closures;
};

/// The agent's service fee: rate × goods, clamped to [min, max].
struct ServiceFee {
  Rate rate;
  Decimal min, max;
};

/// A validated, immutable rulebook, shared by many quotes (thread-safe to read).
struct Rulebook {
  std::string id;
  std::string digest; ///< "sha256:<hex>" of the rulebook's canonical JSON
  std::string origin_country;
  CurrencyInfo base{};
  RoundingMode rounding = RoundingMode::half_up;
  int rate_scale = 12;
  int quote_valid_minutes = 30;
  FxTable fx;
  std::vector<std::pair<std::string, Decimal>> cash_increments; ///< sorted by code
  ServiceFee service_fee;
  Warehouse warehouse;
  std::vector<ShippingLine> lines;
  std::vector<Destination> destinations;

  /// Units of base currency per unit of `code` (1 for the base); nullptr when missing.
  const Decimal* rate_of(std::string_view code) const noexcept;
  /// The destination rules for a country, or nullptr.
  const Destination* destination(std::string_view country) const noexcept;
};

/// Checks the cross-field rules of docs/schema.md (duplicate ids, overlapping dates, tax
/// bases counting twice, `of` references, …) and throws Failure with a rulebook pointer.
void validate_rulebook(const Rulebook& rulebook);

} // namespace taoquote
