// `taoquote rates import-ecb`: the ECB daily feed → a rulebook `fx` section (JSON).
#include "args.hpp"
#include "commands.hpp"
#include "ecb.hpp"
#include "io.hpp"

#include <nlohmann/json.hpp>

#include <charconv>

namespace taoquote::cli {
namespace {

constexpr const char* rates_help = R"(Usage: taoquote rates import-ecb FILE [options]

Commands:
  import-ecb  convert the ECB's euro reference rates into a rulebook "fx" section

See taoquote rates import-ecb --help.
)";

constexpr const char* import_help = R"(Usage: taoquote rates import-ecb FILE [options]

Reads one day of the European Central Bank's euro foreign exchange reference rates — the
daily XML (eurofxref-daily.xml) or CSV (eurofxref.csv) form, detected from the content;
FILE may be - for standard input — and prints the rulebook's "fx" section with every rate
rebased to the pivot: PIVOT per 1 unit = (PIVOT per EUR) / (units per EUR), computed
exactly and rounded once, half-even, to --rate-scale places. EUR itself gets PIVOT per EUR.

Options:
  --pivot CODE          the rulebook's base currency (default CNY); must be in the feed
  --rate-scale N        fraction digits of the rebased rates, 0-12 (default 12)
  --max-age-hours H     written as fx.max_age_hours (default 96)
  --on-stale MODE       written as fx.on_stale: warn or error (default warn)
  --markup RATE         written as fx.markup, a rate below 1 such as 0.015 (default 0)
  --as-of-time HH:MM    publication time of day in Frankfurt (CET/CEST), default 16:00;
                        fx.as_of = the feed's date at this time, in UTC
  --now INSTANT         RFC 3339 instant; fail if as_of is after it or more than
                        --max-age-hours before it (a stale feed)
  -h, --help            this help

Currencies the feed lists that are not active ISO 4217 codes are left out, with a note on
standard error.

Exit codes: 0 ok, 1 malformed or stale feed (the error says why and where), 2 usage error,
3 the file could not be read.
)";

bool parse_int(const std::string& s, int& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

// "HH:MM" → minutes of the day.
bool parse_time(const std::string& s, int& minutes) {
  int h = 0, m = 0;
  if (s.size() != 5 || s[2] != ':' || !parse_int(s.substr(0, 2), h) ||
      !parse_int(s.substr(3, 2), m) || h > 23 || m > 59 || s[0] == '-' || s[3] == '-')
    return false;
  minutes = h * 60 + m;
  return true;
}

int import_ecb(const std::vector<std::string>& argv) {
  const std::string cmd = "rates import-ecb";
  std::string error;
  const auto args = Args::parse(argv,
                                {{"pivot"},
                                 {"rate-scale"},
                                 {"max-age-hours"},
                                 {"on-stale"},
                                 {"markup"},
                                 {"as-of-time"},
                                 {"now"}},
                                error);
  if (!args) return usage_error(cmd, error);
  if (args->has("help")) return print_help(import_help);
  if (args->positional().size() != 1) return usage_error(cmd, "expected one FILE");

  ecb::ImportOptions options;
  if (auto v = args->value("pivot")) options.pivot = *v;
  if (auto v = args->value("rate-scale"); v && !parse_int(*v, options.rate_scale))
    return usage_error(cmd, "--rate-scale needs a whole number");
  if (auto v = args->value("max-age-hours"); v && !parse_int(*v, options.max_age_hours))
    return usage_error(cmd, "--max-age-hours needs a whole number");
  if (auto v = args->value("on-stale")) options.on_stale = *v;
  if (auto v = args->value("markup")) options.markup = *v;
  if (auto v = args->value("as-of-time"); v && !parse_time(*v, options.as_of_minutes))
    return usage_error(cmd, "--as-of-time needs HH:MM, e.g. 16:00");
  if (auto v = args->value("now")) {
    options.now = parse_instant(*v);
    if (!options.now)
      return usage_error(cmd, "--now needs an RFC 3339 instant, e.g. 2026-11-25T08:00:00Z");
  }

  if (auto problem = ecb::check_import_options(options)) return usage_error(cmd, *problem);

  const std::string& path = args->positional()[0];
  std::string text;
  if (!read_or_complain(path, text)) return exit_io;
  const std::string name = path == "-" ? "standard input" : path;
  const auto parsed = ecb::parse_feed(text);
  if (!parsed.feed) {
    const auto& e = parsed.error;
    complain(name + (e.line ? ":" + std::to_string(e.line) : "") + ": " + e.message);
    return exit_failed;
  }
  const auto imported = ecb::import_fx(*parsed.feed, options);
  if (!imported.fx) {
    complain(name + ": " + imported.error.message);
    return exit_failed;
  }
  const ecb::FxSection& fx = *imported.fx;
  for (const auto& code : fx.skipped)
    complain("left out " + code + ": not an active ISO 4217 currency");

  nlohmann::ordered_json rates = nlohmann::ordered_json::object();
  for (const auto& [code, rate] : fx.rates)
    rates[code] = rate.to_string();
  const std::string form = parsed.feed->format == ecb::Format::xml ? "XML" : "CSV";
  nlohmann::ordered_json out = {
      {"as_of", format_instant(fx.as_of)},
      {"max_age_hours", options.max_age_hours},
      {"on_stale", options.on_stale},
      {"markup", options.markup},
      {"rates", std::move(rates)},
      {"source", "ECB euro foreign exchange reference rates of " + format_date(parsed.feed->date) +
                     " (" + form + " feed), rebased to " + options.pivot + " at " +
                     fx.pivot_per_eur.to_string() + " " + options.pivot +
                     " per EUR, half-even to " + std::to_string(options.rate_scale) + " places"}};
  return write_output(out.dump(2) + "\n") ? exit_ok : exit_io;
}

} // namespace

int run_rates(const std::vector<std::string>& args) {
  return run_subcommand("rates", args, rates_help, {{"import-ecb", import_ecb}});
}

} // namespace taoquote::cli
