// Step 0 of the pipeline (docs/pipeline.md §0): validation, the destination, the rates and
// units every later step needs, and the FX age policy.
#include "pipeline.hpp"

namespace taoquote::detail {
namespace {

Decimal unit_of(const CurrencyInfo& c) {
  return Decimal::quantum(c.minor_units);
}

const Decimal& require_rate(const Rulebook& rb, const CurrencyInfo& c, ErrorDoc doc,
                            const Path& path) {
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
    fail(ErrorCode::fx_stale, ErrorDoc::rulebook, Path() / "fx" / "as_of", sentence);
  warnings.push_back({"FX_STALE", sentence});
}

const Destination& require_destination(const Rulebook& rb, const Request& rq) {
  const Destination* dest = rb.destination(rq.country);
  if (!dest)
    fail(ErrorCode::unsupported_destination, ErrorDoc::request, Path() / "destination" / "country",
         "The rulebook has no customs rules for " + rq.country + ".");
  return *dest;
}

} // namespace

bool Context::any_item_has(std::string_view attribute) const {
  for (const Item& item : request.items)
    for (const auto& a : item.attributes)
      if (a == attribute) return true;
  return false;
}

const std::string& Context::origin_of(const Item& item) const {
  return item.origin ? *item.origin : rulebook.origin_country;
}

Context make_context(const Rulebook& rb, const Request& rq, std::vector<Warning>& warnings) {
  validate_request(rq);
  Context ctx(rb, rq, require_destination(rb, rq));
  check_fx_age(rb, rq, warnings);
  const Destination& dest = ctx.destination;
  ctx.base = rb.base;
  ctx.settlement = rq.currency.value_or(dest.currency);
  ctx.destination_rate =
      require_rate(rb, dest.currency, ErrorDoc::rulebook, Path() / "fx" / "rates");
  ctx.settlement_rate = require_rate(rb, ctx.settlement, ErrorDoc::request, Path() / "currency");
  ctx.base_unit = unit_of(rb.base);
  ctx.destination_unit = unit_of(dest.currency);
  ctx.settlement_unit = unit_of(ctx.settlement);
  ctx.rounding = rb.rounding;
  ctx.destination_rounding = dest.rounding.value_or(rb.rounding);
  return ctx;
}

} // namespace taoquote::detail
