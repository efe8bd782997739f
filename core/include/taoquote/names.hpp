// The stable JSON names of the core's enumerations: one {value, "name"} table per enumeration,
// the single source for the codec's readers, its writers and every binding. Reordering an
// enumeration cannot remap input, because nothing converts a position into a value.
#pragma once

#include "taoquote/decimal.hpp"
#include "taoquote/error.hpp"
#include "taoquote/quote.hpp"
#include "taoquote/request.hpp"
#include "taoquote/rulebook.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace taoquote {

/// One row of a name table: an enumerator and its stable name.
template <class E> struct EnumName {
  E value;
  std::string_view name;
};

/// A view of one enumeration's rows, in documentation order (the order errors list them).
template <class E> struct NameTable {
  const EnumName<E>* rows = nullptr;
  std::size_t size = 0;
  const EnumName<E>* begin() const noexcept { return rows; }
  const EnumName<E>* end() const noexcept { return rows + size; }
};

/// The name table of enumeration `E` (defined for each enumeration declared below).
template <class E> NameTable<E> names_of() noexcept;

template <> NameTable<ErrorCode> names_of<ErrorCode>() noexcept;
template <> NameTable<ErrorDoc> names_of<ErrorDoc>() noexcept;
template <> NameTable<RoundingMode> names_of<RoundingMode>() noexcept;
template <> NameTable<Platform> names_of<Platform>() noexcept;
template <> NameTable<LineMode> names_of<LineMode>() noexcept;
template <> NameTable<StalePolicy> names_of<StalePolicy>() noexcept;
template <> NameTable<Threshold::Basis> names_of<Threshold::Basis>() noexcept;
template <> NameTable<Component> names_of<Component>() noexcept;
template <> NameTable<Valuation::Basis> names_of<Valuation::Basis>() noexcept;
template <> NameTable<Pricing::Kind> names_of<Pricing::Kind>() noexcept;
template <> NameTable<Surcharge::Kind> names_of<Surcharge::Kind>() noexcept;
template <> NameTable<Collect> names_of<Collect>() noexcept;
template <> NameTable<Choose> names_of<Choose>() noexcept;
template <> NameTable<Split> names_of<Split>() noexcept;
template <> NameTable<ParcelAssessment> names_of<ParcelAssessment>() noexcept;

/// The stable name of `value`, e.g. name_of(Platform::p1688) == "1688".
template <class E> std::string_view name_of(E value) noexcept {
  for (const auto& row : names_of<E>())
    if (row.value == value) return row.name;
  return {};
}

/// The enumerator named `name`, if any.
template <class E> std::optional<E> value_named(std::string_view name) noexcept {
  for (const auto& row : names_of<E>())
    if (row.name == name) return row.value;
  return std::nullopt;
}

/// "1688", "taobao" or "pinduoduo".
inline std::string_view platform_name(Platform p) noexcept {
  return name_of(p);
}
/// "courier", "postal" or "freight".
inline std::string_view mode_name(LineMode m) noexcept {
  return name_of(m);
}
/// "fob", "cif" or "price_rate".
inline std::string_view basis_name(Valuation::Basis b) noexcept {
  return name_of(b);
}
/// "goods" or "customs_value".
inline std::string_view basis_name(Threshold::Basis b) noexcept {
  return name_of(b);
}

} // namespace taoquote
