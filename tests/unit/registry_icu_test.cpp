// Native-only check of the embedded ISO 4217 table against ICU's currency data (icuuc/icui18n).
#ifndef __EMSCRIPTEN__

#include <doctest/doctest.h>

#include "taoquote/registry.hpp"

#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace {

// Currencies whose ISO 4217 minor units differ from CLDR's standard (accounting/display)
// fraction digits. CLDR deliberately uses 0 where the minor unit is not used in practice; the
// registry follows ISO 4217 (header contract). Code -> CLDR digits; ISO value in the comment.
// Entries are *allowed* to differ, not required to, so a newer ICU that agrees still passes.
const std::map<std::string, int> kCldrDigitsDiffer = {
    {"AFN", 0}, // ISO 2, CLDR 0 (afghani: puls unused)
    {"ALL", 0}, // ISO 2, CLDR 0 (lek: qindarka unused)
    {"IQD", 0}, // ISO 3, CLDR 0 (Iraqi dinar: fils unused)
    {"IRR", 0}, // ISO 2, CLDR 0 (Iranian rial: dinar unused)
    {"KPW", 0}, // ISO 2, CLDR 0 (North Korean won: chon unused)
    {"LAK", 0}, // ISO 2, CLDR 0 (kip: att unused)
    {"LBP", 0}, // ISO 2, CLDR 0 (Lebanese pound: piastre unused)
    {"MGA", 0}, // ISO 2, CLDR 0 (ariary: ISO's 2 stands for the non-decimal 1/5 iraimbilanja)
    {"MMK", 0}, // ISO 2, CLDR 0 (kyat: pya unused)
    {"RSD", 0}, // ISO 2, CLDR 0 (Serbian dinar: para unused)
    {"SOS", 0}, // ISO 2, CLDR 0 (Somali shilling: cent unused)
    {"SYP", 0}, // ISO 2, CLDR 0 (Syrian pound: piastre unused)
    {"YER", 0}, // ISO 2, CLDR 0 (Yemeni rial: fils unused)
};

// Codes added to ISO 4217 after ICU 72's data (CLDR 42, 2022): an older ICU does not know
// them (numeric code 0). A newer ICU that does is checked like any other code.
const std::set<std::string> kNewerThanIcu72 = {
    "XCG", // ISO 4217 amendment 176, from 2025-03-31 (Caribbean guilder, 532)
    "ZWG", // ISO 4217 amendment 177, from 2024-06-25 (Zimbabwe Gold, 924)
};

// Codes ICU 72 still lists as common and non-deprecated that ISO 4217 has since withdrawn
// (moved to List Three); the registry leaves them out on purpose.
const std::set<std::string> kWithdrawnByIso = {
    "ANG", // amendment 176: replaced by XCG (2025-03-31)
    "BGN", // amendment 180: Bulgaria adopted the euro (2026-01-01)
    "CUC", // amendment 178: Cuban peso convertible withdrawn (2021-06)
    "HRK", // amendment 174: Croatia adopted the euro (2023-01-01)
    "SLL", // amendments 171-175: old leone, redenominated as SLE; List Three after 2023-12-31
    "VEF", // amendment 168: bolivar fuerte, redenominated as VES (2018-08-20)
};

std::u16string to_uchars(std::string_view code) {
  std::u16string out(code.size(), u'\0');
  for (std::size_t i = 0; i < code.size(); ++i)
    out[i] = static_cast<char16_t>(code[i]);
  return out;
}

} // namespace

TEST_CASE("registry vs ICU: every embedded currency is known to ICU with the same data") {
  std::set<std::string> used_digit_exceptions;
  for (const taoquote::CurrencyInfo& c : taoquote::all_currencies()) {
    const std::string code(c.code);
    CAPTURE(code);
    const std::u16string u = to_uchars(c.code);
    const int32_t icu_numeric = ucurr_getNumericCode(reinterpret_cast<const UChar*>(u.c_str()));
    if (icu_numeric == 0 && kNewerThanIcu72.count(code) != 0) continue; // ICU predates it
    CHECK(icu_numeric == c.numeric);

    UErrorCode status = U_ZERO_ERROR;
    const int32_t icu_digits = ucurr_getDefaultFractionDigitsForUsage(
        reinterpret_cast<const UChar*>(u.c_str()), UCURR_USAGE_STANDARD, &status);
    REQUIRE(U_SUCCESS(status));
    const auto differ = kCldrDigitsDiffer.find(code);
    if (differ != kCldrDigitsDiffer.end() && icu_digits == differ->second) {
      used_digit_exceptions.insert(code);
      continue; // documented CLDR-vs-ISO difference
    }
    CHECK(icu_digits == c.minor_units);
  }
  // Every exception must name a code of the table; one that is no longer needed is reported.
  for (const auto& entry : kCldrDigitsDiffer) {
    CAPTURE(entry.first);
    CHECK(taoquote::find_currency(entry.first).has_value());
    if (used_digit_exceptions.count(entry.first) == 0)
      MESSAGE("CLDR now agrees with ISO on " << entry.first << "; drop it from the exceptions");
  }
}

TEST_CASE("registry vs ICU: every common, non-deprecated ICU tender is embedded") {
  UErrorCode status = U_ZERO_ERROR;
  UEnumeration* const codes = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
  REQUIRE(U_SUCCESS(status));
  REQUIRE(codes != nullptr);
  int count = 0;
  const char* code = nullptr;
  int32_t len = 0;
  while ((code = uenum_next(codes, &len, &status)) != nullptr && U_SUCCESS(status)) {
    ++count;
    const std::string_view view(code, static_cast<std::size_t>(len));
    if (view.size() == 3 && view[0] == 'X') continue; // supranational / special codes
    CAPTURE(std::string(view));
    if (kWithdrawnByIso.count(std::string(view)) != 0) {
      CHECK_FALSE(taoquote::find_currency(view).has_value());
      continue;
    }
    CHECK(taoquote::find_currency(view).has_value());
  }
  CHECK(U_SUCCESS(status));
  uenum_close(codes);
  CHECK(count > 100); // ICU really enumerated something
}

#endif // __EMSCRIPTEN__
