// `taoquote quote`: the canonical quote JSON, or a readable breakdown formatted by ICU.
#include "args.hpp"
#include "commands.hpp"
#include "io.hpp"
#include "report.hpp"

#include "taoquote/codec.hpp"
#include "taoquote/icu_display.hpp"

#include <nlohmann/json.hpp>

namespace taoquote::cli {
namespace {

constexpr const char* quote_help =
    R"(Usage: taoquote quote --rulebook FILE --request FILE [--format json|table] [--locale TAG]

Quotes a request (docs/schema.md) with a rulebook and prints the result.

Options:
  --rulebook FILE  the rulebook; - reads standard input
  --request FILE   the request; - reads standard input (only one of the two may be -)
  --format FORMAT  json (default): the canonical quote (docs/quote.md), one line, byte for
                   byte what every build of taoquote prints; on failure the error body
                   {"error":{"code","doc","path","message"}} instead.
                   table: a readable breakdown - items, shipping options with reasons,
                   customs with the thresholds that fired and who collects, charges,
                   total, due on delivery - with amounts and dates formatted by ICU
  --locale TAG     BCP 47 locale of the table (default: the request's locale, else en-US)
  -h, --help       this help

Exit codes: 0 quoted, 1 the rulebook or request was rejected (its code and JSON Pointer
are printed), 2 usage error, 3 a file could not be read.
)";

// Loads both documents; on failure prints the error (JSON body or sentence) and returns
// the exit code, else returns -1.
struct Inputs {
  std::string rulebook, request;
};

int read_inputs(const Args& args, Inputs& in) {
  const auto rb = args.value("rulebook");
  const auto rq = args.value("request");
  if (!rb || !rq) return usage_error("quote", "--rulebook and --request are required");
  if (*rb == "-" && *rq == "-")
    return usage_error("quote", "only one of --rulebook and --request can be -");
  if (!read_or_complain(*rb, in.rulebook) || !read_or_complain(*rq, in.request)) return exit_io;
  return -1;
}

int fail_with(const Error& e, bool json) {
  if (json) return write_output(error_json(e) + "\n") ? exit_failed : exit_io;
  complain(std::string(error_doc_name(e.doc)) + ": " + describe_error(e));
  return exit_failed;
}

// The request's "locale" (docs/schema.md), else en-US. Read only once quote_request has
// accepted the request, so the text is valid JSON and a present locale is a string.
std::string request_locale(const std::string& request_text) {
  const auto request = nlohmann::json::parse(request_text, nullptr, false);
  const auto locale = request.is_object() ? request.find("locale") : request.end();
  return locale != request.end() && locale->is_string() ? locale->get<std::string>() : "en-US";
}

int table(const Rulebook& rulebook, const std::string& request_text,
          const std::optional<std::string>& locale_option) {
  const auto quote = quote_request(rulebook, request_text);
  if (!quote) return fail_with(quote.error(), false);
  const std::string locale = locale_option ? *locale_option : request_locale(request_text);
  const DisplayStrings display = format_quote(quote.value(), locale);
  if (!display.ok()) {
    if (locale_option) return usage_error("quote", "--locale: " + display.error->message);
    complain("request: the locale cannot be used: " + display.error->message);
    return exit_failed;
  }
  return write_output(quote_table(quote.value(), display, locale)) ? exit_ok : exit_io;
}

} // namespace

int run_quote(const std::vector<std::string>& argv) {
  std::string error;
  const auto args = Args::parse(argv, {{"rulebook"}, {"request"}, {"format"}, {"locale"}}, error);
  if (!args) return usage_error("quote", error);
  if (args->has("help")) return print_help(quote_help);
  if (!args->positional().empty())
    return usage_error("quote", "unexpected argument \"" + args->positional()[0] + "\"");
  const std::string format = args->value("format").value_or("json");
  if (format != "json" && format != "table")
    return usage_error("quote", "--format must be json or table");
  if (args->has("locale") && format != "table")
    return usage_error("quote", "--locale applies to --format table");

  Inputs in;
  if (const int code = read_inputs(*args, in); code >= 0) return code;
  const bool json = format == "json";
  const auto rulebook = load_rulebook(in.rulebook);
  if (!rulebook) return fail_with(rulebook.error(), json);
  if (!json) return table(*rulebook.value(), in.request, args->value("locale"));
  const JsonOutcome out = quote_json(*rulebook.value(), in.request);
  if (!write_output(out.body + "\n")) return exit_io;
  return out.ok ? exit_ok : exit_failed;
}

} // namespace taoquote::cli
