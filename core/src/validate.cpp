// Cross-field validation of rulebooks and requests (docs/schema.md), with JSON Pointers.
#include "pipeline.hpp"

#include <algorithm>

namespace taoquote {
namespace {

using detail::contains;

[[noreturn]] void rule_error(ErrorCode code, const Path& path, std::string message) {
  fail(code, ErrorDoc::rulebook, path, std::move(message));
}

void check_window(const Validity& v, const Path& path) {
  if (v.from && v.to && *v.from >= *v.to)
    rule_error(ErrorCode::overlapping_dates, (path / "valid_to"),
               "valid_to must be later than valid_from.");
}

// Entries sharing a key must have disjoint validity windows.
template <class List, class Key>
void check_versions(const List& list, const Path& path, Key key, const char* what) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Path here = path / i;
    check_window(list[i].validity, here);
    for (std::size_t j = 0; j < i; ++j) {
      if (key(list[i]) != key(list[j])) continue;
      if (list[i].validity.overlaps(list[j].validity))
        rule_error(ErrorCode::overlapping_dates, (here / "valid_from"),
                   std::string(what) + " overlaps the dates of entry " + std::to_string(j) +
                       " with the same key.");
    }
  }
}

void check_threshold_currency(const Rulebook& rb, const Threshold& t, const Path& path) {
  if (!rb.rate_of(t.currency.code))
    rule_error(ErrorCode::fx_rate_missing, (path / "currency"),
               "The FX table has no rate for " + std::string(t.currency.code) + ".");
}

void check_thresholds(const Rulebook& rb, const std::vector<Threshold>& list, const Path& path) {
  check_versions(
      list, path, [](const Threshold& t) { return t.id; }, "Threshold");
  for (std::size_t i = 0; i < list.size(); ++i)
    check_threshold_currency(rb, list[i], (path / i));
}

// A component that is already inside `customs_value` under the destination's valuation.
bool inside_customs_value(const Valuation& valuation, Component k) {
  if (contains(valuation.add, k)) return true;
  switch (valuation.basis) {
  case Valuation::Basis::fob: return k == Component::goods || k == Component::seller_shipping;
  case Valuation::Basis::cif:
    return k == Component::goods || k == Component::seller_shipping || k == Component::freight ||
           k == Component::insurance;
  case Valuation::Basis::price_rate: return k == Component::goods;
  }
  return false;
}

void check_base(const Destination& d, const std::vector<Component>& base, const Path& path) {
  const bool has_cv = contains(base, Component::customs_value);
  for (std::size_t i = 0; i < base.size(); ++i) {
    const bool repeated = std::count(base.begin(), base.end(), base[i]) > 1;
    if (repeated || (has_cv && inside_customs_value(d.valuation, base[i])))
      rule_error(ErrorCode::rulebook_invalid, (path / i),
                 "This tax base component is counted twice.");
  }
}

// Amounts that must be settled figures of `currency`: whole multiples of its minor unit.
void check_minor(const Decimal& amount, const CurrencyInfo& currency, const Path& path,
                 const char* what) {
  if (!amount.is_multiple_of(Decimal::quantum(currency.minor_units)))
    rule_error(ErrorCode::rulebook_invalid, path,
               std::string(what) + " must be a whole multiple of the minor unit of " +
                   std::string(currency.code) + " (" + std::to_string(currency.minor_units) +
                   " decimals).");
}

void check_quanta(const Quantization& q, const CurrencyInfo& currency, const Path& path) {
  if (q.base_quantum) check_minor(*q.base_quantum, currency, path / "base_quantum", "base_quantum");
  if (q.quantum) check_minor(*q.quantum, currency, path / "quantum", "quantum");
}

// `unless_hs` has a meaning on exemptions only (the lines it names stay dutiable or taxed).
void check_no_unless_hs(const Threshold& t, const Path& path) {
  if (!t.unless_hs.empty())
    rule_error(ErrorCode::rulebook_invalid, path / "unless_hs",
               "unless_hs applies to duty and tax exemptions only.");
}

