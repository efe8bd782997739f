// The pipeline's driver (docs/pipeline.md): steps 0–6 in order, each in its own file.
#include "split.hpp"

#include <optional>
#include <string>

namespace taoquote {
namespace detail {

std::string remap_item_path(const std::string& path, const std::vector<std::size_t>& origin) {
  static const std::string prefix = "/items/";
  if (path.compare(0, prefix.size(), prefix) != 0) return path;
  const std::size_t end = path.find('/', prefix.size());
  const std::size_t k = std::stoul(path.substr(prefix.size(), end - prefix.size()));
  return prefix + std::to_string(origin.at(k)) + (end == std::string::npos ? "" : path.substr(end));
}

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
  std::optional<OrderCustomsLines> order; // the same for every option: worked out once
  for (std::size_t i = 0; i < options.size(); ++i) {
    ShippingOption& o = options[i];
    if (!o.eligible) continue;
    if (!order) order = order_customs_lines(ctx, offers, fees.total());
    landings[i] = land(ctx, offers, fees, {o, line_of(ctx, o)}, &*order);
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

// The split quote replaces the one-parcel landing; `options` still show the cart as one parcel.
void take_split(SplitFound&& split, Quote& q) {
  q.selected.clear();
  q.landed_total = split.landing.landing.landed_total;
  q.parcels = std::move(split.landing.parcels);
  take(std::move(split.landing.landing), q);
}

// Whether the quote ships as one parcel: never split, or a line can carry the whole cart and
// splitting is only for when it must (UNKNOWN_LINE is an error either way).
bool splits_considered(const Context& ctx, bool one_parcel_goes) {
  switch (ctx.request.split) {
  case Split::never: return false;
  case Split::when_needed: return !one_parcel_goes;
  case Split::when_cheaper: return true;
  }
  return false;
}

// Throws the one-parcel error (no line, and no split, can carry the cart). When the split
// search stopped at its work bound first, the message says so: a split may yet exist.
void no_parcel_goes(const Context& ctx, const std::vector<ShippingOption>& options,
                    std::optional<std::uint64_t> search_cut_short) {
  try {
    check_line_request(ctx, options);
  } catch (Failure& f) {
    if (search_cut_short)
      f.error.message += " The parcel-split search stopped at its work bound of " +
                         std::to_string(*search_cut_short) +
                         " steps before it found a split that goes.";
    throw;
  }
}

// Steps 0 … 7 for one request. `goal` is least_landed for a quote; a partial quote's probe
// only needs to know whether the item can go at all.
Quote run(const Rulebook& rb, const Request& rq, SplitGoal goal = SplitGoal::least_landed) {
  Quote q;
  const Context ctx = make_context(rb, rq, q.warnings); // step 0
  describe(ctx, q);
  OfferChoice offers = choose_offers(ctx); // step 1
  for (Warning& w : offers.warnings)
    q.warnings.push_back(std::move(w));
  const Fees fees = compute_fees(ctx, offers.goods); // step 2
  const Parcel parcel = build_parcel(ctx);           // step 3
  q.parcel = {parcel.actual_g, parcel.dimensions_cm};
  q.options = price_lines(ctx, parcel, offers.goods); // step 4
  const bool one_parcel_goes = line_request_met(ctx, q.options);
  std::optional<Landing> one_parcel;
  std::optional<std::pair<Money, Money>> to_beat;
  if (one_parcel_goes) {
    std::vector<Landing> landings = land_options(ctx, offers, fees, q.options); // steps 5, 6
    const std::size_t chosen = choose_option(ctx, q.options);
    q.selected = q.options[chosen].line;
    one_parcel = std::move(landings[chosen]);
    to_beat.emplace(one_parcel->landed_total, one_parcel->total);
  }
  std::optional<SplitFound> split;
  std::optional<std::uint64_t> search_cut_short; // the work bound the search stopped at
  if (splits_considered(ctx, one_parcel_goes)) { // docs/parcels.md
    const std::uint64_t work_bound = goal == SplitGoal::any_that_goes
                                         ? probe_split_work_bound
                                         : split_work_bound(ctx.request.items.size());
    SplitResult found = search_split(ctx, offers, fees, to_beat, work_bound, goal);
    if (!found.warnings.empty()) search_cut_short = work_bound;
    for (Warning& w : found.warnings)
      q.warnings.push_back(std::move(w));
    split = std::move(found.best);
  }
  if (split) {
    // The request's line could not take the whole cart, yet other options may: each still
    // shows what one parcel by it would cost.
    if (!one_parcel_goes) land_options(ctx, offers, fees, q.options);
    take_split(std::move(*split), q);
  } else if (one_parcel)
    take(std::move(*one_parcel), q);
  else
    no_parcel_goes(ctx, q.options, search_cut_short);
  q.items = std::move(offers.items);
  q.sellers = std::move(offers.sellers);
  return q;
}

// Errors of one item that a partial quote turns into an exclusion.
bool item_error(ErrorCode code) {
  return code == ErrorCode::below_moq || code == ErrorCode::no_offer ||
         code == ErrorCode::no_eligible_line;
}

// Item i quoted alone (no requested line): the item error that would exclude it, if any.
std::optional<Error> probe_item(const Rulebook& rb, const Request& rq, std::size_t i) {
  Request one = rq;
  one.partial = false;
  one.line.reset();
  one.items = {rq.items[i]};
  // An item that fails alone fails whether or not a split would be cheaper, and any split that
  // goes proves it can go: the probe searches no further than that.
  if (one.split == Split::when_cheaper) one.split = Split::when_needed;
  try {
    run(rb, one, SplitGoal::any_that_goes);
  } catch (const Failure& f) {
    if (!item_error(f.error.code)) return std::nullopt;
    Error e{f.error.code, ErrorDoc::request, remap_item_path(f.error.path, {i}), f.error.message,
            f.error.detail};
    if (e.code == ErrorCode::no_eligible_line) {
      e.path = Path() / "items" / i;
      e.message = "No shipping line can carry item '" + rq.items[i].id + "' to " + rq.country + ".";
    }
    return e;
  }
  return std::nullopt;
}

// Partial quote (docs/pipeline.md §1): items that cannot be quoted alone are left out and
// listed; the rest is quoted as a strict request, its item pointers renumbered back.
Quote run_partial(const Rulebook& rb, const Request& rq) {
  validate_request(rq);
  Request kept = rq;
  kept.partial = false;
  kept.items.clear();
  std::vector<std::size_t> origin;
  std::vector<ExcludedItem> excluded;
  for (std::size_t i = 0; i < rq.items.size(); ++i) {
    if (auto e = probe_item(rb, rq, i)) {
      excluded.push_back({rq.items[i].id, std::move(*e)});
    } else {
      kept.items.push_back(rq.items[i]);
      origin.push_back(i);
    }
  }
  if (kept.items.empty()) throw Failure{excluded.front().error};
  Quote q;
  try {
    q = run(rb, kept);
  } catch (Failure& f) {
    if (f.error.doc == ErrorDoc::request) f.error.path = remap_item_path(f.error.path, origin);
    throw;
  }
  q.partial = true;
  q.excluded = std::move(excluded);
  return q;
}

} // namespace
} // namespace detail

Result<Quote> compute_quote(const Rulebook& rulebook, const Request& request) {
  return guarded(ErrorDoc::request, [&]() -> Result<Quote> {
    return request.partial ? detail::run_partial(rulebook, request)
                           : detail::run(rulebook, request);
  });
}

} // namespace taoquote
