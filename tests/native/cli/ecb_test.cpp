// The ECB feed parser and fx import on the fixtures and edge cases; frankfurt_time against
// an independent computation of the EU summer-time switches.
#include "ecb.hpp"
#include "io.hpp"

#include "taoquote/error.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <new>

namespace {

using namespace taoquote;

// A fixture's bytes, read by the CLI's own reader (io.hpp).
std::string fixture(const std::string& name) {
  std::string text, error;
  REQUIRE_MESSAGE(cli::read_input(std::string(TAOQUOTE_ECB_DIR) + "/" + name, text, error), error);
  return text;
}

std::string rejection(std::string_view text) {
  const auto r = ecb::parse_feed(text);
  REQUIRE_FALSE(r.feed);
  CHECK_FALSE(r.error.message.empty());
  return r.error.message;
}

constexpr const char* envelope_open =
    "<gesmes:Envelope xmlns:gesmes='http://www.gesmes.org/xml/2002-08-01' "
    "xmlns='http://www.ecb.int/vocabulary/2002-08-01/eurofxref'>";

std::string envelope(const std::string& inner) {
  return std::string(envelope_open) + "<Cube><Cube time='2026-11-24'>" + inner +
         "</Cube></Cube></gesmes:Envelope>";
}

// The last Sunday of a month, found by stepping back from the month's last day.
date::sys_days last_sunday(int year, unsigned month) {
  auto d = date::sys_days(date::year{year} / date::month{month} / date::last);
  while (date::weekday(d) != date::Sunday)
    d -= date::days(1);
  return d;
}

} // namespace

TEST_CASE("the XML and CSV fixtures parse to the same day and rates") {
  const auto xml = ecb::parse_feed(fixture("eurofxref-daily.xml"));
  const auto csv = ecb::parse_feed(fixture("eurofxref.csv"));
  REQUIRE(xml.feed);
  REQUIRE(csv.feed);
  CHECK(xml.feed->format == ecb::Format::xml);
  CHECK(csv.feed->format == ecb::Format::csv);
  CHECK(xml.feed->date == date::year{2026} / 11 / 24);
  CHECK(csv.feed->date == xml.feed->date);
  REQUIRE(xml.feed->rates.size() == 29);
  CHECK(xml.feed->rates == csv.feed->rates);
  CHECK(xml.feed->rates.front().first == "USD");
  CHECK(xml.feed->rates.front().second.to_string() == "1.1589");
}

TEST_CASE("malformed XML is rejected with a reason") {
  CHECK(rejection(envelope("<Cube currency='USD' rate='1.1'>")).find("must be empty") !=
        std::string::npos);
  CHECK(rejection(envelope("<Cube currency='USD' currency='JPY' rate='1'/>")).find("twice") !=
        std::string::npos);
  CHECK(rejection(envelope("<Cube currency='USD' rate='1' extra='x'/>"))
            .find("unexpected attribute extra") != std::string::npos);
  CHECK(rejection(envelope("<Cube currency='USD' rate='1&amp;'/>")).find("entity") !=
        std::string::npos);
  CHECK(rejection(envelope("<Cube currency='USD' rate='1'/><Rate/>")).find("<Rate>") !=
        std::string::npos);
  CHECK(rejection(envelope("<Cube currency='usd' rate='1'/>")).find("upper-case") !=
        std::string::npos);
  CHECK(rejection(envelope("<Cube currency='USD' rate='1e3'/>")).find("positive decimal") !=
        std::string::npos);
  CHECK(rejection(envelope("<Cube currency='USD' rate='0'/>")).find("positive decimal") !=
        std::string::npos);
  CHECK(rejection(envelope("<Cube currency='USD' rate='1'/>") + "<more/>").find("after") !=
        std::string::npos);
  CHECK(rejection(std::string(envelope_open) + "<![CDATA[x]]></gesmes:Envelope>").find("CDATA") !=
        std::string::npos);
  CHECK(rejection("<rss version='2.0'></rss>").find("<rss>") != std::string::npos);
  CHECK(rejection(std::string(200, '<')).size() > 0);
  CHECK(rejection(std::string(ecb::max_feed_bytes + 1, ' ')).find("1 MiB") != std::string::npos);
  std::string deep(envelope_open);
  for (int i = 0; i < 40; ++i)
    deep += "<a>";
  CHECK(rejection(deep).find("deeply") != std::string::npos);
}

