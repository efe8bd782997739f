// Step 4 of the pipeline (docs/pipeline.md §4, ETA): the warehouse's dispatch day from its
// business-day calendar, in China time.
#include "pipeline.hpp"

namespace taoquote::detail {
namespace {

bool is_business_day(const Warehouse& w, date::sys_days day) {
  const unsigned iso = date::weekday{day}.iso_encoding();
  if (contains(w.weekend, iso)) return false;
  for (const Closure& c : w.closures)
    if (date::sys_days{c.from} <= day && day <= date::sys_days{c.to}) return false;
  return true;
}

} // namespace

// `n` business days after the quote's China-time date (n = 0: the first business day on or
// after it). Bounded: a calendar with no business day in ten years cannot hang the engine.
date::sys_days dispatch_day(const Context& ctx) {
  const Warehouse& w = ctx.rulebook.warehouse;
  date::sys_days day = date::floor<date::days>(ctx.request.at + std::chrono::hours{8});
  int remaining = w.inbound_business_days;
  for (int guard = 0; guard < 3660; ++guard) {
    if (remaining == 0 && is_business_day(w, day)) return day;
    day += date::days{1};
    if (remaining > 0 && is_business_day(w, day)) --remaining;
  }
  fail(ErrorCode::rulebook_invalid, ErrorDoc::rulebook, Path() / "warehouse",
       "The warehouse calendar has no business day within ten years of the quote date.");
}

} // namespace taoquote::detail
