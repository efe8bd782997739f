// The pipeline's driver (docs/pipeline.md): steps 0–6 in order, each in its own file.
#include "pipeline.hpp"

namespace taoquote {
namespace detail {
namespace {

void describe(const Context& ctx, Quote& q) {
  const Rulebook& rb = ctx.rulebook;
  q.rulebook_id = rb.id;
  q.rulebook_digest = rb.digest;
  q.at = ctx.request.at;
  q.expires_at = ctx.request.at + std::chrono::minutes{rb.quote_valid_minutes};
  q.country = ctx.request.country;
  q.currency = ctx.settlement;
  q.base_currency = rb.base;
  q.fx_as_of = rb.fx.as_of;
  q.fx_markup = rb.fx.markup;
}

// Steps 5 and 6 for every eligible option, in rulebook order, so each option shows the
// figures the quote would have with that line (the first error, e.g. DUTY_RATE_MISSING, wins).
std::vector<Landing> land_options(const Context& ctx, const OfferChoice& offers, const Fees& fees,
                                  std::vector<ShippingOption>& options) {
  std::vector<Landing> landings(options.size());
  for (std::size_t i = 0; i < options.size(); ++i) {
    ShippingOption& o = options[i];
    if (!o.eligible) continue;
    landings[i] = land(ctx, offers, fees, {o, line_of(ctx, o)});
    o.checkout_total = landings[i].total;
    o.due_on_delivery = landings[i].due_on_delivery;
    o.landed_total = landings[i].landed_total;
  }
  return landings;
}

void take(Landing&& chosen, Quote& q) {
  q.customs = std::move(chosen.customs);
  q.charges = std::move(chosen.charges);
  q.total = chosen.total;
  q.due_on_delivery = chosen.due_on_delivery;
  q.fx = std::move(chosen.fx);
  for (Warning& w : chosen.warnings)
    q.warnings.push_back(std::move(w));
}

Quote run(const Rulebook& rb, const Request& rq) {
  Quote q;
  const Context ctx = make_context(rb, rq, q.warnings); // step 0
  describe(ctx, q);
  OfferChoice offers = choose_offers(ctx); // step 1
  for (Warning& w : offers.warnings)
    q.warnings.push_back(std::move(w));
  const Fees fees = compute_fees(ctx, ctx.in_base(offers.goods)); // step 2
  const Parcel parcel = build_parcel(ctx);                        // step 3
  q.parcel = {parcel.actual_g, parcel.dimensions_cm};
  q.options = price_lines(ctx, parcel, ctx.in_base(offers.goods)); // step 4
  check_line_request(ctx, q.options);
  std::vector<Landing> landings = land_options(ctx, offers, fees, q.options); // steps 5, 6
  const std::size_t chosen = choose_option(ctx, q.options);
  q.selected = q.options[chosen].line;
  take(std::move(landings[chosen]), q);
  q.items = std::move(offers.items);
  q.sellers = std::move(offers.sellers);
  return q;
}

} // namespace
} // namespace detail

Result<Quote> compute_quote(const Rulebook& rulebook, const Request& request) {
  return guarded(ErrorDoc::request,
                 [&]() -> Result<Quote> { return detail::run(rulebook, request); });
}

} // namespace taoquote
