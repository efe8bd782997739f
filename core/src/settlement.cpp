// Step 6 of the pipeline (docs/pipeline.md §6) for one parcel: the charges booked into the
// ledger (ledger.cpp). Also the conversion primitives every step settles through.
#include "ledger.hpp"

#include <algorithm>

namespace taoquote::detail {

Decimal convert(const Decimal& amount, const Decimal& from_rate, const Decimal& to_rate,
                const Rate* markup, const Decimal& unit, RoundingMode mode) {
  if (!markup) return Decimal::product_rounded({amount, from_rate}, {to_rate}, unit, mode);
  return Decimal::product_rounded({amount, from_rate, markup->den + markup->num},
                                  {to_rate, markup->den}, unit, mode);
}

Decimal apply_rate(const Decimal& value, const Rate& rate, const Decimal& unit, RoundingMode mode) {
  return Decimal::product_rounded({value, rate.num}, {rate.den}, unit, mode);
}

Money apply_rate(const Money& value, const Rate& rate, const Decimal& unit, RoundingMode mode) {
  return Money(apply_rate(value.amount(), rate, unit, mode), value.currency());
}

const Rate* settlement_markup(const Context& ctx) {
  return ctx.settlement.code == ctx.base.code ? nullptr : &ctx.rulebook.fx.markup;
}

Money to_settlement(const Context& ctx, const Money& base_amount) {
  return Money(convert(base_amount.amount(), Decimal::from_int(1), ctx.settlement_rate,
                       settlement_markup(ctx), ctx.settlement_unit, ctx.rounding),
               ctx.settlement);
}

void settle_charges(const Context& ctx, const OfferChoice& offers, const Fees& fees,
                    const Selection& option, Landing& q) {
  const ShippingOption& selected = option.option;
  Ledger ledger(ctx, q);
  ledger.checkout_base("GOODS", offers.goods);
  ledger.checkout_base("SELLER_SHIPPING", offers.seller_shipping);
  ledger.checkout_base("SERVICE_FEE", fees.service_fee);
  ledger.checkout_base("WAREHOUSE_HANDLING", fees.handling);
  ledger.checkout_base("WAREHOUSE_CONSOLIDATION", fees.consolidation);
  ledger.checkout_base("FREIGHT", selected.freight);
  for (const CodedAmount& sc : selected.surcharges)
    ledger.checkout_base(sc.code, sc.amount);
  if (selected.insurance) ledger.checkout_base("INSURANCE", *selected.insurance);
  ledger.customs("DUTY", q.customs.duty.amount, q.customs.collect);
  for (const TaxResult& t : q.customs.taxes)
    ledger.customs(t.code, t.amount, q.customs.collect);
  book_delivery_fees(ctx, option.line, ledger, q.due_on_delivery);
  close_books(ctx, q);
}

Landing land(const Context& ctx, const OfferChoice& offers, const Fees& fees,
             const Selection& option, const OrderCustomsLines* order) {
  Landing out;
  out.customs = compute_customs(ctx, offers, fees, option, order);
  settle_charges(ctx, offers, fees, option, out);
  return out;
}

} // namespace taoquote::detail
