// taoquote_format_matrix: ICU display strings as JSON, for the ICU-vs-Intl parity test.
//   taoquote_format_matrix < {"locales":[…],"currencies":[…],"amounts":[…],"dates":[…]}
//     → {"icu","cldr","money":[{"locale","currency","amount","text"|"error"}],
//        "dates":[{"locale","date","text"|"error"}]}   (every locale × currency × amount)
//   taoquote_format_matrix --quote RULEBOOK REQUEST LOCALE…
//     → {"quote": canonical quote text, "display": [formatQuote-shaped object per locale]}
// Exit 0 on success, 1 on a bad input or quote, 2 on usage.
#include "taoquote/codec.hpp"
#include "taoquote/icu_display.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace {

using nlohmann::json;

json text_or_error(const taoquote::DisplayText& t) {
  if (t.ok()) return t.text;
  return json{{"error", t.error->message}};
}

json display_json(const taoquote::DisplayStrings& d) {
  if (!d.ok()) return json{{"locale", d.locale}, {"error", d.error->message}};
  json charges = json::array(), options = json::array();
  for (const auto& c : d.charges)
    charges.push_back({{"code", c.code}, {"text", c.text}});
  for (const auto& o : d.options) {
    json option = {{"line", o.line}, {"price", nullptr}, {"eta", nullptr}};
    if (o.price) option["price"] = *o.price;
    if (o.eta) option["eta"] = {{"earliest", o.eta->earliest}, {"latest", o.eta->latest}};
    options.push_back(std::move(option));
  }
  return json{{"locale", d.locale},
              {"total", d.total},
              {"due_on_delivery", d.due_on_delivery},
              {"charges", std::move(charges)},
              {"options", std::move(options)}};
}

std::string slurp(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int quote_mode(int argc, char** argv) {
  const auto rulebook = taoquote::load_rulebook(slurp(argv[2]));
  if (!rulebook) {
    std::cerr << taoquote::error_json(rulebook.error()) << '\n';
    return 1;
  }
  const auto request = taoquote::parse_request(slurp(argv[3]));
  if (!request) {
    std::cerr << taoquote::error_json(request.error()) << '\n';
    return 1;
  }
  const auto quote = taoquote::compute_quote(*rulebook.value(), request.value());
  if (!quote) {
    std::cerr << taoquote::error_json(quote.error()) << '\n';
    return 1;
  }
  json display = json::array();
  for (int i = 4; i < argc; ++i)
    display.push_back(display_json(taoquote::format_quote(quote.value(), argv[i])));
  std::cout << json{{"quote", taoquote::canonical_json(quote.value())}, {"display", display}}.dump()
            << '\n';
  return 0;
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
  try {
    if (argc >= 4 && std::string(argv[1]) == "--quote") return quote_mode(argc, argv);
    if (argc == 1) return matrix_mode();
    std::cerr << "usage: taoquote_format_matrix < MATRIX.json | taoquote_format_matrix --quote "
                 "RULEBOOK REQUEST LOCALE...\n";
    return 2;
  } catch (const json::exception& e) {
    std::cerr << "taoquote_format_matrix: " << e.what() << '\n';
    return 1;
  }
}
