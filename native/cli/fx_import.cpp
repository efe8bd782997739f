// ECB feed → rulebook fx section: publication instant, staleness and the exact rebase.
#include "ecb.hpp"

#include "taoquote/registry.hpp"

#include <algorithm>
#include <chrono>

namespace taoquote::ecb {
namespace {

struct Reject {
  std::string message;
};

using std::chrono::hours;
using std::chrono::minutes;

// 01:00 UTC on the last Sunday of `month`: when the EU switches between CET and CEST.
date::sys_time<minutes> eu_switch(date::year y, date::month m) {
  return date::sys_days(y / m / date::Sunday[date::last]) + hours(1);
}

std::string hours_text(std::chrono::milliseconds d) {
  const auto h = std::chrono::duration_cast<minutes>(d).count();
  return std::to_string(h / 60) + (h % 60 ? " h " + std::to_string(h % 60) + " min" : " h");
}

FxSection convert(const Feed& feed, const ImportOptions& o) {
  if (auto problem = check_import_options(o)) throw Reject{*problem};
  FxSection fx;
  fx.as_of = frankfurt_time(feed.date, o.as_of_minutes);
  if (o.now) {
    const std::string when =
        "the feed of " + format_date(feed.date) + " (as_of " + format_instant(fx.as_of) + ")";
    if (fx.as_of > *o.now) throw Reject{when + " is dated after --now " + format_instant(*o.now)};
    const auto age = *o.now - fx.as_of;
    if (age > hours(o.max_age_hours))
      throw Reject{"stale feed: " + when + " is " + hours_text(age) + " old at --now " +
                   format_instant(*o.now) + ", more than --max-age-hours " +
                   std::to_string(o.max_age_hours)};
  }
  std::vector<RateEntry> usable;
  for (const auto& [code, rate] : feed.rates) {
    if (code != o.pivot && !find_currency(code))
      fx.skipped.push_back(code);
    else
      usable.emplace_back(code, rate);
  }
  if (o.pivot == "EUR") usable.emplace_back("EUR", Decimal::from_int(1));
  const auto pivot = std::find_if(usable.begin(), usable.end(),
                                  [&](const RateEntry& e) { return e.first == o.pivot; });
  if (pivot == usable.end()) {
    const bool na = std::find(feed.not_available.begin(), feed.not_available.end(), o.pivot) !=
                    feed.not_available.end();
    throw Reject{"the feed has no " + o.pivot + " rate" + (na ? " (N/A that day)" : "") +
                 ", so its rates cannot be rebased to the " + o.pivot + " pivot"};
  }
  fx.pivot_per_eur = pivot->second;
  if (!rebase_to_pivot(o.pivot, "EUR", usable, o.rate_scale, fx.rates))
    throw Reject{"the rates cannot be rebased to " + o.pivot};
  fx.rates.erase(std::remove_if(fx.rates.begin(), fx.rates.end(),
                                [&](const RateEntry& e) { return e.first == o.pivot; }),
                 fx.rates.end());
  const auto zero = std::find_if(fx.rates.begin(), fx.rates.end(),
                                 [](const RateEntry& e) { return e.second.is_zero(); });
  if (zero != fx.rates.end()) {
    std::string message = "the rebased rate of " + zero->first;
    message += " (" + o.pivot + " per " + zero->first + ") rounds to zero at ";
    message += std::to_string(o.rate_scale) + " decimal places; use a larger --rate-scale";
    throw Reject{message};
  }
  return fx;
}

} // namespace

std::optional<std::string> check_import_options(const ImportOptions& o) noexcept try {
  if (!find_currency(o.pivot))
    return "the pivot \"" + o.pivot + "\" is not an active ISO 4217 currency";
  if (o.rate_scale < 0 || o.rate_scale > 12) return "the rate scale must be 0-12";
  if (o.max_age_hours < 1 || o.max_age_hours > 24 * 3660)
    return "the maximum age must be 1-87840 hours";
  if (o.on_stale != "warn" && o.on_stale != "error")
    return "on_stale must be \"warn\" or \"error\"";
  Rate markup;
  if (!Rate::parse(o.markup, markup) || !(markup.num < markup.den))
    return "the markup must be a rate below 1, e.g. \"0.015\"";
  if (o.as_of_minutes < 0 || o.as_of_minutes >= 24 * 60)
    return "the publication time must be 00:00-23:59";
  return std::nullopt;
} catch (...) {
  return current_feed_error().message;
}

Instant frankfurt_time(CivilDate date, int minutes_of_day) {
  const auto local = date::sys_days(date) + minutes(minutes_of_day);
  const auto summer = local - hours(2); // CEST, UTC+2
  const bool dst = summer >= eu_switch(date.year(), date::March) &&
                   summer < eu_switch(date.year(), date::October);
  return std::chrono::time_point_cast<std::chrono::milliseconds>(dst ? summer : local - hours(1));
}

ImportResult import_fx(const Feed& feed, const ImportOptions& options) noexcept {
  ImportResult out;
  try {
    out.fx = convert(feed, options);
  } catch (const Reject& r) {
    out.error = FeedError{r.message, 0};
  } catch (...) {
    out.error = current_feed_error(); // e.g. OVERFLOW's sentence for a rate out of range
  }
  return out;
}

} // namespace taoquote::ecb
