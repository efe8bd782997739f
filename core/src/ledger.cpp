// Step 6's ledger (docs/pipeline.md §6): charges converted into the buyer's currency and
// settled (point 12), carrier fees (point 15), cash rounding (point 13) and the landed total
// (point 14).
#include "ledger.hpp"

#include <algorithm>

namespace taoquote::detail {

Ledger::Ledger(const Context& ctx, Landing& q) : ctx_(ctx), q_(q) {
  q_.total = Money::zero(ctx.settlement);
  q_.due_on_delivery = Money::zero(ctx.destination.currency);
  q_.charges.reserve(16); // a quote books about a dozen charges; one allocation for all
}

void Ledger::checkout(std::string code, const Money& source, const Decimal& source_rate,
                      std::optional<std::size_t> parcel) {
  const bool same = source.currency().code == ctx_.settlement.code;
  const Money amount(convert(source.amount(), source_rate, ctx_.settlement_rate,
                             same ? nullptr : &ctx_.rulebook.fx.markup, ctx_.settlement_unit,
                             ctx_.rounding),
                     ctx_.settlement);
  if (!same) note_fx(source.currency(), source_rate);
  q_.charges.push_back({std::move(code), Collect::checkout, amount, source, parcel});
  q_.total += amount;
}

void Ledger::checkout_base(std::string code, const Money& source,
                           std::optional<std::size_t> parcel) {
  checkout(std::move(code), source, Decimal::from_int(1), parcel);
}

void Ledger::delivery(std::string code, const Money& amount, std::optional<std::size_t> parcel) {
  q_.charges.push_back({std::move(code), Collect::delivery, amount, amount, parcel});
  q_.due_on_delivery += amount;
}

void Ledger::customs(const std::string& code, const Money& amount, Collect collect,
                     std::optional<std::size_t> parcel) {
  if (amount.is_zero()) return;
  if (collect == Collect::checkout)
    checkout(code, amount, ctx_.destination_rate, parcel);
  else
    delivery(code, amount, parcel);
}

void Ledger::note_fx(const CurrencyInfo& from, const Decimal& rate) {
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

// Rate fees are settled, then clamped (min and max are whole minor units, so this equals
// clamping the exact value first).
void book_delivery_fees(const Context& ctx, const ShippingLine& line, Ledger& ledger,
                        const Money& customs_due, std::optional<std::size_t> parcel) {
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
    ledger.delivery(f.code, fee, parcel);
  }
}

namespace {

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
  q.charges.push_back({"CASH_ROUNDING", Collect::checkout, difference, difference, std::nullopt});
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

} // namespace

void close_books(const Context& ctx, Landing& q) {
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

} // namespace taoquote::detail
