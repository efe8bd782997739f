// ICU implementation of the display strings; mirrors wasm/npm/display.js call for call.
#include "taoquote/icu_display.hpp"

#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <unicode/timezone.h>
#include <unicode/ucurr.h>
#include <unicode/ulocdata.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <memory>

namespace taoquote {
namespace {

DisplayError failure(DisplayErrorCode code, std::string message) {
  return DisplayError{code, std::move(message)};
}

DisplayError icu_error(const char* what, UErrorCode status) {
  return failure(DisplayErrorCode::icu_failure,
                 std::string("ICU could not ") + what + " (" + u_errorName(status) + ").");
}

// Runs `make` and returns its DisplayText or DisplayStrings; whatever it throws becomes the
// result's error (current_display_error), with every string left empty.
template <class R, class F> R guarded_display(F&& make) noexcept {
  try {
    return make();
  } catch (...) {
    R failed;
    failed.error = current_display_error();
    return failed;
  }
}

// Intl rejects the same tags: empty, ill-formed ("de_DE"), or longer than any sane tag.
std::optional<DisplayError> parse_locale(std::string_view tag, icu::Locale& out) {
  if (tag.empty() || tag.size() > 64)
    return failure(DisplayErrorCode::invalid_locale, "The locale must be a BCP 47 tag.");
  UErrorCode status = U_ZERO_ERROR;
  out = icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())),
                                    status);
  if (U_FAILURE(status) || out.isBogus())
    return failure(DisplayErrorCode::invalid_locale,
                   "\"" + std::string(tag) + "\" is not a well-formed BCP 47 locale tag.");
  return std::nullopt;
}

std::optional<DisplayError> check_currency(std::string_view code) {
  const bool ok = code.size() == 3 && std::all_of(code.begin(), code.end(),
                                                  [](char c) { return c >= 'A' && c <= 'Z'; });
  if (ok) return std::nullopt;
  return failure(DisplayErrorCode::invalid_currency,
                 "\"" + std::string(code) + "\" is not a three-letter currency code.");
}

DisplayText money(const icu::Locale& locale, std::string_view amount, std::string_view currency,
                  bool exact = false) {
  Decimal parsed;
  if (Decimal::parse(amount, parsed) != DecimalSyntax::ok)
    return {{},
            failure(DisplayErrorCode::invalid_amount,
                    "\"" + std::string(amount) + "\" is not a decimal amount string.")};
  if (auto e = check_currency(currency)) return {{}, std::move(e)};
  const char16_t iso[4] = {static_cast<char16_t>(currency[0]), static_cast<char16_t>(currency[1]),
                           static_cast<char16_t>(currency[2]), 0};
  UErrorCode status = U_ZERO_ERROR;
  const icu::CurrencyUnit unit(iso, status);
  if (U_FAILURE(status)) return {{}, icu_error("make the currency unit", status)};
  auto formatter =
      icu::number::NumberFormatter::withLocale(locale).unit(unit).roundingMode(UNUM_ROUND_HALFUP);
  if (exact) {
    const int32_t digits = ucurr_getDefaultFractionDigits(iso, &status);
    formatter = formatter.precision(icu::number::Precision::minFraction(digits));
  }
  const auto formatted = formatter.formatDecimal(
      icu::StringPiece(amount.data(), static_cast<int32_t>(amount.size())), status);
  const icu::UnicodeString text = formatted.toString(status);
  if (U_FAILURE(status)) return {{}, icu_error("format the amount", status)};
  DisplayText out;
  text.toUTF8String(out.text);
  return out;
}

DisplayText civil_date(const icu::Locale& locale, CivilDate date) {
  if (!date.ok()) return {{}, failure(DisplayErrorCode::icu_failure, "Not a calendar date.")};
  std::unique_ptr<icu::DateFormat> format(
      icu::DateFormat::createDateInstance(icu::DateFormat::kMedium, locale));
  if (!format) return {{}, failure(DisplayErrorCode::icu_failure, "ICU has no date format.")};
  format->adoptTimeZone(icu::TimeZone::createTimeZone(u"UTC"));
  const auto days = date::sys_days(date).time_since_epoch().count();
  icu::UnicodeString text;
  UErrorCode status = U_ZERO_ERROR;
  format->format(static_cast<UDate>(days) * U_MILLIS_PER_DAY, text, nullptr, status);
  if (U_FAILURE(status)) return {{}, icu_error("format the date", status)};
  DisplayText out;
  text.toUTF8String(out.text);
  return out;
}

