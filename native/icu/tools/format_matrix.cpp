// taoquote_format_matrix: ICU display strings as JSON, for the ICU-vs-Intl parity test.
//   taoquote_format_matrix < {"locales":[…],"currencies":[…],"amounts":[…],"dates":[…]}
//     → {"icu","cldr","money":[{"locale","currency","amount","text"|"error"}],
//        "dates":[{"locale","date","text"|"error"}]}   (every locale × currency × amount)
//   taoquote_format_matrix --quote RULEBOOK REQUEST LOCALE…
//     → {"quote": canonical quote text, "display": [formatQuote-shaped object per locale]}
// Exit 0 on success, 1 on a bad input or quote, 2 on usage, 3 when a file cannot be read.
// Arguments and files are read by the CLI's own parser and reader (native/cli args.hpp, io.hpp).
#include "args.hpp"
#include "io.hpp"

#include "taoquote/codec.hpp"
#include "taoquote/icu_display.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace {

using nlohmann::json;

json text_or_error(const taoquote::DisplayText& t) {
  if (t.ok()) return t.text;
  return json{{"error", t.error->message}};
}

json display_json(const taoquote::DisplayStrings& d) {
  if (!d.ok()) return json{{"locale", d.locale}, {"error", d.error->message}};
  const auto texts = [](const std::vector<taoquote::ChargeText>& list) {
    json out = json::array();
    for (const auto& c : list)
      out.push_back({{"code", c.code}, {"text", c.text}});
    return out;
  };
  const auto eta = [](const taoquote::EtaText& e) {
    return json{{"earliest", e.earliest}, {"latest", e.latest}};
  };
  json options = json::array(), parcels = json::array();
  for (const auto& o : d.options) {
    json option = {
        {"line", o.line}, {"price", nullptr}, {"landed_total", nullptr}, {"eta", nullptr}};
    if (o.price) option["price"] = *o.price;
    if (o.landed_total) option["landed_total"] = *o.landed_total;
    if (o.eta) option["eta"] = eta(*o.eta);
    options.push_back(std::move(option));
  }
  for (const auto& p : d.parcels)
    parcels.push_back({{"line", p.line},
                       {"price", p.price},
                       {"duty", p.duty},
                       {"taxes", texts(p.taxes)},
                       {"eta", eta(p.eta)}});
  return json{{"locale", d.locale},
              {"total", d.total},
              {"due_on_delivery", d.due_on_delivery},
              {"landed_total", d.landed_total},
              {"charges", texts(d.charges)},
              {"options", std::move(options)},
              {"parcels", std::move(parcels)}};
}

constexpr const char* usage = "usage: taoquote_format_matrix < MATRIX.json | "
                              "taoquote_format_matrix --quote RULEBOOK REQUEST LOCALE...\n";

// RULEBOOK REQUEST LOCALE... → the canonical quote and its display strings per locale.
int quote_mode(const std::vector<std::string>& files_and_locales) {
  namespace cli = taoquote::cli;
  std::string rulebook_text, request_text, error;
  if (!cli::read_input(files_and_locales[0], rulebook_text, error) ||
      !cli::read_input(files_and_locales[1], request_text, error)) {
    std::cerr << "taoquote_format_matrix: " << error << '\n';
    return cli::exit_io;
  }
  const auto rulebook = taoquote::load_rulebook(rulebook_text);
  const auto quote = rulebook ? taoquote::quote_request(*rulebook.value(), request_text)
                              : taoquote::Result<taoquote::Quote>(rulebook.error());
  if (!quote) {
    std::cerr << taoquote::error_json(quote.error()) << '\n';
    return cli::exit_failed;
  }
  json display = json::array();
  for (auto locale = files_and_locales.begin() + 2; locale != files_and_locales.end(); ++locale)
    display.push_back(display_json(taoquote::format_quote(quote.value(), *locale)));
  std::cout << json{{"quote", taoquote::canonical_json(quote.value())}, {"display", display}}.dump()
            << '\n';
  return cli::exit_ok;
}

int matrix_mode() {
  const json in = json::parse(std::cin, nullptr, false);
  if (!in.is_object()) {
    std::cerr << "taoquote_format_matrix: stdin is not a JSON object\n";
    return 1;
  }
  json money = json::array(), dates = json::array();
  for (const std::string locale : in.value("locales", json::array())) {
    for (const std::string currency : in.value("currencies", json::array()))
      for (const std::string amount : in.value("amounts", json::array()))
        money.push_back(
            {{"locale", locale},
             {"currency", currency},
             {"amount", amount},
             {"text", text_or_error(taoquote::try_format_money(amount, currency, locale))}});
    for (const std::string date : in.value("dates", json::array())) {
      const auto parsed = taoquote::parse_date(date);
      json text = json{{"error", "not a date"}};
      if (parsed) text = text_or_error(taoquote::try_format_civil_date(*parsed, locale));
      dates.push_back({{"locale", locale}, {"date", date}, {"text", std::move(text)}});
    }
  }
  std::cout << json{{"icu", taoquote::icu_version()},
                    {"cldr", taoquote::cldr_version()},
                    {"money", std::move(money)},
                    {"dates", std::move(dates)}}
                   .dump()
            << '\n';
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  namespace cli = taoquote::cli;
  try {
    std::string error;
    const auto args = cli::Args::parse({argv + 1, argv + argc}, {{"quote", false}}, error);
    if (args && args->has("help")) {
      std::cout << usage;
      return cli::exit_ok;
    }
    if (args && args->has("quote") && args->positional().size() >= 3)
      return quote_mode(args->positional());
    if (args && argc == 1) return matrix_mode();
    std::cerr << (args ? "" : "taoquote_format_matrix: " + error + "\n") << usage;
    return cli::exit_usage;
  } catch (const json::exception& e) { // a matrix member of the wrong type
    std::cerr << "taoquote_format_matrix: " << e.what() << '\n';
    return cli::exit_failed;
  } catch (...) {
    std::cerr << "taoquote_format_matrix: "
              << taoquote::current_exception_error(taoquote::ErrorDoc::request).message << '\n';
    return cli::exit_failed;
  }
}
