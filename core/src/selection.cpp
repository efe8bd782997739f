// Step 4 of the pipeline (docs/pipeline.md §4, selection): the request's line, else the
// cheapest eligible one; an error value naming every line's reason when none can go.
#include "pipeline.hpp"

namespace taoquote::detail {
namespace {

Error ineligible_error(ErrorCode code, std::string message, const ShippingOption& only) {
  return Error{code,
               ErrorDoc::request,
               Path() / "line",
               std::move(message),
               {{only.line, only.reason, only.message}}};
}

const ShippingOption& requested(const Context& ctx, const std::vector<ShippingOption>& options) {
  for (const ShippingOption& o : options) {
    if (o.line != *ctx.request.line) continue;
    if (!o.eligible)
      throw Failure{ineligible_error(ErrorCode::line_ineligible,
                                     "The requested line cannot carry this parcel: " + o.message,
                                     o)};
    return o;
  }
  fail(ErrorCode::unknown_line, ErrorDoc::request, Path() / "line",
       "No shipping line '" + *ctx.request.line + "' is in force at the quote instant.");
}

const ShippingOption& cheapest(const Context& ctx, const std::vector<ShippingOption>& options) {
  const ShippingOption* best = nullptr;
  for (const ShippingOption& o : options)
    if (o.eligible && (!best || o.total < best->total)) best = &o;
  if (best) return *best;
  Error e{ErrorCode::no_eligible_line,
          ErrorDoc::request,
          "",
          "No shipping line can carry this parcel to " + ctx.request.country + ".",
          {}};
  for (const ShippingOption& o : options)
    e.detail.push_back({o.line, o.reason, o.message});
  throw Failure{std::move(e)};
}

const ShippingLine& line_of(const Context& ctx, const ShippingOption& o) {
  for (const ShippingLine& l : ctx.rulebook.lines)
    if (l.id == o.line && l.validity.covers(ctx.request.at)) return l;
  fail(ErrorCode::internal, ErrorDoc::rulebook, Path() / "lines", "Selected line vanished.");
}

} // namespace

Selection select_line(const Context& ctx, const std::vector<ShippingOption>& options) {
  const ShippingOption& o = ctx.request.line ? requested(ctx, options) : cheapest(ctx, options);
  return {o, line_of(ctx, o)};
}

} // namespace taoquote::detail