// Every display string of `quote`; the first failure wins and clears the strings, so a caller
// cannot show half a quote.
DisplayStrings quote_strings(const Quote& quote, std::string_view locale) {
  DisplayStrings out;
  out.locale = std::string(locale);
  icu::Locale loc;
  if (auto e = parse_locale(locale, loc)) {
    out.error = std::move(e);
    return out;
  }
  std::optional<DisplayError> error;
  auto keep = [&error](DisplayText t) {
    if (!t.ok() && !error) error = t.error;
    return std::move(t.text);
  };
  auto amount = [&](const Money& m) { return keep(money(loc, m.to_string(), m.currency().code)); };
  auto eta = [&](const Eta& e) {
    return EtaText{keep(civil_date(loc, e.earliest)), keep(civil_date(loc, e.latest))};
  };
  out.total = amount(quote.total);
  out.due_on_delivery = amount(quote.due_on_delivery);
  if (quote.landed_total) out.landed_total = amount(*quote.landed_total);
  for (const Charge& c : quote.charges)
    out.charges.push_back({c.code, amount(c.amount)});
  for (const ShippingOption& o : quote.options) {
    OptionText t{o.line, std::nullopt, std::nullopt, std::nullopt};
    if (o.eligible) {
      t.price = amount(o.price);
      t.landed_total = amount(o.landed_total);
      t.eta = eta(o.eta);
      if (!quote.landed_total && o.line == quote.selected) out.landed_total = *t.landed_total;
    }
    out.options.push_back(std::move(t));
  }
  for (const ShippedParcel& p : quote.parcels) {
    ParcelText t{p.option.line, amount(p.price), amount(p.duty), {}, eta(p.option.eta)};
    for (const CodedAmount& tax : p.taxes)
      t.taxes.push_back({tax.code, amount(tax.amount)});
    out.parcels.push_back(std::move(t));
  }
  if (error) {
    DisplayStrings failed;
    failed.locale = out.locale;
    failed.error = std::move(error);
    return failed;
  }
  return out;
}

// One display string made by make(locale) once the tag parses, under guarded_display.
template <class F> DisplayText with_locale(std::string_view tag, F&& make) noexcept {
  return guarded_display<DisplayText>([&]() -> DisplayText {
    icu::Locale locale;
    if (auto e = parse_locale(tag, locale)) return {{}, std::move(e)};
    return make(locale);
  });
}

std::string version_string(const UVersionInfo v) {
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(v, text);
  return text;
}

} // namespace

DisplayError current_display_error() noexcept {
  try {
    return {DisplayErrorCode::internal, current_exception_error(ErrorDoc::request).message};
  } catch (...) {
    return {DisplayErrorCode::internal, {}};
  }
}

DisplayText try_format_money(std::string_view decimal_amount, std::string_view currency,
                             std::string_view locale) {
  return with_locale(locale,
                     [&](const icu::Locale& loc) { return money(loc, decimal_amount, currency); });
}

DisplayText try_format_money_exact(std::string_view decimal_amount, std::string_view currency,
                                   std::string_view locale) {
  return with_locale(
      locale, [&](const icu::Locale& loc) { return money(loc, decimal_amount, currency, true); });
}

std::string format_money(std::string_view decimal_amount, std::string_view currency,
                         std::string_view locale) {
  return try_format_money(decimal_amount, currency, locale).text;
}

DisplayText try_format_civil_date(CivilDate date, std::string_view locale) {
  return with_locale(locale, [&](const icu::Locale& loc) { return civil_date(loc, date); });
}

DisplayStrings format_quote(const Quote& quote, std::string_view locale) {
  return guarded_display<DisplayStrings>([&] { return quote_strings(quote, locale); });
}

std::string icu_version() {
  UVersionInfo v;
  u_getVersion(v);
  return version_string(v);
}

std::string cldr_version() {
  UVersionInfo v;
  UErrorCode status = U_ZERO_ERROR;
  ulocdata_getCLDRVersion(v, &status);
  return U_FAILURE(status) ? std::string() : version_string(v);
}

} // namespace taoquote
