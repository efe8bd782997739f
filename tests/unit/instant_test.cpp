// RFC 3339 instants and civil dates: strict parsing and exact round trips.
#include "taoquote/instant.hpp"

#include <doctest/doctest.h>

using namespace taoquote;

TEST_CASE("instants parse strictly and print in UTC") {
  CHECK(format_instant(*parse_instant("2026-11-25T08:00:00Z")) == "2026-11-25T08:00:00Z");
  CHECK(format_instant(*parse_instant("2026-11-25T16:00:00+08:00")) == "2026-11-25T08:00:00Z");
  CHECK(format_instant(*parse_instant("2026-11-25T00:30:00-01:00")) == "2026-11-25T01:30:00Z");
  CHECK(format_instant(*parse_instant("2026-11-25T08:00:00.5Z")) == "2026-11-25T08:00:00.500Z");
  CHECK(format_instant(*parse_instant("2026-11-25T08:00:00.123Z")) == "2026-11-25T08:00:00.123Z");
  CHECK(format_instant(*parse_instant("2028-02-29T23:59:59Z")) == "2028-02-29T23:59:59Z");
  for (const char* bad :
       {"", "2026-11-25", "2026-11-25T08:00:00", "2026-11-25 08:00:00Z", "2026-02-29T00:00:00Z",
        "2026-13-01T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T08:00:60Z",
        "2026-11-25T08:00:00.1234Z", "1999-12-31T23:59:59Z", "2200-01-01T00:00:00Z",
        "2026-11-25T08:00:00z", "2026-11-25T08:00:00+0800", "2026-11-25T08:00:00Z ",
        "+2026-11-25T08:00:00Z"})
    CHECK_MESSAGE(!parse_instant(bad), bad);
}

TEST_CASE("dates and validity windows") {
  CHECK(format_date(*parse_date("2027-02-06")) == "2027-02-06");
  CHECK(!parse_date("2027-2-6"));
  CHECK(!parse_date("2027-02-30"));
  const auto t = *parse_instant("2026-07-01T00:00:00Z");
  const Validity before{std::nullopt, t}, after{t, std::nullopt};
  CHECK(before.covers(*parse_instant("2026-06-30T23:59:59.999Z")));
  CHECK_FALSE(before.covers(t)); // valid_to is exclusive
  CHECK(after.covers(t));        // valid_from is inclusive
  CHECK_FALSE(before.overlaps(after));
  CHECK(Validity{}.overlaps(after));
}
