// Instants (UTC, millisecond precision) and civil dates, on Howard Hinnant's date library.
#pragma once

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace taoquote {

/// A point in time, UTC, milliseconds. The core never reads a clock: every instant comes
/// from an input.
using Instant = date::sys_time<std::chrono::milliseconds>;

/// A civil (calendar) date with no time zone, e.g. a warehouse closure day.
using CivilDate = date::year_month_day;

/// Parses RFC 3339 `YYYY-MM-DDTHH:MM:SS[.f{1,3}](Z|±HH:MM)`, years 2000–2199.
std::optional<Instant> parse_instant(std::string_view text) noexcept;
/// Formats as `YYYY-MM-DDTHH:MM:SSZ`, with `.fff` only when the milliseconds are non-zero.
std::string format_instant(Instant t);

/// Parses `YYYY-MM-DD` (a valid calendar date, years 2000–2199).
std::optional<CivilDate> parse_date(std::string_view text) noexcept;
/// Formats as `YYYY-MM-DD`.
std::string format_date(CivilDate d);

/// A half-open validity window [from, to); a missing bound is open.
struct Validity {
  std::optional<Instant> from;
  std::optional<Instant> to;
  /// True when `t` is inside the window.
  bool covers(Instant t) const noexcept { return (!from || *from <= t) && (!to || t < *to); }
  /// True when two windows share an instant.
  bool overlaps(const Validity& o) const noexcept {
    const bool this_before = to && o.from && *to <= *o.from;
    const bool other_before = o.to && from && *o.to <= *from;
    return !this_before && !other_before;
  }
};

} // namespace taoquote
