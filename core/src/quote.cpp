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
  const Selection selected = select_line(ctx, q.options);
  q.selected = selected.option.line;
  q.customs = compute_customs(ctx, offers, fees, selected); // step 5
  settle_charges(ctx, offers, fees, selected.option, q);    // step 6
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
