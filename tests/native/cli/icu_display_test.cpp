// taoquote::icu_display: ICU money and date strings as Intl makes them, errors as values, and
// formatQuote's shape; plus the rule that the core itself never includes ICU.
#include "io.hpp"

#include "taoquote/codec.hpp"
#include "taoquote/icu_display.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <new>
#include <stdexcept>

namespace {

using taoquote::DisplayErrorCode;
using namespace std::string_literals;

constexpr const char* nbsp = "\u00a0";

// A file's bytes, read by the CLI's own reader (io.hpp).
std::string slurp(const std::filesystem::path& path) {
  std::string text, error;
  REQUIRE_MESSAGE(taoquote::cli::read_input(path.string(), text, error), error);
  return text;
}

DisplayErrorCode money_error(std::string_view amount, std::string_view currency,
                             std::string_view locale) {
  const auto t = taoquote::try_format_money(amount, currency, locale);
  REQUIRE_FALSE(t.ok());
  CHECK(t.text.empty());
  CHECK_FALSE(t.error->message.empty());
  return t.error->code;
}

} // namespace

TEST_CASE("money strings from exact decimal strings") {
  using taoquote::format_money;
  CHECK(format_money("1234.5", "EUR", "en-US") == "€1,234.50");
  CHECK(format_money("1234.5", "EUR", "de-DE") == "1.234,50"s + nbsp + "€");
  CHECK(format_money("1234", "JPY", "ja-JP") == "￥1,234");
  CHECK(format_money("3.125", "KWD", "en-US") == "KWD"s + nbsp + "3.125");
  // 17 significant digits survive: no double on the way.
  CHECK(format_money("999999999999999.99", "USD", "en-US") == "$999,999,999,999,999.99");
  CHECK(format_money("123456789012345.675", "USD", "en-US") == "$123,456,789,012,345.68");
}

TEST_CASE("ties round away from zero, like Intl's halfExpand (ICU's default is half-even)") {
  using taoquote::format_money;
  CHECK(format_money("2.5", "JPY", "en-US") == "¥3");
  CHECK(format_money("3.5", "JPY", "en-US") == "¥4");
  CHECK(format_money("0.125", "EUR", "en-US") == "€0.13");
  CHECK(format_money("1.0005", "KWD", "en-US") == "KWD"s + nbsp + "1.001");
}

TEST_CASE("exact money keeps every digit of a unit price") {
  CHECK(taoquote::try_format_money_exact("1.2345", "CNY", "en-US").text == "CN¥1.2345");
  CHECK(taoquote::try_format_money_exact("18.5", "CNY", "en-US").text == "CN¥18.50");
  CHECK(taoquote::try_format_money_exact("7", "JPY", "en-US").text == "¥7");
}

TEST_CASE("bad locales, amounts and currencies are error values") {
  CHECK(money_error("1", "EUR", "de_DE") == DisplayErrorCode::invalid_locale);
  CHECK(money_error("1", "EUR", "") == DisplayErrorCode::invalid_locale);
  CHECK(money_error("1", "EUR", "not a locale") == DisplayErrorCode::invalid_locale);
  CHECK(money_error("1", "EUR", std::string(100, 'a')) == DisplayErrorCode::invalid_locale);
  CHECK(money_error("1e3", "EUR", "en") == DisplayErrorCode::invalid_amount);
  CHECK(money_error("1,5", "EUR", "en") == DisplayErrorCode::invalid_amount);
  CHECK(money_error("", "EUR", "en") == DisplayErrorCode::invalid_amount);
  CHECK(money_error("NaN", "EUR", "en") == DisplayErrorCode::invalid_amount);
  CHECK(money_error("1", "eur", "en") == DisplayErrorCode::invalid_currency);
  CHECK(money_error("1", "EURO", "en") == DisplayErrorCode::invalid_currency);
  CHECK(taoquote::format_money("1", "EUR", "de_DE").empty());
  const auto date = taoquote::try_format_civil_date(date::year{2026} / 11 / 25, "de_DE");
  CHECK(date.error->code == DisplayErrorCode::invalid_locale);
}