TEST_CASE("malformed CSV is rejected with a reason") {
  CHECK(rejection("Date, USD, \n").find("no day") != std::string::npos);
  CHECK(rejection("Date, USD, \n2026-11-24, 1.1, 2.2, \n").find("fields") != std::string::npos);
  CHECK(rejection("Date, USD, \n24 Novembre 2026, 1.1, \n").find("24 November 2026") !=
        std::string::npos);
  CHECK(rejection("Date, USD, , JPY\n24 November 2026, 1.1, , 2\n").find("empty field") !=
        std::string::npos);
  CHECK(rejection("Date, EUR, \n24 November 2026, 1, \n").find("another base") !=
        std::string::npos);
  for (const char* bad : {"30 February 2026", "24 November 2026 12:00", "24 November",
                          "November 24 2026", "x24 November 2026"})
    CHECK_MESSAGE(rejection("Date, USD, \n" + std::string(bad) + ", 1.1, \n")
                          .find("is not like \"24 November 2026\"") != std::string::npos,
                  bad);
  const auto day = [](const std::string& text) {
    return ecb::parse_feed("Date, USD, \n" + text + ", 1.1, \n").feed.value().date;
  };
  CHECK(day("24 November 2026") == date::year{2026} / 11 / 24);
  CHECK(day("1 March 2027") == date::year{2027} / 3 / 1);
  CHECK(day("29 February 2028") == date::year{2028} / 2 / 29);
  const auto ok = ecb::parse_feed("Date, USD, RUB, CNY\n2026-11-24, 1.1, N/A, 8.2\n");
  REQUIRE(ok.feed);
  CHECK(ok.feed->rates.size() == 2);
  CHECK(ok.feed->not_available == std::vector<std::string>{"RUB"});
}

TEST_CASE("import: pivots, options and errors") {
  const auto feed = ecb::parse_feed(fixture("eurofxref-daily.xml")).feed.value();
  ecb::ImportOptions o;
  auto r = ecb::import_fx(feed, o);
  REQUIRE(r.fx);
  CHECK(r.fx->as_of == parse_instant("2026-11-24T15:00:00Z"));
  CHECK(r.fx->rates.size() == 29); // 28 others + EUR
  CHECK(r.fx->pivot_per_eur.to_string() == "8.2345");

  o.pivot = "EUR";
  r = ecb::import_fx(feed, o);
  REQUIRE(r.fx);
  CHECK(r.fx->rates.size() == 29);
  CHECK(std::none_of(r.fx->rates.begin(), r.fx->rates.end(),
                     [](const RateEntry& e) { return e.first == "EUR"; }));

  o = {};
  o.pivot = "KWD"; // an active code the feed does not carry
  r = ecb::import_fx(feed, o);
  REQUIRE_FALSE(r.fx);
  CHECK(r.error.message.find("no KWD rate") != std::string::npos);

  o = {};
  o.rate_scale = 13;
  CHECK(ecb::check_import_options(o).value().find("scale") != std::string::npos);
  o = {};
  o.markup = "22/7";
  CHECK(ecb::check_import_options(o).has_value());
  o.markup = "1/7";
  CHECK_FALSE(ecb::check_import_options(o).has_value());
}

TEST_CASE("frankfurt_time follows CET/CEST on every day of 2026-2035") {
  for (int y = 2026; y <= 2035; ++y) {
    const auto spring = last_sunday(y, 3), autumn = last_sunday(y, 10);
    for (auto d = date::sys_days(date::year{y} / 1 / 1);
         d <= date::sys_days(date::year{y} / 12 / 31); d += date::days(1)) {
      const bool summer = d >= spring && d < autumn; // 16:00 local is after the 01:00Z switch
      const auto expected = d + std::chrono::hours(summer ? 14 : 15);
      CHECK_MESSAGE(ecb::frankfurt_time(date::year_month_day(d), 16 * 60) == expected,
                    format_date(date::year_month_day(d)));
    }
  }
  // Before 01:00 UTC on a switch Sunday the old offset still holds.
  const auto spring = date::year_month_day(last_sunday(2026, 3));
  CHECK(ecb::frankfurt_time(spring, 30) == date::sys_days(spring) - std::chrono::minutes(30));
  CHECK(ecb::frankfurt_time(spring, 4 * 60) == date::sys_days(spring) + std::chrono::hours(2));
}

TEST_CASE("an exception during an import reads as the core's sentence") {
  try {
    throw std::bad_alloc();
  } catch (...) {
    const ecb::FeedError e = ecb::current_feed_error();
    CHECK(e.message == "The input needs more memory than is available.");
    CHECK(e.line == 0);
  }
  try {
    throw OverflowError{"rescale"};
  } catch (...) {
    const std::string core = current_exception_error(ErrorDoc::rulebook).message;
    CHECK(core.find("(rescale)") != std::string::npos); // OVERFLOW's sentence names the step
    CHECK(ecb::current_feed_error().message == core);
  }
}