void check_destination(const Rulebook& rb, const Destination& d, const Path& path) {
  if (!rb.rate_of(d.currency.code))
    rule_error(ErrorCode::fx_rate_missing, (path / "currency"),
               "The FX table has no rate for " + std::string(d.currency.code) + ".");
  const Path duty = path / "duty";
  check_quanta(d.duty.quantization, d.currency, duty);
  check_versions(
      d.duty.rates, (duty / "rates"),
      [](const DutyRate& r) {
        std::string key = r.hs + "|";
        for (LineMode m : r.modes)
          key += static_cast<char>('0' + static_cast<int>(m));
        return key;
      },
      "Duty rate");
  check_thresholds(rb, d.duty.exemptions, (duty / "exemptions"));
  const Path pc = duty / "per_category";
  for (std::size_t i = 0; i < d.duty.per_category.size(); ++i) {
    check_window(d.duty.per_category[i].when.validity, (pc / i));
    check_minor(d.duty.per_category[i].amount, d.currency, pc / i / "amount", "A flat duty");
    check_no_unless_hs(d.duty.per_category[i].when, pc / i);
    check_threshold_currency(rb, d.duty.per_category[i].when, (pc / i));
  }
  check_thresholds(rb, d.checkout, (path / "checkout"));
  for (std::size_t i = 0; i < d.checkout.size(); ++i)
    check_no_unless_hs(d.checkout[i], path / "checkout" / i);
  const Path taxes = path / "taxes";
  check_versions(
      d.taxes, taxes, [](const TaxRule& t) { return t.id; }, "Tax");
  for (std::size_t i = 0; i < d.taxes.size(); ++i) {
    const TaxRule& t = d.taxes[i];
    const Path here = taxes / i;
    check_thresholds(rb, t.exemptions, (here / "exemptions"));
    check_quanta(t.quantization, d.currency, here);
    if (t.of) {
      bool earlier = false;
      for (std::size_t j = 0; j < i; ++j)
        earlier = earlier || d.taxes[j].id == *t.of;
      if (!earlier)
        rule_error(ErrorCode::rulebook_invalid, (here / "of"),
                   "'of' must name a tax listed earlier in this destination.");
      if (t.rates.size() != 1 || !t.rates[0].hs.empty() || !t.base.empty())
        rule_error(ErrorCode::rulebook_invalid, here,
                   "A tax on another tax has a single 'rate' and no 'base'.");
      continue;
    }
    if (t.base.empty())
      rule_error(ErrorCode::rulebook_invalid, (here / "base"), "A tax needs a non-empty base.");
    check_base(d, t.base, (here / "base"));
    if (t.checkout_base) check_base(d, *t.checkout_base, (here / "checkout_base"));
  }
}

// A delivery fee is in the currency of every destination it names, in whole minor units.
void check_delivery_fees(const Rulebook& rb, const std::vector<DeliveryFee>& fees,
                         const Path& path) {
  check_versions(
      fees, path, [](const DeliveryFee& f) { return f.code; }, "Delivery fee");
  for (std::size_t j = 0; j < fees.size(); ++j) {
    const DeliveryFee& f = fees[j];
    const Path here = path / j;
    for (const std::string& country : f.countries) {
      const Destination* d = rb.destination(country);
      if (d && d->currency.code != f.currency.code)
        rule_error(ErrorCode::rulebook_invalid, here / "currency",
                   "A delivery fee is in the currency of its destinations; " + country + " uses " +
                       std::string(d->currency.code) + ".");
    }
    check_minor(f.fixed, f.currency, here / "fixed", "A delivery fee");
    if (f.min) check_minor(*f.min, f.currency, here / "min", "A delivery fee");
    if (f.max) check_minor(*f.max, f.currency, here / "max", "A delivery fee");
    if (f.min && f.max && *f.max < *f.min)
      rule_error(ErrorCode::rulebook_invalid, here / "max", "max must not be below min.");
  }
}

void check_pricing(const Pricing& p, const Path& path) {
  if (p.kind != Pricing::Kind::brackets) return;
  for (std::size_t i = 1; i < p.brackets.size(); ++i)
    if (p.brackets[i].up_to_g <= p.brackets[i - 1].up_to_g)
      rule_error(ErrorCode::rulebook_invalid, path / "brackets" / i / "up_to_g",
                 "Brackets must be in strictly increasing order of up_to_g.");
}

} // namespace

