// The pipeline's driver: set-up, selection of the shipping line, charges, settlement into
// the buyer's currency and the total (steps 0 and 6 of docs/pipeline.md).
#include "pipeline.hpp"

#include <algorithm>

namespace taoquote {
namespace detail {

bool Context::any_item_has(std::string_view attribute) const {
  for (const Item& item : request.items)
    for (const auto& a : item.attributes)
      if (a == attribute) return true;
  return false;
}

const std::string& Context::origin_of(const Item& item) const {
  return item.origin ? *item.origin : rulebook.origin_country;
}

Decimal convert(const Decimal& amount, const Decimal& from_rate, const Decimal& to_rate,
                const Rate* markup, const Decimal& unit, RoundingMode mode) {
  if (!markup) return Decimal::product_rounded({amount, from_rate}, {to_rate}, unit, mode);
  return Decimal::product_rounded({amount, from_rate, markup->den + markup->num},
                                  {to_rate, markup->den}, unit, mode);
}

Decimal apply_rate(const Decimal& value, const Rate& rate, const Decimal& unit, RoundingMode mode) {
  return Decimal::product_rounded({value, rate.num}, {rate.den}, unit, mode);
}

namespace {

Decimal unit_of(const CurrencyInfo& c) {
  return Decimal::quantum(c.minor_units);
}

const Decimal& require_rate(const Rulebook& rb, const CurrencyInfo& c, ErrorDoc doc,
                            const char* path) {
  const Decimal* r = rb.rate_of(c.code);
  if (!r)
    fail(ErrorCode::fx_rate_missing, doc, path,
         "The rulebook's FX table has no rate for " + std::string(c.code) + ".");
  return *r;
}

void check_fx_age(const Rulebook& rb, const Request& rq, std::vector<Warning>& warnings) {
  const auto age = rq.at - rb.fx.as_of;
  if (age <= std::chrono::hours{rb.fx.max_age_hours}) return;
  const std::string sentence = "The FX rates of " + format_instant(rb.fx.as_of) +
                               " are older than " + std::to_string(rb.fx.max_age_hours) +
                               " hours at the quote instant.";
  if (rb.fx.on_stale == StalePolicy::error)
    fail(ErrorCode::fx_stale, ErrorDoc::rulebook, "/fx/as_of", sentence);
  warnings.push_back({"FX_STALE", sentence});
}

const ShippingOption& select_option(const Context& ctx,
                                    const std::vector<ShippingOption>& options) {
  if (ctx.request.line) {
    for (const ShippingOption& o : options) {
      if (o.line != *ctx.request.line) continue;
      if (!o.eligible)
        throw Failure{Error{ErrorCode::line_ineligible,
                            ErrorDoc::request,
                            "/line",
                            "The requested line cannot carry this parcel: " + o.reason_detail,
                            {{o.line, o.reason, o.reason_detail}}}};
      return o;
    }
    fail(ErrorCode::unknown_line, ErrorDoc::request, "/line",
         "No shipping line '" + *ctx.request.line + "' is in force at the quote instant.");
  }
  const ShippingOption* best = nullptr;
  for (const ShippingOption& o : options)
    if (o.eligible && (!best || o.total < best->total)) best = &o;
  if (!best) {
    Error e{ErrorCode::no_eligible_line,
            ErrorDoc::request,
            "",
            "No shipping line can carry this parcel to " + ctx.request.country + ".",
            {}};
    for (const ShippingOption& o : options)
      e.detail.push_back({o.line, o.reason, o.reason_detail});
    throw Failure{std::move(e)};
  }
  return *best;
}

const ShippingLine& line_of(const Context& ctx, const ShippingOption& o) {
  for (const ShippingLine& l : ctx.rulebook.lines)
    if (l.id == o.line && l.validity.covers(ctx.request.at)) return l;
  fail(ErrorCode::internal, ErrorDoc::rulebook, "/lines", "Selected line vanished.");
}

class Settlement {
public:
  Settlement(const Context& ctx, Quote& q) : ctx_(ctx), q_(q) {}

  void checkout(std::string code, const Decimal& source, const CurrencyInfo& currency,
                const Decimal& rate) {
    const bool same = currency.code == ctx_.settlement.code;
    const Decimal amount =
        convert(source, rate, ctx_.settlement_rate, same ? nullptr : &ctx_.rulebook.fx.markup,
                ctx_.settlement_unit, ctx_.rounding);
    if (!same) note_fx(currency, rate);
    q_.charges.push_back({std::move(code), true, amount, ctx_.settlement, source, currency});
    q_.total += amount;
  }

