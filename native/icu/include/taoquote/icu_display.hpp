// Locale display strings for quotes through ICU — the native counterpart of the browser's Intl
// formatting in wasm/npm/display.js. Presentation only: never part of the canonical quote.
#pragma once

#include "taoquote/instant.hpp"
#include "taoquote/quote.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taoquote {

/// Why a display string could not be made. Nothing in this header throws: every failure,
/// including an unexpected ICU status, comes back as one of these values.
enum class DisplayErrorCode : std::uint8_t {
  invalid_locale,   ///< empty, or not a well-formed BCP 47 tag (e.g. "de_DE"); Intl throws
                    ///< RangeError for the same tags
  invalid_amount,   ///< not an amount string of docs/schema.md (-?digits[.digits], ≤ 15 integer
                    ///< and ≤ 12 fraction digits)
  invalid_currency, ///< not three upper-case ASCII letters
  icu_failure,      ///< ICU reported an error (message names its UErrorCode)
  internal          ///< an exception inside this layer (out of memory, a defect): the message
                    ///< is the core's sentence for it (current_display_error)
};

/// A failure, as a value.
struct DisplayError {
  DisplayErrorCode code = DisplayErrorCode::icu_failure;
  std::string message; ///< one sentence for people
};

/// The DisplayError for the exception being handled; call it only inside a `catch` block. It
/// maps the core's one translation, taoquote::current_exception_error, into this layer (code
/// `internal`, the core's sentence), so running out of memory or a defect reads here in the
/// same words as in every binding ("The input needs more memory than is available.").
/// Never throws: if even that sentence cannot be allocated, the message is empty.
DisplayError current_display_error() noexcept;

/// One display string, or the reason there is none.
struct DisplayText {
  std::string text; ///< UTF-8; empty when `error` is set
  std::optional<DisplayError> error;
  bool ok() const noexcept { return !error; }
};

/// A charge of the quote, formatted: `code` as in the quote's charges[].
struct ChargeText {
  std::string code;
  std::string text;
};

/// Earliest and latest delivery dates of a shipping option, formatted.
struct EtaText {
  std::string earliest;
  std::string latest;
};

/// A shipping option, formatted; price, landed total and eta are absent for an ineligible line.
struct OptionText {
  std::string line;
  std::optional<std::string> price;
  std::optional<std::string> landed_total; ///< what the buyer pays in all with this line
  std::optional<EtaText> eta;
};

/// One parcel of a split quote, formatted: its line, its price (settlement currency), its
/// share of the duty and of each tax (destination currency) and its delivery window.
struct ParcelText {
  std::string line;
  std::string price;
  std::string duty;
  std::vector<ChargeText> taxes; ///< `code` as in the parcel's taxes[]
  EtaText eta;
};

/// Every display string of a quote, in the shape of display.js's formatQuote():
/// { locale, total, due_on_delivery, landed_total, charges: [{code, text}],
///   options: [{line, price, landed_total, eta}], parcels: [{line, price, duty, taxes, eta}] }.
struct DisplayStrings {
  std::string locale;          ///< the tag as given
  std::string total;           ///< quote.total in the settlement currency
  std::string due_on_delivery; ///< quote.due_on_delivery in the destination currency
  /// What the buyer pays in all (settlement currency): a split quote's landed_total, else its
  /// selected option's.
  std::string landed_total;
  std::vector<ChargeText> charges;
  std::vector<OptionText> options;
  std::vector<ParcelText> parcels;   ///< empty unless the quote splits
  std::optional<DisplayError> error; ///< when set, every string above is empty
  bool ok() const noexcept { return !error; }
};

/// Formats a decimal-string amount as money in `currency` for `locale`, like
/// `new Intl.NumberFormat(locale, {style: 'currency', currency}).format(amount)`:
/// ICU 72's icu::number::NumberFormatter with .unit(CurrencyUnit) and formatDecimal() on the
/// exact string (never a double), the currency's CLDR standard fraction digits (which differ
/// from ISO 4217's minor units for a few codes, e.g. HUF, IQD) and half-up rounding (ties
/// away from zero, as Intl's default "halfExpand"; ICU's own default would be half-even).
/// Thread-safe (no shared state).
DisplayText try_format_money(std::string_view decimal_amount, std::string_view currency,
                             std::string_view locale);

/// As try_format_money, but never rounds: at least the currency's CLDR fraction digits and
/// every further digit the amount has ("1.2345" CNY → "CN¥1.2345" in en-US). For unit prices,
/// which are not settled amounts. Native only (display.js has no counterpart).
DisplayText try_format_money_exact(std::string_view decimal_amount, std::string_view currency,
                                   std::string_view locale);

/// As try_format_money, returning "" on any failure.
std::string format_money(std::string_view decimal_amount, std::string_view currency,
                         std::string_view locale);

/// Formats a civil date as ICU's DateFormat medium date style at 00:00 UTC in the locale's
/// default calendar, like `new Intl.DateTimeFormat(locale, {dateStyle: 'medium',
/// timeZone: 'UTC'}).format(new Date('YYYY-MM-DDT00:00:00Z'))`, e.g. "25.11.2026" (de-DE).
DisplayText try_format_civil_date(CivilDate date, std::string_view locale);

/// Every display string of `quote` for `locale` (see DisplayStrings). Amounts are the quote's
/// settled decimals printed with their ISO 4217 minor digits, exactly as in the canonical
/// JSON, then formatted by try_format_money. On a bad locale the result carries the error.
DisplayStrings format_quote(const Quote& quote, std::string_view locale);

/// The ICU version this layer runs on, e.g. "72.1", and its CLDR version, e.g. "42.0".
std::string icu_version();
std::string cldr_version();

} // namespace taoquote
