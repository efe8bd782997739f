// Step 4 of the pipeline (docs/pipeline.md §4, selection): the request's line, else the option
// the request's `choose` prefers (least landed total by default); an error value naming every
// line's reason when none can go.
#include "pipeline.hpp"

#include <tuple>

namespace taoquote::detail {
namespace {

Error ineligible_error(ErrorCode code, std::string message, const ShippingOption& only) {
  return Error{code,
               ErrorDoc::request,
               Path() / "line",
               std::move(message),
               {{only.line, only.reason, only.message}}};
}

[[noreturn]] void no_eligible_line(const Context& ctx, const std::vector<ShippingOption>& options) {
  Error e{ErrorCode::no_eligible_line,
          ErrorDoc::request,
          "",
          "No shipping line can carry this parcel to " + ctx.request.country + ".",
          {}};
  for (const ShippingOption& o : options)
    e.detail.push_back({o.line, o.reason, o.message});
  throw Failure{std::move(e)};
}

// True when `a` is preferred to `b` under the request's `choose` (an earlier option wins a
// complete tie, so the caller keeps the first best).
bool better(Choose how, const ShippingOption& a, const ShippingOption& b) {
  switch (how) {
  case Choose::fastest:
    return std::tie(a.eta.latest, a.eta.earliest, a.landed_total) <
           std::tie(b.eta.latest, b.eta.earliest, b.landed_total);
  case Choose::cheapest_freight: return a.total < b.total;
  case Choose::landed: break;
  }
  return std::tie(a.landed_total, a.checkout_total) < std::tie(b.landed_total, b.checkout_total);
}

} // namespace

const ShippingLine& line_of(const Context& ctx, const ShippingOption& o) {
  for (const ShippingLine& l : ctx.rulebook.lines)
    if (l.id == o.line && l.validity.covers(ctx.request.at)) return l;
  fail(ErrorCode::internal, ErrorDoc::rulebook, Path() / "lines", "Selected line vanished.");
}

void check_line_request(const Context& ctx, const std::vector<ShippingOption>& options) {
  if (!ctx.request.line) {
    for (const ShippingOption& o : options)
      if (o.eligible) return;
    no_eligible_line(ctx, options);
  }
  for (const ShippingOption& o : options) {
    if (o.line != *ctx.request.line) continue;
    if (!o.eligible)
      throw Failure{ineligible_error(ErrorCode::line_ineligible,
                                     "The requested line cannot carry this parcel: " + o.message,
                                     o)};
    return;
  }
  fail(ErrorCode::unknown_line, ErrorDoc::request, Path() / "line",
       "No shipping line '" + *ctx.request.line + "' is in force at the quote instant.");
}

bool line_request_met(const Context& ctx, const std::vector<ShippingOption>& options) {
  for (const ShippingOption& o : options)
    if (o.eligible && (!ctx.request.line || o.line == *ctx.request.line)) return true;
  if (ctx.request.line) {
    for (const ShippingOption& o : options)
      if (o.line == *ctx.request.line) return false;
    check_line_request(ctx, options); // UNKNOWN_LINE
  }
  return false;
}

std::size_t choose_option(const Context& ctx, const std::vector<ShippingOption>& options) {
  std::size_t best = options.size();
  for (std::size_t i = 0; i < options.size(); ++i) {
    const ShippingOption& o = options[i];
    if (!o.eligible) continue;
    if (ctx.request.line) {
      if (o.line == *ctx.request.line) return i;
    } else if (best == options.size() || better(ctx.request.choose, o, options[best])) {
      best = i;
    }
  }
  if (best == options.size()) no_eligible_line(ctx, options); // unreachable after the check
  return best;
}

} // namespace taoquote::detail
