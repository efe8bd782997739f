// The enumerations' name tables: complete, unique, and read back to the same value.
#include "taoquote/names.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

namespace {

using namespace taoquote;

// Every enumerator 0..last has exactly one row, names are unique and non-empty, and
// value_named inverts name_of; `last` is the enumeration's last enumerator.
template <class E> void check_table(E last) {
  const auto count = static_cast<std::size_t>(last) + 1;
  std::set<std::string> names;
  std::size_t rows = 0;
  for (const auto& row : names_of<E>()) {
    ++rows;
    CHECK(!row.name.empty());
    CHECK(names.insert(std::string(row.name)).second);
  }
  CHECK(rows == count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto value = static_cast<E>(i);
    const auto name = name_of(value);
    REQUIRE(!name.empty());
    const auto back = value_named<E>(name);
    REQUIRE(back.has_value());
    CHECK(*back == value);
  }
  CHECK(!value_named<E>("no-such-name").has_value());
}

} // namespace

TEST_CASE("every enumeration has a complete, unique name table") {
  check_table(ErrorCode::internal);
  check_table(ErrorDoc::request);
  check_table(RoundingMode::floor);
  check_table(Platform::pinduoduo);
  check_table(LineMode::freight);
  check_table(StalePolicy::error);
  check_table(Threshold::Basis::customs_value);
  check_table(Component::fees);
  check_table(Valuation::Basis::price_rate);
  check_table(Pricing::Kind::per_kg);
  check_table(Surcharge::Kind::attribute);
  check_table(Collect::delivery);
  check_table(Choose::cheapest_freight);
}

TEST_CASE("names are the documented JSON spellings") {
  // Spot checks against docs/schema.md and docs/errors.md, not against the table itself.
  CHECK(name_of(Platform::p1688) == "1688");
  CHECK(name_of(RoundingMode::half_even) == "half_even");
  CHECK(name_of(StalePolicy::error) == "error");
  CHECK(error_code_name(ErrorCode::below_moq) == "BELOW_MOQ");
  CHECK(error_code_name(ErrorCode::invalid_argument) == "INVALID_ARGUMENT");
  CHECK(error_doc_name(ErrorDoc::rulebook) == "rulebook");
  CHECK(value_named<Component>("seller_shipping") == Component::seller_shipping);
}
