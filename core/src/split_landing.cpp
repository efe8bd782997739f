// Steps 5 and 6 for a split order (docs/parcels.md): the destination's customs assessing the
// parcels together as one consignment or each alone, duty and taxes allocated to parcels
// exactly, and each parcel's shipping, customs and carrier charges booked under its index.
#include "customs.hpp"
#include "ledger.hpp"
#include "split.hpp"

#include <algorithm>

namespace taoquote::detail {
namespace {

Money zero(const CurrencyInfo& c) {
  return Money::zero(c);
}

std::vector<Money> allocate(const Money& total, const std::vector<Decimal>& weights,
                            const Decimal& unit) {
  std::vector<Money> out;
  out.reserve(weights.size());
  for (const Decimal& part : allocate_largest_remainder(total.amount(), weights, unit))
    out.emplace_back(part, total.currency());
  return out;
}

std::vector<Decimal> weights_of(const std::vector<PlannedParcel>& parcels) {
  std::vector<Decimal> w;
  w.reserve(parcels.size());
  for (const PlannedParcel& p : parcels)
    w.push_back(p.goods.amount());
  return w;
}

Money insurance_of(const Context& ctx, const ShippingOption& o) {
  return o.insurance.value_or(zero(ctx.base));
}

// What a parcel owes for customs, and who collects it.
struct ParcelCustoms {
  Money duty;
  std::vector<CodedAmount> taxes;
  Collect collect = Collect::delivery;
};

// Together: one consignment (every parcel's freight and insurance in its customs value); the
// duty and each tax allocated to the parcels by goods value. A checkout regime collects every
// parcel's share at checkout; otherwise a DDP parcel's share is collected at checkout.
std::vector<ParcelCustoms> assess_together(const Context& ctx, const OfferChoice& offers,
                                           const Fees& fees,
                                           const std::vector<PlannedParcel>& parcels,
                                           const Customs* consignment, Customs& customs) {
  customs = consignment ? *consignment : assess_consignment(ctx, offers, fees, parcels);
  const std::vector<Decimal> weights = weights_of(parcels);
  const Decimal& unit = ctx.destination_unit;
  std::vector<ParcelCustoms> out(parcels.size());
  const auto duty = allocate(customs.duty.amount, weights, unit);
  const bool regime_fired = customs.regime && *customs.regime != "ddp";
  for (std::size_t p = 0; p < parcels.size(); ++p) {
    out[p].duty = duty[p];
    out[p].collect = regime_fired || parcels[p].option.ddp ? Collect::checkout : Collect::delivery;
  }
  for (const TaxResult& t : customs.taxes) {
    const auto share = allocate(t.amount, weights, unit);
    for (std::size_t p = 0; p < parcels.size(); ++p)
      out[p].taxes.push_back({t.code, share[p]});
  }
  return out;
}

// One parcel alone as its own request: its items with the parcel's units, their allocated
// line amounts, and its share of the order's seller shipping and fees.
struct ParcelAlone {
  Request request;
  OfferChoice offers;
  Money fees;
  std::vector<std::size_t> origin; ///< request item index of each of its items
};

ParcelAlone parcel_alone(const Context& ctx, const OfferChoice& offers,
                         const std::vector<Money>& goods_share, const PlannedParcel& parcel,
                         const Money& seller_shipping, const Money& fees) {
  ParcelAlone a{ctx.request, {}, fees, {}};
  a.request.items.clear();
  a.offers.goods = zero(ctx.base);
  a.offers.seller_shipping = seller_shipping;
  for (std::size_t i = 0; i < parcel.contents.size(); ++i) {
    if (parcel.contents[i] == 0) continue;
    Item item = ctx.request.items[i];
    item.quantity = parcel.contents[i];
    a.request.items.push_back(std::move(item));
    ChosenItem chosen = offers.items[i];
    chosen.quantity = parcel.contents[i];
    chosen.amount = goods_share[i];
    a.offers.goods += chosen.amount;
    a.offers.items.push_back(std::move(chosen));
    a.origin.push_back(i);
  }
  return a;
}

// A copy of `ctx` that reads `request` (one parcel alone) instead of the order's.
Context rebind(const Context& ctx, const Request& request) {
  Context c(ctx.rulebook, request, ctx.destination);
  c.base = ctx.base;
  c.settlement = ctx.settlement;
  c.destination_rate = ctx.destination_rate;
  c.settlement_rate = ctx.settlement_rate;
  c.base_unit = ctx.base_unit;
  c.destination_unit = ctx.destination_unit;
  c.settlement_unit = ctx.settlement_unit;
  c.rounding = ctx.rounding;
  c.destination_rounding = ctx.destination_rounding;
  return c;
}

// The per-parcel assessments folded into the order's customs: lines and thresholds listed
// parcel by parcel (each threshold naming its parcel), values, duty and each tax summed.
void fold(Customs& order, Customs&& parcel, std::size_t index) {
  order.goods_value += parcel.goods_value;
  order.customs_value += parcel.customs_value;
  for (ThresholdCheck& t : parcel.thresholds) {
    t.parcel = index;
    order.thresholds.push_back(std::move(t));
  }
  for (CustomsLine& l : parcel.lines)
    order.lines.push_back(std::move(l));
  order.duty.amount += parcel.duty.amount;
  for (std::size_t t = 0; t < parcel.taxes.size(); ++t) {
    TaxResult& into = order.taxes[t];
    into.amount += parcel.taxes[t].amount;
    for (const TaxGroup& g : parcel.taxes[t].groups)
      into.groups.push_back(g);
    if (into.exempt_by != parcel.taxes[t].exempt_by) into.exempt_by.reset();
  }
  if (order.regime != parcel.regime) order.regime.reset();
}

// Separately: each parcel its own assessment (thresholds on its own value).
std::vector<ParcelCustoms> assess_separately(const Context& ctx, const OfferChoice& offers,
                                             const Fees& fees,
                                             const std::vector<PlannedParcel>& parcels,
                                             Customs& customs) {
  std::vector<Contents> contents;
  contents.reserve(parcels.size());
  for (const PlannedParcel& p : parcels)
    contents.push_back(p.contents);
  const auto goods = allocate_goods(ctx, offers, contents);
  const std::vector<Decimal> weights = weights_of(parcels);
  const auto shipping = allocate(offers.seller_shipping, weights, ctx.base_unit);
  const auto order_fees = allocate(fees.service_fee + fees.handling, weights, ctx.base_unit);
  std::vector<ParcelCustoms> out(parcels.size());
  for (std::size_t p = 0; p < parcels.size(); ++p) {
    const PlannedParcel& parcel = parcels[p];
    const ParcelAlone alone = parcel_alone(ctx, offers, goods[p], parcel, shipping[p],
                                           order_fees[p] + fees.consolidation);
    const Context pctx = rebind(ctx, alone.request);
    const Money insurance = insurance_of(ctx, parcel.option);
    const CustomsShipping ship{
        {&line_of(ctx, parcel.option)}, parcel.option.total - insurance, insurance};
    Customs c;
    try {
      c = CustomsBuilder(pctx, alone.offers, ship).build(alone.fees);
    } catch (Failure& f) {
      if (f.error.doc == ErrorDoc::request)
        f.error.path = remap_item_path(f.error.path, alone.origin);
      throw;
    }
    out[p].duty = c.duty.amount;
    out[p].collect = c.collect;
    for (const TaxResult& t : c.taxes)
      out[p].taxes.push_back({t.code, t.amount});
    if (p == 0) {
      customs = std::move(c);
      for (ThresholdCheck& t : customs.thresholds)
        t.parcel = 0;
      customs.duty.rule = "parcels";
      customs.duty.id.reset();
    } else {
      fold(customs, std::move(c), p);
    }
  }
  return out;
}

// The shipping charges of one parcel, in the order a one-parcel quote books them.
void book_shipping(Ledger& ledger, const Fees& fees, const ShippingOption& o, std::size_t p) {
  ledger.checkout_base("WAREHOUSE_CONSOLIDATION", fees.consolidation, p);
  ledger.checkout_base("FREIGHT", o.freight, p);
  for (const CodedAmount& sc : o.surcharges)
    ledger.checkout_base(sc.code, sc.amount, p);
  if (o.insurance) ledger.checkout_base("INSURANCE", *o.insurance, p);
}

ShippedParcel describe(const Context& ctx, const PlannedParcel& planned, const Fees& fees,
                       ParcelCustoms&& pc) {
  ShippedParcel s;
  for (std::size_t i = 0; i < planned.contents.size(); ++i)
    if (planned.contents[i] > 0) s.items.push_back({ctx.request.items[i].id, planned.contents[i]});
  s.size = {planned.size.actual_g, planned.size.dimensions_cm};
  s.goods = planned.goods;
  s.consolidation = fees.consolidation;
  s.option = planned.option;
  s.duty = pc.duty;
  s.taxes = std::move(pc.taxes);
  s.collect = pc.collect;
  return s;
}

} // namespace

Customs assess_consignment(const Context& ctx, const OfferChoice& offers, const Fees& fees,
                           const std::vector<PlannedParcel>& parcels) {
  CustomsShipping shipping{{}, zero(ctx.base), zero(ctx.base)};
  Money order_fees = fees.service_fee + fees.handling;
  for (const PlannedParcel& p : parcels) {
    shipping.lines.push_back(&line_of(ctx, p.option));
    shipping.insurance += insurance_of(ctx, p.option);
    shipping.freight += p.option.total - insurance_of(ctx, p.option);
    order_fees += fees.consolidation;
  }
  return CustomsBuilder(ctx, offers, shipping).build(order_fees);
}

std::vector<std::vector<Money>> allocate_goods(const Context& ctx, const OfferChoice& offers,
                                               const std::vector<Contents>& parcels) {
  std::vector<std::vector<Money>> parts(parcels.size());
  for (auto& part : parts)
    part.reserve(offers.items.size());
  std::vector<Decimal> units;
  for (std::size_t i = 0; i < offers.items.size(); ++i) {
    // An item wholly in one parcel: that parcel's share is the whole amount, as the largest
    // remainder gives it (a settled amount is a whole number of base units).
    const Money& amount = offers.items[i].amount;
    const auto holders =
        std::count_if(parcels.begin(), parcels.end(), [&](const Contents& c) { return c[i] != 0; });
    if (holders == 1 && !amount.amount().is_negative() &&
        amount.amount().mantissa() % ctx.base_unit.mantissa() == 0) {
      for (std::size_t p = 0; p < parcels.size(); ++p)
        parts[p].push_back(parcels[p][i] != 0 ? amount : Money::zero(amount.currency()));
      continue;
    }
    units.clear();
    units.reserve(parcels.size());
    for (const Contents& c : parcels)
      units.push_back(Decimal::from_int(c[i]));
    const auto share = allocate(offers.items[i].amount, units, ctx.base_unit);
    for (std::size_t p = 0; p < parcels.size(); ++p)
      parts[p].push_back(share[p]);
  }
  return parts;
}

SplitLanding land_split(const Context& ctx, const OfferChoice& offers, const Fees& fees,
                        const std::vector<PlannedParcel>& parcels, const Customs* consignment) {
  SplitLanding out;
  Landing& q = out.landing;
  const ParcelAssessment how = ctx.destination.parcels;
  std::vector<ParcelCustoms> owed =
      how == ParcelAssessment::together
          ? assess_together(ctx, offers, fees, parcels, consignment, q.customs)
          : assess_separately(ctx, offers, fees, parcels, q.customs);
  q.customs.assessment = how;
  bool all_checkout = true;
  for (const ParcelCustoms& pc : owed)
    all_checkout = all_checkout && pc.collect == Collect::checkout;
  q.customs.collect = all_checkout ? Collect::checkout : Collect::delivery;

  Ledger ledger(ctx, q);
  ledger.checkout_base("GOODS", offers.goods);
  ledger.checkout_base("SELLER_SHIPPING", offers.seller_shipping);
  ledger.checkout_base("SERVICE_FEE", fees.service_fee);
  ledger.checkout_base("WAREHOUSE_HANDLING", fees.handling);
  for (std::size_t p = 0; p < parcels.size(); ++p) {
    const ShippingOption& o = parcels[p].option;
    const Money before = q.total;
    book_shipping(ledger, fees, o, p);
    const Money price = q.total - before;
    const Money due_before = q.due_on_delivery;
    ledger.customs("DUTY", owed[p].duty, owed[p].collect, p);
    for (const CodedAmount& t : owed[p].taxes)
      ledger.customs(t.code, t.amount, owed[p].collect, p);
    book_delivery_fees(ctx, line_of(ctx, o), ledger, q.due_on_delivery - due_before, p);
    out.parcels.push_back(describe(ctx, parcels[p], fees, std::move(owed[p])));
    out.parcels.back().price = price;
  }
  close_books(ctx, q);
  return out;
}

} // namespace taoquote::detail
