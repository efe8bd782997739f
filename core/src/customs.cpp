// Step 5 of the pipeline (docs/pipeline.md §5): customs valuation at the mid rate (points 7–9),
// allocation of parcel amounts to lines, thresholds, duty (point 10), the checkout regime, and
// taxes (point 11), all in the destination currency.
#include "customs.hpp"

#include <algorithm>

namespace taoquote::detail {

CustomsBuilder::CustomsBuilder(const Context& ctx, const OfferChoice& offers,
                               const CustomsShipping& shipping, const OrderCustomsLines* order)
    : ctx_(ctx), offers_(offers), shipping_(shipping), order_(order), dest_(ctx.destination) {}

Customs CustomsBuilder::build(const Money& fees) {
  c_.country = dest_.country;
  c_.currency = dest_.currency;
  c_.valuation = dest_.valuation;
  c_.goods_value = c_.customs_value = Money::zero(dest_.currency);
  c_.duty.amount = Money::zero(dest_.currency);
  value_lines(fees);
  duty();
  regime();
  taxes();
  return std::move(c_);
}

// Settlement points 7 and 8: a base-currency amount at mid, settled to the destination unit.
Money CustomsBuilder::at_mid(const Money& base_amount) const {
  return Money(convert(base_amount.amount(), Decimal::from_int(1), ctx_.destination_rate, nullptr,
                       ctx_.destination_unit, ctx_.destination_rounding),
               dest_.currency);
}

std::vector<Money> CustomsBuilder::allocate(const Money& total,
                                            const std::vector<Decimal>& weights) const {
  std::vector<Money> out;
  out.reserve(weights.size());
  for (const Decimal& part :
       allocate_largest_remainder(total.amount(), weights, ctx_.destination_unit))
    out.emplace_back(part, dest_.currency);
  return out;
}

bool CustomsBuilder::all_modes_in(const std::vector<LineMode>& modes) const {
  for (const ShippingLine* line : shipping_.lines)
    if (!contains(modes, line->mode)) return false;
  return true;
}

OrderCustomsLines CustomsBuilder::order_lines(const Money& fees) const {
  OrderCustomsLines out{fees, {}};
  std::vector<Decimal> weights;
  weights.reserve(offers_.items.size());
  out.lines.reserve(offers_.items.size());
  for (std::size_t i = 0; i < offers_.items.size(); ++i) {
    CustomsLine cl;
    cl.item = offers_.items[i].id;
    cl.hs_code = ctx_.request.items[i].hs_code;
    cl.goods = at_mid(offers_.items[i].amount); // point 7
    cl.duty = Money::zero(dest_.currency);
    weights.push_back(cl.goods.amount());
    out.lines.push_back(std::move(cl));
  }
  // Point 8: each parcel amount settled once, then split by largest remainder.
  const auto ship = allocate(at_mid(offers_.seller_shipping), weights);
  const auto fee = allocate(at_mid(fees), weights);
  for (std::size_t i = 0; i < out.lines.size(); ++i) {
    out.lines[i].seller_shipping = ship[i];
    out.lines[i].fees = fee[i];
  }
  return out;
}

void CustomsBuilder::value_lines(const Money& fees) {
  if (order_ && order_->fees.amount() == fees.amount())
    c_.lines = order_->lines;
  else
    c_.lines = order_lines(fees).lines;
  std::vector<Decimal> weights;
  weights.reserve(c_.lines.size());
  for (const CustomsLine& cl : c_.lines)
    weights.push_back(cl.goods.amount());
  // Point 8 for the international shipping, by the same weights.
  const auto fr = allocate(at_mid(shipping_.freight), weights);
  const auto ins = allocate(at_mid(shipping_.insurance), weights);
  for (std::size_t i = 0; i < c_.lines.size(); ++i) {
    CustomsLine& cl = c_.lines[i];
    cl.freight = fr[i];
    cl.insurance = ins[i];
    cl.customs_value = line_value(cl);
    c_.goods_value += cl.goods;
    c_.customs_value += cl.customs_value;
  }
}

OrderCustomsLines order_customs_lines(const Context& ctx, const OfferChoice& offers,
                                      const Money& fees) {
  const CustomsShipping none{{}, Money::zero(ctx.base), Money::zero(ctx.base)};
  return CustomsBuilder(ctx, offers, none).order_lines(fees);
}

Money CustomsBuilder::line_value(const CustomsLine& cl) const {
  switch (dest_.valuation.basis) {
  case Valuation::Basis::fob: return cl.goods + cl.seller_shipping;
  case Valuation::Basis::cif: return cl.goods + cl.seller_shipping + cl.freight + cl.insurance;
  case Valuation::Basis::price_rate: { // point 9, plus the line's share of the parts in `add`
    Money v = apply_rate(cl.goods, dest_.valuation.rate, ctx_.destination_unit,
                         ctx_.destination_rounding);
    for (Component k : dest_.valuation.add)
      v += component(cl, k);
    return v;
  }
  }
  return Money::zero(dest_.currency);
}

bool excluded_by(const Threshold& exemption, const std::string& hs) {
  for (const std::string& prefix : exemption.unless_hs)
    if (hs.compare(0, prefix.size(), prefix) == 0) return true;
  return false;
}

bool CustomsBuilder::applies(const Threshold& t) const {
  if (!t.validity.covers(ctx_.request.at)) return false;
  if (!t.modes.empty() && !all_modes_in(t.modes)) return false;
  for (const Item& item : ctx_.request.items)
    if (!t.origins.empty() && !contains(t.origins, ctx_.origin_of(item))) return false;
  for (const auto& attribute : t.unless_attributes)
    if (ctx_.any_item_has(attribute)) return false;
  return true;
}

bool CustomsBuilder::fires(const Threshold& t, const std::string& applies_to) {
  if (!applies(t)) return false;
  const Money& value = t.basis == Threshold::Basis::goods ? c_.goods_value : c_.customs_value;
  // Compared exactly in base units: value × rate[D] against max × rate[T], never rounded.
  const int cmp = Decimal::compare_products(value.amount(), ctx_.destination_rate, t.max,
                                            *ctx_.rulebook.rate_of(t.currency.code));
  const bool fired = t.strict ? cmp < 0 : cmp <= 0;
  c_.thresholds.push_back(
      {t.id, applies_to, t.basis, value, Money(t.max, t.currency), fired, std::nullopt});
  return fired;
}

RoundingMode CustomsBuilder::mode_of(const Quantization& q) const {
  return q.rounding.value_or(ctx_.destination_rounding);
}

const Decimal& CustomsBuilder::quantum_of(const Quantization& q) const {
  return q.quantum ? *q.quantum : ctx_.destination_unit;
}

Money CustomsBuilder::base_of(const Quantization& q, const Money& value) const {
  if (!q.base_quantum) return value;
  return Money(value.amount().round_to(*q.base_quantum, mode_of(q)), value.currency());
}

void CustomsBuilder::regime() {
  for (const Threshold& t : dest_.checkout) {
    if (fires(t, "checkout")) {
      c_.collect = Collect::checkout;
      c_.regime = t.id;
      return;
    }
  }
  bool ddp = !shipping_.lines.empty();
  for (const ShippingLine* line : shipping_.lines)
    ddp = ddp && line->ddp;
  if (ddp) {
    c_.collect = Collect::checkout;
    c_.regime = "ddp";
  }
}

Customs compute_customs(const Context& ctx, const OfferChoice& offers, const Fees& fees,
                        const Selection& selected, const OrderCustomsLines* order) {
  const ShippingOption& o = selected.option;
  const Money insurance = o.insurance.value_or(Money::zero(ctx.base));
  const CustomsShipping shipping{{&selected.line}, o.total - insurance, insurance};
  return CustomsBuilder(ctx, offers, shipping, order).build(fees.total());
}

} // namespace taoquote::detail
