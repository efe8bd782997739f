// Steps 2–4 of the pipeline: fees, the consolidated parcel, and every shipping line priced
// or declared ineligible with a reason, with its ETA from the warehouse calendar.
#include "pipeline.hpp"

#include <algorithm>

namespace taoquote::detail {
namespace {

Decimal whole(std::int64_t n) {
  return Decimal::from_int(n);
}

// value = max(rate × base, floor), settled.
Decimal rate_with_minimum(const Decimal& base, const Rate& rate, const Decimal& minimum,
                          const Decimal& unit, RoundingMode mode) {
  if (Decimal::compare_products(rate.num, base, minimum, rate.den) < 0)
    return minimum.round_to(unit, mode);
  return apply_rate(base, rate, unit, mode);
}

const Pricing& pricing_for(const ShippingLine& line, const std::string& country) {
  for (const auto& zone : line.zones)
    if (contains(zone.countries, country)) return zone.pricing;
  return line.pricing;
}

// Base freight for chargeable weight `c`; nullopt above the last bracket.
std::optional<Decimal> freight_for(const Pricing& p, std::int64_t c, const Context& ctx) {
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

bool is_business_day(const Warehouse& w, date::sys_days day) {
  const unsigned iso = date::weekday{day}.iso_encoding();
  if (contains(w.weekend, iso)) return false;
  for (const Closure& c : w.closures)
    if (date::sys_days{c.from} <= day && day <= date::sys_days{c.to}) return false;
  return true;
}

// The dispatch day: `n` business days after the quote's China-time date (n = 0: the first
// business day on or after it). Bounded: a calendar with no business day in ten years
// cannot hang the engine.
date::sys_days dispatch_day(const Context& ctx) {
  const Warehouse& w = ctx.rulebook.warehouse;
  date::sys_days day = date::floor<date::days>(ctx.request.at + std::chrono::hours{8});
  int remaining = w.inbound_business_days;
  for (int guard = 0; guard < 3660; ++guard) {
    if (remaining == 0 && is_business_day(w, day)) return day;
    day += date::days{1};
    if (remaining > 0 && is_business_day(w, day)) --remaining;
  }
  fail(ErrorCode::rulebook_invalid, ErrorDoc::rulebook, "/warehouse",
       "The warehouse calendar has no business day within ten years of the quote date.");
}

std::string first_prohibited(const Context& ctx, const ShippingLine& line) {
  for (const auto& attribute : line.prohibited)
    if (ctx.any_item_has(attribute)) return attribute;
  return {};
}

void mark_ineligible(ShippingOption& o, const char* reason, std::string detail) {
  o.eligible = false;
  o.reason = reason;
  o.reason_detail = std::move(detail);
}

} // namespace

Fees compute_fees(const Context& ctx, const Decimal& goods) {
  const ServiceFee& sf = ctx.rulebook.service_fee;
  const Warehouse& w = ctx.rulebook.warehouse;
  Fees fees;
  if (Decimal::compare_products(sf.rate.num, goods, sf.min, sf.rate.den) < 0)
    fees.service_fee = sf.min.round_to(ctx.base_unit, ctx.rounding);
  else if (Decimal::compare_products(sf.rate.num, goods, sf.max, sf.rate.den) > 0)
    fees.service_fee = sf.max.round_to(ctx.base_unit, ctx.rounding);
  else
    fees.service_fee = apply_rate(goods, sf.rate, ctx.base_unit, ctx.rounding);
  std::int64_t units = 0;
  for (const Item& item : ctx.request.items)
    units += item.quantity;
  fees.handling = (w.handling_per_unit * units).round_to(ctx.base_unit, ctx.rounding);
  fees.consolidation = w.consolidation_per_parcel.round_to(ctx.base_unit, ctx.rounding);
  return fees;
}

Parcel build_parcel(const Context& ctx) {
  Parcel p;
  std::int64_t longest = 0, middle = 0;
  Decimal height, weight = whole(ctx.rulebook.warehouse.packaging_weight_g);
  for (const Item& item : ctx.request.items) {
    auto d = item.dimensions_cm;
    std::sort(d.begin(), d.end(), std::greater<>());
    longest = std::max(longest, d[0]);
    middle = std::max(middle, d[1]);
    height += whole(d[2]) * item.quantity;
    weight += whole(item.weight_g) * item.quantity;
  }
  const std::int64_t pad = 2 * ctx.rulebook.warehouse.padding_cm;
  const auto h = height.to_int();
  const auto g = weight.to_int();
  if (!h || !g || *h > 1'000'000'000 || *g > 1'000'000'000'000)
    fail(ErrorCode::overflow, ErrorDoc::request, "/items", "The parcel is absurdly large.");
  p.actual_g = *g;
  p.dimensions_cm = {longest + pad, middle + pad, *h + pad};
  std::sort(p.dimensions_cm.begin(), p.dimensions_cm.end(), std::greater<>());
  const auto& d = p.dimensions_cm;
  p.girth_cm = d[0] + 2 * (d[1] + d[2]);
  return p;
}

std::vector<ShippingOption> price_lines(const Context& ctx, const Parcel& parcel,
                                        const Decimal& goods) {
  std::vector<ShippingOption> options;
  const std::string& country = ctx.request.country;
  const date::sys_days dispatch = dispatch_day(ctx);
  for (const ShippingLine& line : ctx.rulebook.lines) {
    if (!line.validity.covers(ctx.request.at)) continue;
    ShippingOption o;
    o.line = line.id;
    o.name = line.name;
    o.mode = line.mode;
    o.ddp = line.ddp;
    o.transit_min = line.transit_min;
    o.transit_max = line.transit_max;
    const auto& d = parcel.dimensions_cm;
    if (!contains(line.countries, country)) {
      mark_ineligible(o, "DESTINATION_NOT_SERVED", line.name + " does not serve " + country + ".");
    } else if (auto attr = first_prohibited(ctx, line); !attr.empty()) {
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
                          "×" + std::to_string(d[2]) + " cm, beyond the size limits of " +
                          line.name + ".");
    } else {
      o.eligible = true;
    }
    if (o.eligible) {
      if (line.volumetric &&
          (!line.volumetric->when_side_over_cm || d[0] > *line.volumetric->when_side_over_cm)) {
        const Decimal v = Decimal::product_rounded(
            {whole(d[0]), whole(d[1]), whole(d[2]), whole(1000)}, {whole(line.volumetric->divisor)},
            whole(1), RoundingMode::ceiling);
        o.volumetric_g = *v.to_int();
      }
      const std::int64_t heavier = std::max(parcel.actual_g, o.volumetric_g);
      o.chargeable_g = (heavier + line.step_g - 1) / line.step_g * line.step_g;
      const auto freight = freight_for(pricing_for(line, country), o.chargeable_g, ctx);
      if (!freight) {
        mark_ineligible(o, "OVERWEIGHT",
                        "The chargeable weight of " + std::to_string(o.chargeable_g) +
                            " g is above the heaviest bracket of " + line.name + ".");
      }
      if (o.eligible) {
        o.freight = *freight;
        o.total = o.freight;
        for (const Surcharge& s : line.surcharges) {
          Decimal amount;
          if (s.kind == Surcharge::Kind::rate)
            amount = apply_rate(o.freight, s.rate, ctx.base_unit, ctx.rounding);
          else if (s.kind == Surcharge::Kind::fixed || ctx.any_item_has(s.attribute))
            amount = s.amount.round_to(ctx.base_unit, ctx.rounding);
          else
            continue;
          o.surcharges.push_back({s.code, amount});
          o.total += amount;
        }
        if (line.insurance) {
          o.insurance = rate_with_minimum(goods, line.insurance->rate, line.insurance->min,
                                          ctx.base_unit, ctx.rounding);
          o.total += *o.insurance;
        }
        const Rate* markup =
            ctx.settlement.code == ctx.rulebook.base.code ? nullptr : &ctx.rulebook.fx.markup;
        o.price = convert(o.total, ctx.base_rate, ctx.settlement_rate, markup, ctx.settlement_unit,
                          ctx.rounding);
        o.dispatch = date::year_month_day{dispatch};
        o.earliest = date::year_month_day{dispatch + date::days{line.transit_min}};
        o.latest = date::year_month_day{dispatch + date::days{line.transit_max}};
      }
    }
    options.push_back(std::move(o));
  }
  return options;
}

} // namespace taoquote::detail