void validate_rulebook(const Rulebook& rb) {
  if (rb.service_fee.max < rb.service_fee.min)
    rule_error(ErrorCode::rulebook_invalid, Path() / "service_fee" / "max",
               "max must not be below min.");
  if (!(rb.fx.markup.num < rb.fx.markup.den))
    rule_error(ErrorCode::rulebook_invalid, Path() / "fx" / "markup",
               "The FX markup must be below 1.");
  for (const auto& [code, increment] : rb.cash_increments)
    check_minor(increment, *find_currency(code), Path() / "cash_increments" / code,
                "A cash increment");
  check_versions(
      rb.lines, Path() / "lines", [](const ShippingLine& l) { return l.id; }, "Line");
  for (std::size_t i = 0; i < rb.lines.size(); ++i) {
    const ShippingLine& l = rb.lines[i];
    const Path here = Path() / "lines" / i;
    if (l.transit_days.min > l.transit_days.max)
      rule_error(ErrorCode::rulebook_invalid, (here / "transit_days"),
                 "transit_days.min must not exceed max.");
    check_pricing(l.pricing, (here / "pricing"));
    for (std::size_t z = 0; z < l.zones.size(); ++z)
      check_pricing(l.zones[z].pricing, here / "zones" / z / "pricing");
    check_delivery_fees(rb, l.delivery_fees, here / "delivery_fees");
  }
  for (std::size_t i = 0; i < rb.destinations.size(); ++i) {
    const Path here = Path() / "destinations" / i;
    for (std::size_t j = 0; j < i; ++j)
      if (rb.destinations[j].country == rb.destinations[i].country)
        rule_error(ErrorCode::duplicate_id, (here / "country"),
                   "Destination " + rb.destinations[i].country + " is listed twice.");
    check_destination(rb, rb.destinations[i], here);
  }
  const auto& w = rb.warehouse;
  for (std::size_t i = 0; i < w.closures.size(); ++i)
    if (w.closures[i].to < w.closures[i].from)
      rule_error(ErrorCode::overlapping_dates, ((Path() / "warehouse" / "closures" / i) / "to"),
                 "A closure must not end before it starts.");
}

void validate_request(const Request& rq) {
  auto req_error = [](ErrorCode code, const Path& path, std::string message) {
    fail(code, ErrorDoc::request, path, std::move(message));
  };
  for (std::size_t i = 0; i < rq.sellers.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (rq.sellers[i].id == rq.sellers[j].id)
        req_error(ErrorCode::duplicate_id, ((Path() / "sellers" / i) / "id"),
                  "Seller '" + rq.sellers[i].id + "' is declared twice.");
  if (rq.items.empty()) req_error(ErrorCode::invalid_field, Path() / "items", "The cart is empty.");
  for (std::size_t i = 0; i < rq.items.size(); ++i) {
    const Item& item = rq.items[i];
    // Pointers are built only when something fails: a valid request allocates none.
    const auto here = [i] { return (Path() / "items" / i); };
    for (std::size_t j = 0; j < i; ++j)
      if (rq.items[j].id == item.id)
        req_error(ErrorCode::duplicate_id, (here() / "id"),
                  "Item '" + item.id + "' appears twice.");
    if (item.quantity < 1 || item.quantity > 1'000'000)
      req_error(ErrorCode::invalid_field, (here() / "quantity"),
                "quantity must be between 1 and 1,000,000.");
    if (item.offers.empty())
      req_error(ErrorCode::no_offer, (here() / "offers"), "Item '" + item.id + "' has no offers.");
    for (std::size_t o = 0; o < item.offers.size(); ++o) {
      const Offer& offer = item.offers[o];
      const auto op = [&here, o] { return here() / "offers" / o; };
      const bool declared = std::any_of(rq.sellers.begin(), rq.sellers.end(),
                                        [&](const Seller& s) { return s.id == offer.seller; });
      if (!declared)
        req_error(ErrorCode::unknown_seller, (op() / "seller"),
                  "Offer names seller '" + offer.seller + "', which is not declared in /sellers.");
      for (std::size_t t = 1; t < offer.tiers.size(); ++t)
        if (offer.tiers[t].min_qty <= offer.tiers[t - 1].min_qty)
          req_error(ErrorCode::tiers_out_of_order, op() / "tiers" / t / "min_qty",
                    "Tiers must be in strictly increasing order of min_qty.");
    }
  }
}

} // namespace taoquote