TEST_CASE("medium dates at midnight UTC in the locale's calendar") {
  const taoquote::CivilDate d = date::year{2026} / 11 / 25;
  CHECK(taoquote::try_format_civil_date(d, "de-DE").text == "25.11.2026");
  CHECK(taoquote::try_format_civil_date(d, "en-US").text == "Nov 25, 2026");
  CHECK(taoquote::try_format_civil_date(d, "ja-JP").text == "2026/11/25");
  CHECK(taoquote::try_format_civil_date(d, "th-TH").text.find("2569") != std::string::npos);
}

TEST_CASE("format_quote has formatQuote's shape and the quote's figures") {
  const std::filesystem::path tests = TAOQUOTE_TESTS_DIR;
  const auto c = nlohmann::json::parse(slurp(tests / "vectors/cases/001-basic-de.json"));
  const auto rulebook = taoquote::load_rulebook(
      slurp(tests / "vectors/rulebooks" / (c.at("rulebook").get<std::string>() + ".json")));
  REQUIRE(rulebook.ok());
  const auto quote = taoquote::quote_request(*rulebook.value(), c.at("request").dump());
  REQUIRE(quote.ok());
  const taoquote::Quote& q = quote.value();

  const auto d = taoquote::format_quote(q, "de-DE");
  REQUIRE(d.ok());
  CHECK(d.locale == "de-DE");
  CHECK(d.total == taoquote::format_money(q.total.to_string(), "EUR", "de-DE"));
  CHECK(d.due_on_delivery == "0,00"s + nbsp + "€");
  REQUIRE(d.charges.size() == q.charges.size());
  for (std::size_t i = 0; i < q.charges.size(); ++i) {
    CHECK(d.charges[i].code == q.charges[i].code);
    CHECK(d.charges[i].text.find("€") != std::string::npos);
  }
  REQUIRE(d.options.size() == q.options.size());
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    CHECK(d.options[i].line == q.options[i].line);
    CHECK(d.options[i].price.has_value() == q.options[i].eligible);
    CHECK(d.options[i].eta.has_value() == q.options[i].eligible);
    if (d.options[i].eta) CHECK(d.options[i].eta->earliest.size() == 10); // dd.mm.yyyy
  }

  const auto bad = taoquote::format_quote(q, "en_US");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error->code == DisplayErrorCode::invalid_locale);
  CHECK(bad.total.empty());
  CHECK(bad.charges.empty());
}

TEST_CASE("the core includes no ICU: display is a separate layer") {
  const std::filesystem::path core = std::filesystem::path(TAOQUOTE_REPO_DIR) / "core";
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(core)) {
    const auto ext = e.path().extension();
    if (ext != ".cpp" && ext != ".hpp" && ext != ".inc" && ext != ".txt") continue;
    ++files;
    const std::string text = slurp(e.path());
    CHECK_MESSAGE(text.find("unicode/") == std::string::npos, e.path());
    CHECK_MESSAGE(text.find("ICU::") == std::string::npos, e.path());
  }
  CHECK(files > 20);
}

TEST_CASE("an exception becomes the core's sentence, mapped into a DisplayError") {
  const auto during = [](auto raise) {
    try {
      raise();
    } catch (...) {
      return taoquote::current_display_error();
    }
    FAIL("nothing was thrown");
    return taoquote::DisplayError{};
  };
  const auto oom = during([] { throw std::bad_alloc(); });
  CHECK(oom.code == DisplayErrorCode::internal);
  CHECK(oom.message == "The input needs more memory than is available.");
  const auto defect = during([] { throw std::logic_error("broken invariant"); });
  CHECK(defect.code == DisplayErrorCode::internal);
  CHECK(defect.message == "Internal error: broken invariant");
  // The same words as the core's own translation of the same exception.
  try {
    throw std::bad_alloc();
  } catch (...) {
    CHECK(taoquote::current_exception_error(taoquote::ErrorDoc::request).message == oom.message);
  }
}
