// Step 4 of the pipeline (docs/pipeline.md §4): every shipping line in force, either priced
// (chargeable weight, freight, surcharges, insurance, price, ETA) or declared ineligible with a
// reason code.
#include "pipeline.hpp"

#include <algorithm>

namespace taoquote::detail {
namespace {

Decimal whole(std::int64_t n) {
  return Decimal::from_int(n);
}

// Settlement point 4: base freight for chargeable weight `c`; nullopt above the last bracket.
// As a lower bound, a bracket table gives the least price of any bracket that takes at least
// `c` (a heavier parcel can only reach those), so the bound holds for tables that fall.
std::optional<Decimal> freight_for(const Pricing& p, std::int64_t c, const Context& ctx,
                                   PriceBound mode) {
  if (p.kind == Pricing::Kind::brackets && mode == PriceBound::lower_bound) {
    std::optional<Decimal> least;
    for (const auto& b : p.brackets)
      if (c <= b.up_to_g && (!least || b.price < *least)) least = b.price;
    if (least) return least->round_to(ctx.base_unit, ctx.rounding);
    return std::nullopt;
  }
  switch (p.kind) {
  case Pricing::Kind::first_continued: {
    const std::int64_t over = std::max<std::int64_t>(0, c - p.first_g);
    const std::int64_t steps = (over + p.continued_g - 1) / p.continued_g;
    return (p.first + p.continued * steps).round_to(ctx.base_unit, ctx.rounding);
  }
  case Pricing::Kind::brackets:
    for (const auto& b : p.brackets)
      if (c <= b.up_to_g) return b.price.round_to(ctx.base_unit, ctx.rounding);
    return std::nullopt;
  case Pricing::Kind::per_kg:
    if (Decimal::compare_products(p.per_kg, whole(c), p.min, whole(1000)) < 0)
      return p.min.round_to(ctx.base_unit, ctx.rounding);
    return Decimal::product_rounded({p.per_kg, whole(c)}, {whole(1000)}, ctx.base_unit,
                                    ctx.rounding);
  }
  return std::nullopt;
}

std::string first_prohibited(const Context& ctx, const ShippingLine& line, const Contents& in) {
  for (const auto& attribute : line.prohibited)
    if (contents_have(ctx, in, attribute)) return attribute;
  return {};
}

void mark_ineligible(ShippingOption& o, const char* reason, std::string message) {
  o.eligible = false;
  o.reason = reason;
  o.message = std::move(message);
}

// The restrictions of docs/pipeline.md §4, first reason wins.
void check_restrictions(const Context& ctx, const ShippingLine& line, const Parcel& parcel,
                        const Contents& in, ShippingOption& o) {
  const std::string& country = ctx.request.country;
  const auto& d = parcel.dimensions_cm;
  o.eligible = true;
  if (!contains(line.countries, country)) {
    mark_ineligible(o, "DESTINATION_NOT_SERVED", line.name + " does not serve " + country + ".");
  } else if (auto attr = first_prohibited(ctx, line, in); !attr.empty()) {
    mark_ineligible(o, "PROHIBITED_ATTRIBUTE",
                    line.name + " does not accept items marked '" + attr + "'.");
  } else if (line.max_weight_g && parcel.actual_g > *line.max_weight_g) {
    mark_ineligible(o, "OVERWEIGHT",
                    "The parcel weighs " + std::to_string(parcel.actual_g) + " g; " + line.name +
                        " takes at most " + std::to_string(*line.max_weight_g) + " g.");
  } else if ((line.max_side_cm && d[0] > *line.max_side_cm) ||
             (line.max_girth_cm && parcel.girth_cm > *line.max_girth_cm)) {
    mark_ineligible(o, "OVERSIZE",
                    "The parcel measures " + std::to_string(d[0]) + "×" + std::to_string(d[1]) +
                        "×" + std::to_string(d[2]) + " cm, beyond the size limits of " + line.name +
                        ".");
  }
}

void weigh(const ShippingLine& line, const Parcel& parcel, ShippingOption& o) {
  const auto& d = parcel.dimensions_cm;
  if (line.volumetric &&
      (!line.volumetric->when_side_over_cm || d[0] > *line.volumetric->when_side_over_cm)) {
    const Decimal v = Decimal::product_rounded({whole(d[0]), whole(d[1]), whole(d[2]), whole(1000)},
                                               {whole(line.volumetric->divisor)}, whole(1),
                                               RoundingMode::ceiling);
    o.volumetric_g = *v.to_int();
  }
  const std::int64_t heavier = std::max(parcel.actual_g, o.volumetric_g);
  o.chargeable_g = (heavier + line.step_g - 1) / line.step_g * line.step_g;
}

// Surcharges (settlement point 5) and insurance (settlement point 6) on top of the freight.
void add_extras(const Context& ctx, const ShippingLine& line, const Money& goods,
                const Contents& in, ShippingOption& o) {
  for (const Surcharge& s : line.surcharges) {
    Money amount;
    if (s.kind == Surcharge::Kind::rate)
      amount = apply_rate(o.freight, s.rate, ctx.base_unit, ctx.rounding);
    else if (s.kind == Surcharge::Kind::fixed || contents_have(ctx, in, s.attribute))
      amount = ctx.settle_base(s.amount);
    else
      continue;
    o.surcharges.push_back({s.code, amount});
    o.total += amount;
  }
  if (!line.insurance) return;
  const ShippingLine::Insurance& ins = *line.insurance;
  if (Decimal::compare_products(ins.rate.num, goods.amount(), ins.min, ins.rate.den) < 0)
    o.insurance = ctx.settle_base(ins.min);
  else
    o.insurance = apply_rate(goods, ins.rate, ctx.base_unit, ctx.rounding);
  o.total += *o.insurance;
}

// The inputs of one parcel's pricing.
struct ParcelPricing {
  const Parcel& parcel;
  const Money& goods;
  const Contents& contents;
  PriceBound mode;
};

void price(const Context& ctx, const ShippingLine& line, const ParcelPricing& in,
           date::sys_days dispatch, ShippingOption& o) {
  weigh(line, in.parcel, o);
  const auto freight =
      freight_for(pricing_for(line, ctx.request.country), o.chargeable_g, ctx, in.mode);
  if (!freight) {
    mark_ineligible(o, "OVERWEIGHT",
                    "The chargeable weight of " + std::to_string(o.chargeable_g) +
                        " g is above the heaviest bracket of " + line.name + ".");
    return;
  }
  o.freight = ctx.in_base(*freight);
  o.total = o.freight;
  add_extras(ctx, line, in.goods, in.contents, o);
  // The price is what the charges list books for this line: each part settled on its own
  // (point 12), so the option's price equals the sum of its charges to the last minor unit.
  o.price = to_settlement(ctx, o.freight);
  for (const CodedAmount& sc : o.surcharges)
    o.price += to_settlement(ctx, sc.amount);
  if (o.insurance) o.price += to_settlement(ctx, *o.insurance);
  o.eta = {date::year_month_day{dispatch},
           date::year_month_day{dispatch + date::days{line.transit_days.min}},
           date::year_month_day{dispatch + date::days{line.transit_days.max}}};
}

// One line in force: its restrictions, then its price when it can carry the parcel.
ShippingOption price_one(const Context& ctx, const ShippingLine& line, const ParcelPricing& in,
                         date::sys_days dispatch) {
  ShippingOption o;
  o.line = line.id;
  o.name = line.name;
  o.mode = line.mode;
  o.ddp = line.ddp;
  o.transit_days = line.transit_days;
  check_restrictions(ctx, line, in.parcel, in.contents, o);
  if (o.eligible) price(ctx, line, in, dispatch, o);
  return o;
}

} // namespace

const Pricing& pricing_for(const ShippingLine& line, const std::string& country) {
  for (const auto& zone : line.zones)
    if (contains(zone.countries, country)) return zone.pricing;
  return line.pricing;
}

std::vector<ShippingOption> price_lines(const Context& ctx, const Parcel& parcel,
                                        const Money& goods) {
  return price_lines(ctx, parcel, goods, whole_cart(ctx));
}

std::vector<ShippingOption> price_lines(const Context& ctx, const Parcel& parcel,
                                        const Money& goods, const Contents& contents,
                                        PriceBound bound) {
  std::vector<ShippingOption> options;
  options.reserve(ctx.rulebook.lines.size());
  const ParcelPricing in{parcel, goods, contents, bound};
  const date::sys_days dispatch = dispatch_day(ctx);
  for (const ShippingLine& line : ctx.rulebook.lines)
    if (line.validity.covers(ctx.request.at)) options.push_back(price_one(ctx, line, in, dispatch));
  return options;
}

ShippingOption price_line(const Context& ctx, const ShippingLine& line, const Parcel& parcel,
                          const Money& goods, const Contents& contents, PriceBound bound,
                          date::sys_days dispatch) {
  return price_one(ctx, line, {parcel, goods, contents, bound}, dispatch);
}

} // namespace taoquote::detail
