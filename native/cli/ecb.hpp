// The European Central Bank's euro reference rates: a hand-written, bounded parser for the
// daily feed (eurofxref-daily.xml and eurofxref.csv) and its conversion into a rulebook's `fx`
// section rebased to the pivot currency. No I/O, no clock, no exceptions out.
#pragma once

#include "taoquote/decimal.hpp"
#include "taoquote/fx.hpp"
#include "taoquote/instant.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taoquote::ecb {

/// Which of the two published forms a feed was in.
enum class Format { xml, csv };

/// One day of ECB reference rates: units of each currency per 1 EUR, exactly as published.
struct Feed {
  Format format = Format::xml;
  CivilDate date{};             ///< the reference date (XML `<Cube time=…>`, CSV `Date`)
  std::vector<RateEntry> rates; ///< in feed order; never EUR, no duplicates, every rate > 0
  std::vector<std::string> not_available; ///< CSV columns marked "N/A" that day
};

/// Why a feed or an import was rejected: one sentence, and the 1-based line it concerns
/// (0 = the whole input).
struct FeedError {
  std::string message;
  std::size_t line = 0;
};

/// The FeedError for the exception being handled; call it only inside a `catch` block. It is
/// the core's one translation, taoquote::current_exception_error, so running out of memory or
/// a defect reads in the same words as in every binding ("The input needs more memory than is
/// available."). Never throws: if even that sentence cannot be allocated, the message is empty.
FeedError current_feed_error() noexcept;

/// A parsed feed or its error.
struct ParseResult {
  std::optional<Feed> feed;
  FeedError error; ///< meaningful when !feed
};

/// Largest input read (the real daily feed is about 1.5 KB).
inline constexpr std::size_t max_feed_bytes = 1 << 20;

/// Parses the daily feed, detecting its form from the first non-blank character (after an
/// optional UTF-8 byte order mark): `<` is the XML form, `Date` the CSV form, anything else is
/// rejected. XML: a `gesmes:Envelope` in the eurofxref namespace holding exactly one
/// `<Cube time='YYYY-MM-DD'>` of `<Cube currency='USD' rate='1.1589'/>` elements. CSV: a
/// header `Date, USD, JPY, …` and exactly one row `24 November 2026, 1.1589, 180.32, …`
/// (the date also as `2026-11-24`; the trailing `, ` the ECB writes is accepted; `N/A` marks a
/// currency without a rate that day). Rejected with a FeedError: empty input, input over
/// max_feed_bytes, anything malformed, a rate that is not a positive decimal (≤ 15 integer and
/// ≤ 12 fraction digits), a currency code that is not three upper-case letters, a currency
/// listed twice, EUR itself listed (a feed on another base), more or fewer than one day.
ParseResult parse_feed(std::string_view text) noexcept;

/// Options of the conversion into a rulebook `fx` section (docs/cli.md).
struct ImportOptions {
  std::string pivot = "CNY";     ///< the rulebook's base currency
  int rate_scale = 12;           ///< fraction digits of rebased rates, 0–12, half-even
  int max_age_hours = 96;        ///< written to fx.max_age_hours; also the --now check
  std::string on_stale = "warn"; ///< "warn" or "error", written to fx.on_stale
  std::string markup = "0";      ///< a rate < 1, written to fx.markup
  int as_of_minutes = 16 * 60;   ///< publication time of day, Frankfurt local time
  std::optional<Instant> now;    ///< when set, a feed older than max_age_hours is an error
};

/// A sentence naming the first bad option (an inactive pivot, a scale outside 0–12, a
/// maximum age outside 1–87840 hours, on_stale not warn/error, a markup that is not a rate
/// below 1, a time of day outside 00:00–23:59), or nullopt when all are valid.
std::optional<std::string> check_import_options(const ImportOptions& options) noexcept;

/// The converted section: as_of and the rebased rates (pivot per 1 unit, sorted by code, EUR
/// included, the pivot excluded), plus currencies skipped as not active ISO 4217 codes.
struct FxSection {
  Instant as_of{};
  std::vector<RateEntry> rates;
  Decimal pivot_per_eur;
  std::vector<std::string> skipped;
};

/// The conversion's result or its error.
struct ImportResult {
  std::optional<FxSection> fx;
  FeedError error;
};

/// The instant the ECB published a day's rates: `date` at `minutes_of_day` Frankfurt time —
/// CET (UTC+1), or CEST (UTC+2) between 01:00 UTC on the last Sundays of March and October.
/// 16:00 on 2026-11-24 gives 2026-11-24T15:00:00Z; on 2026-06-15, 2026-06-15T14:00:00Z.
Instant frankfurt_time(CivilDate date, int minutes_of_day);

/// Rebases `feed` to `options.pivot` with taoquote::rebase_to_pivot (exact division, one
/// half-even rounding to `rate_scale` places). Errors: the pivot missing from the feed or not
/// an active currency, a rebased rate that rounds to zero at `rate_scale`, a bad option value,
/// and — with `now` — a feed whose as_of is after `now` or more than `max_age_hours` before it.
/// Currencies that are not active ISO 4217 codes in taoquote's registry (BGN, withdrawn on
/// 2026-01-01, in an older feed) are left out and listed in `skipped`.
ImportResult import_fx(const Feed& feed, const ImportOptions& options) noexcept;

} // namespace taoquote::ecb
