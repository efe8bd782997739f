// ISO 4217 currencies and ISO 3166-1 countries, embedded in the core (no files at run time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace taoquote {

/// An active ISO 4217 currency: its alphabetic code, numeric code and minor-unit digits
/// (JPY 0, CNY 2, KWD 3). Minor units follow ISO 4217 (not CLDR's display digits).
struct CurrencyInfo {
  std::string_view code;    ///< three upper-case letters, e.g. "CNY"
  std::uint16_t numeric;    ///< ISO 4217 numeric code, e.g. 156
  std::uint8_t minor_units; ///< digits after the decimal point in a settled amount (0–4)
};

/// Looks up an active currency by its alphabetic code; nullopt for an unknown or withdrawn
/// code (e.g. "BGN" after 2026-01-01 stays listed only while ISO lists it as active).
std::optional<CurrencyInfo> find_currency(std::string_view code) noexcept;

/// Every embedded currency, sorted by code; for tests and tools that enumerate the table.
struct CurrencyTable {
  const CurrencyInfo* begin_;
  const CurrencyInfo* end_;
  const CurrencyInfo* begin() const noexcept { return begin_; }
  const CurrencyInfo* end() const noexcept { return end_; }
};
CurrencyTable all_currencies() noexcept;

/// True when `code` is an assigned ISO 3166-1 alpha-2 country code (upper case).
bool is_country(std::string_view code) noexcept;

/// Number of embedded country codes (for tests).
std::size_t country_count() noexcept;

} // namespace taoquote