  void delivery(std::string code, const Decimal& amount) {
    const CurrencyInfo& d = ctx_.destination.currency;
    q_.charges.push_back({std::move(code), false, amount, d, amount, d});
    q_.due_on_delivery += amount;
  }

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

private:
  const Context& ctx_;
  Quote& q_;
};

void cash_round(const Context& ctx, Quote& q) {
  const auto& table = ctx.rulebook.cash_increments;
  const auto it = std::find_if(table.begin(), table.end(),
                               [&](const auto& e) { return e.first == ctx.settlement.code; });
  if (it == table.end()) {
    q.warnings.push_back({"CASH_INCREMENT_MISSING", "No cash increment is defined for " +
                                                        std::string(ctx.settlement.code) +
                                                        "; the total is not cash-rounded."});
    return;
  }
  const Decimal rounded = q.total.round_to(it->second, ctx.rounding);
  const Decimal difference = rounded - q.total;
  q.charges.push_back(
      {"CASH_ROUNDING", true, difference, ctx.settlement, difference, ctx.settlement});
  q.total = rounded;
}

void check_settled(const Quote& q) {
  const Decimal limit = Decimal::from_int(1'000'000'000'000'000);
  auto check = [&](const Decimal& d) {
    if (d >= limit || d <= -limit)
      fail(ErrorCode::overflow, ErrorDoc::request, "",
           "A settled amount reached 10^15, beyond the documented limit.");
  };
  for (const Charge& c : q.charges)
    check(c.amount);
  check(q.total);
  check(q.due_on_delivery);
}

Quote run(const Rulebook& rb, const Request& rq) {
  validate_request(rq);
  const Destination* dest = rb.destination(rq.country);
  if (!dest)
    fail(ErrorCode::unsupported_destination, ErrorDoc::request, "/destination/country",
         "The rulebook has no customs rules for " + rq.country + ".");
  Quote q;
  check_fx_age(rb, rq, q.warnings);
  const CurrencyInfo settlement = rq.currency.value_or(dest->currency);
  Context ctx{rb,
              rq,
              *dest,
              settlement,
              Decimal::from_int(1),
              require_rate(rb, dest->currency, ErrorDoc::rulebook, "/fx/rates"),
              require_rate(rb, settlement, ErrorDoc::request, "/currency"),
              unit_of(rb.base),
              unit_of(dest->currency),
              unit_of(settlement),
              rb.rounding,
              dest->rounding.value_or(rb.rounding)};

  q.rulebook_id = rb.id;
  q.rulebook_digest = rb.digest;
  q.at = rq.at;
  q.expires_at = rq.at + std::chrono::minutes{rb.quote_valid_minutes};
  q.country = rq.country;
  q.currency = settlement;
  q.base_currency = rb.base;
  q.fx_as_of = rb.fx.as_of;
  q.fx_markup = rb.fx.markup;

  auto offers = detail::choose_offers(ctx);
  for (Warning& w : offers.warnings)
    q.warnings.push_back(std::move(w));
  const Fees fees = compute_fees(ctx, offers.goods);
  const Parcel parcel = build_parcel(ctx);
  q.actual_g = parcel.actual_g;
  q.dimensions_cm = parcel.dimensions_cm;
  q.options = price_lines(ctx, parcel, offers.goods);
  const ShippingOption& selected = select_option(ctx, q.options);
  q.selected = selected.line;
  q.customs = compute_customs(ctx, offers, fees, selected, line_of(ctx, selected));

  Settlement s(ctx, q);
  const CurrencyInfo& base = rb.base;
  const Decimal& one = ctx.base_rate;
  s.checkout("GOODS", offers.goods, base, one);
  s.checkout("SELLER_SHIPPING", offers.seller_shipping, base, one);
  s.checkout("SERVICE_FEE", fees.service_fee, base, one);
  s.checkout("WAREHOUSE_HANDLING", fees.handling, base, one);
  s.checkout("WAREHOUSE_CONSOLIDATION", fees.consolidation, base, one);
  s.checkout("FREIGHT", selected.freight, base, one);
  for (const CodedAmount& sc : selected.surcharges)
    s.checkout(sc.code, sc.amount, base, one);
  if (selected.insurance) s.checkout("INSURANCE", *selected.insurance, base, one);
  auto customs_charge = [&](const std::string& code, const Decimal& amount) {
    if (amount.is_zero()) return;
    if (q.customs.collect_at_checkout)
      s.checkout(code, amount, dest->currency, ctx.destination_rate);
    else
      s.delivery(code, amount);
  };
  customs_charge("DUTY", q.customs.duty);
  for (const TaxResult& t : q.customs.taxes)
    customs_charge(t.code, t.amount);
  if (rq.cash_rounding) cash_round(ctx, q);
  for (ChosenItem& item : offers.items)
    q.items.push_back(std::move(item));
  q.sellers = std::move(offers.sellers);
  check_settled(q);
  return q;
}

} // namespace
} // namespace detail

Result<Quote> compute_quote(const Rulebook& rulebook, const Request& request) {
  return guarded(ErrorDoc::request,
                 [&]() -> Result<Quote> { return detail::run(rulebook, request); });
}

} // namespace taoquote
