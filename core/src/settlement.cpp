// Step 6 of the pipeline (docs/pipeline.md §6): each charge converted into the buyer's
// currency and settled (point 12), the total, what is due on delivery, cash rounding
// (point 13) and the landed total (point 14). Also the conversion primitives every step
// settles through.
#include "pipeline.hpp"

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

namespace {

// Books charges into the quote: checkout charges converted and settled, delivery charges
// kept in the destination currency.
class Ledger {
public:
  Ledger(const Context& ctx, Landing& q) : ctx_(ctx), q_(q) {
    q_.total = Money::zero(ctx.settlement);
    q_.due_on_delivery = Money::zero(ctx.destination.currency);
  }

  // Settlement point 12: source × mid(src→S) × (1 + markup when src ≠ S), settled to S.
  void checkout(std::string code, const Money& source, const Decimal& source_rate) {
    const bool same = source.currency().code == ctx_.settlement.code;
    const Money amount(convert(source.amount(), source_rate, ctx_.settlement_rate,
                               same ? nullptr : &ctx_.rulebook.fx.markup, ctx_.settlement_unit,
                               ctx_.rounding),
                       ctx_.settlement);
    if (!same) note_fx(source.currency(), source_rate);
    q_.charges.push_back({std::move(code), Collect::checkout, amount, source});
    q_.total += amount;
  }

  void checkout_base(std::string code, const Money& source) {
    checkout(std::move(code), source, Decimal::from_int(1));
  }

  void delivery(std::string code, const Money& amount) {
    q_.charges.push_back({std::move(code), Collect::delivery, amount, amount});
    q_.due_on_delivery += amount;
  }

private:
  void note_fx(const CurrencyInfo& from, const Decimal& rate) {
    for (const FxUse& f : q_.fx)
      if (f.from == from.code) return;
    const Decimal places = Decimal::quantum(ctx_.rulebook.rate_scale);
    const Rate& m = ctx_.rulebook.fx.markup;
    q_.fx.push_back(
        {std::string(from.code), std::string(ctx_.settlement.code),
         Decimal::product_rounded({rate}, {ctx_.settlement_rate}, places, RoundingMode::half_even),
         Decimal::product_rounded({rate, m.den + m.num}, {ctx_.settlement_rate, m.den}, places,
                                  RoundingMode::half_even)});
  }

  const Context& ctx_;
  Landing& q_;
};

// Settlement point 13: the total rounded to the settlement currency's cash increment, the
// difference booked as its own charge so the breakdown still adds up.
void cash_round(const Context& ctx, Landing& q) {
  const auto& table = ctx.rulebook.cash_increments;
  const auto it = std::find_if(table.begin(), table.end(),
                               [&](const auto& e) { return e.first == ctx.settlement.code; });
  if (it == table.end()) {
    q.warnings.push_back({"CASH_INCREMENT_MISSING", "No cash increment is defined for " +
                                                        std::string(ctx.settlement.code) +
                                                        "; the total is not cash-rounded."});
    return;
  }
  const Money rounded(q.total.amount().round_to(it->second, ctx.rounding), ctx.settlement);
  const Money difference = rounded - q.total;
  q.charges.push_back({"CASH_ROUNDING", Collect::checkout, difference, difference});
  q.total = rounded;
}

void check_settled(const Landing& q) {
  const Decimal limit = Decimal::from_int(1'000'000'000'000'000);
  auto check = [&](const Money& m) {
    if (m.amount() >= limit || m.amount() <= -limit)
      fail(ErrorCode::overflow, ErrorDoc::request, "",
           "A settled amount reached 10^15, beyond the documented limit.");
  };
  for (const Charge& c : q.charges)
    check(c.amount);
  check(q.total);
  check(q.due_on_delivery);
  check(q.landed_total);
}

void book_customs(const Context& ctx, const Customs& customs, Ledger& ledger) {
  auto charge = [&](const std::string& code, const Money& amount) {
    if (amount.is_zero()) return;
    if (customs.collect == Collect::checkout)
      ledger.checkout(code, amount, ctx.destination_rate);
    else
      ledger.delivery(code, amount);
  };
  charge("DUTY", customs.duty.amount);
  for (const TaxResult& t : customs.taxes)
    charge(t.code, t.amount);
}

// Settlement point 15: the line's carrier fees for this destination, when duty or tax is due
// on delivery; a rate fee is settled, then clamped (min and max are whole minor units, so this
// equals clamping the exact value first).
void book_delivery_fees(const Context& ctx, const ShippingLine& line, Ledger& ledger,
                        const Money& customs_due) {
  if (customs_due.is_zero()) return;
  const CurrencyInfo& d = ctx.destination.currency;
  for (const DeliveryFee& f : line.delivery_fees) {
    if (!f.validity.covers(ctx.request.at) || !contains(f.countries, ctx.request.country)) continue;
    Money fee(f.fixed, d);
    if (f.rate) {
      fee = apply_rate(customs_due, *f.rate, ctx.destination_unit, ctx.rounding);
      if (f.min && fee.amount() < *f.min) fee = Money(*f.min, d);
      if (f.max && fee.amount() > *f.max) fee = Money(*f.max, d);
    }
    ledger.delivery(f.code, fee);
  }
}

} // namespace

Money to_settlement(const Context& ctx, const Money& base_amount) {
  const Rate* markup = ctx.settlement.code == ctx.base.code ? nullptr : &ctx.rulebook.fx.markup;
  return Money(convert(base_amount.amount(), Decimal::from_int(1), ctx.settlement_rate, markup,
                       ctx.settlement_unit, ctx.rounding),
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
  book_customs(ctx, q.customs, ledger);
  book_delivery_fees(ctx, option.line, ledger, q.due_on_delivery);
  if (ctx.request.cash_rounding) cash_round(ctx, q);
  // Settlement point 14: what is due on delivery (destination currency) converted at mid,
  // without markup (the buyer pays the carrier in that currency; no conversion is charged),
  // settled to the settlement currency with the rulebook's mode, plus the checkout total.
  q.landed_total =
      q.total + Money(convert(q.due_on_delivery.amount(), ctx.destination_rate, ctx.settlement_rate,
                              nullptr, ctx.settlement_unit, ctx.rounding),
                      ctx.settlement);
  check_settled(q);
}

Landing land(const Context& ctx, const OfferChoice& offers, const Fees& fees,
             const Selection& option) {
  Landing out;
  out.customs = compute_customs(ctx, offers, fees, option);
  settle_charges(ctx, offers, fees, option, out);
  return out;
}

} // namespace taoquote::detail
