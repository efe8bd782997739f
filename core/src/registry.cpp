// Embedded ISO 4217 / ISO 3166-1 registries: binary search over generated constexpr tables.
#include "taoquote/registry.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>

namespace taoquote {
namespace {

#include "registry_data.inc"

constexpr bool currencies_sorted() noexcept {
  for (std::size_t i = 1; i < std::size(kCurrencies); ++i) {
    if (!(kCurrencies[i - 1].code < kCurrencies[i].code)) return false;
  }
  return true;
}
constexpr bool countries_sorted() noexcept {
  for (std::size_t i = 1; i < std::size(kCountries); ++i) {
    const std::string_view prev(kCountries[i - 1], 2);
    if (!(prev < std::string_view(kCountries[i], 2))) return false;
  }
  return true;
}
static_assert(currencies_sorted(), "kCurrencies must be sorted by code and unique");
static_assert(countries_sorted(), "kCountries must be sorted by code and unique");

} // namespace

std::optional<CurrencyInfo> find_currency(std::string_view code) noexcept {
  if (code.size() != 3) return std::nullopt;
  const CurrencyInfo* const end = std::end(kCurrencies);
  const CurrencyInfo* const it = std::lower_bound(
      std::begin(kCurrencies), end, code,
      [](const CurrencyInfo& c, std::string_view key) noexcept { return c.code < key; });
  if (it == end || it->code != code) return std::nullopt;
  return *it;
}

CurrencyTable all_currencies() noexcept {
  return CurrencyTable{std::begin(kCurrencies), std::end(kCurrencies)};
}

bool is_country(std::string_view code) noexcept {
  if (code.size() != 2) return false;
  const auto* const it = std::lower_bound(std::begin(kCountries), std::end(kCountries), code,
                                          [](const char(&c)[3], std::string_view key) noexcept {
                                            return std::string_view(c, 2) < key;
                                          });
  return it != std::end(kCountries) && std::string_view(*it, 2) == code;
}

std::size_t country_count() noexcept {
  return std::size(kCountries);
}

} // namespace taoquote
