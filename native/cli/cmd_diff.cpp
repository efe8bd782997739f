// `taoquote diff`: why a price changed — two quotes, or a request quoted on two rulebooks, or two
// requests quoted on one rulebook, compared charge by charge (docs/diff.md).
#include "args.hpp"
#include "commands.hpp"
#include "io.hpp"
#include "report.hpp"

#include "taoquote/codec.hpp"
#include "taoquote/diff.hpp"

namespace taoquote::cli {
namespace {

constexpr const char* diff_help =
    R"(Usage: taoquote diff BEFORE AFTER [--format text|json]
       taoquote diff --rulebook FILE [--rulebook-after FILE] --request FILE
                     [--request-after FILE] [--format text|json]

Explains why a price changed: each charge's change split into its causes (an FX rate, a
rule and its dates, a threshold crossed, an offer, tier or quantity, a shipping line, a
rounding), the parts summing exactly to the charge's change (docs/diff.md).

The first form compares two canonical quotes (files written by `taoquote quote`). The
second quotes first: the request on the rulebook, and again on --rulebook-after and/or with
--request-after (each defaults to the first).

Options:
  --format FORMAT  text (default): one fact per line; json: the diff document, one line
  -h, --help       this help

Exit codes: 0 compared, 1 a quote or an input was rejected (its code and JSON Pointer are
printed), 2 usage error, 3 a file could not be read.
)";

/// Prints a rejected input: the JSON error body, or a sentence on standard error.
int fail_with(const std::string& what, const Error& e, bool json) {
  if (json) return write_output(error_json(e) + "\n") ? exit_failed : exit_io;
  complain(what + ": " + describe_error(e));
  return exit_failed;
}

/// Quotes `request_path` on `rulebook_path` into `quote`; on failure returns the exit code, else
/// -1.
int quote_file(const std::string& rulebook_path, const std::string& request_path, bool json,
               std::string& quote) {
  std::string rulebook_text, request_text;
  if (!read_or_complain(rulebook_path, rulebook_text) ||
      !read_or_complain(request_path, request_text))
    return exit_io;
  const auto rulebook = load_rulebook(rulebook_text);
  if (!rulebook) return fail_with(rulebook_path, rulebook.error(), json);
  const JsonOutcome out = quote_json(*rulebook.value(), request_text);
  if (!out.ok) return fail_with(request_path, out.error, json);
  quote = out.body;
  return -1;
}

/// Reads or computes the two quotes; on failure returns the exit code, else -1.
int two_quotes(const Args& args, bool json, std::string& before, std::string& after) {
  const auto& files = args.positional();
  const bool quoting = args.has("rulebook") || args.has("request");
  if (!quoting) {
    if (files.size() != 2) return usage_error("diff", "expected two quote files, BEFORE and AFTER");
    if (files[0] == "-" && files[1] == "-")
      return usage_error("diff", "only one of BEFORE and AFTER can be -");
    return read_or_complain(files[0], before) && read_or_complain(files[1], after) ? -1 : exit_io;
  }
  if (!files.empty())
    return usage_error("diff", "give two quote files or --rulebook/--request, not both");
  const auto rb = args.value("rulebook");
  const auto rq = args.value("request");
  if (!rb || !rq) return usage_error("diff", "--rulebook and --request are required together");
  const std::string rb2 = args.value("rulebook-after").value_or(*rb);
  const std::string rq2 = args.value("request-after").value_or(*rq);
  if (*rb == "-" || *rq == "-" || rb2 == "-" || rq2 == "-")
    return usage_error("diff", "standard input is only for the two-quote form");
  if (const int code = quote_file(*rb, *rq, json, before); code >= 0) return code;
  return quote_file(rb2, rq2, json, after);
}

} // namespace

int run_diff(const std::vector<std::string>& argv) {
  std::string error;
  const auto args = Args::parse(
      argv, {{"rulebook"}, {"rulebook-after"}, {"request"}, {"request-after"}, {"format"}}, error);
  if (!args) return usage_error("diff", error);
  if (args->has("help")) return print_help(diff_help);
  const std::string format = args->value("format").value_or("text");
  if (format != "json" && format != "text")
    return usage_error("diff", "--format must be text or json");
  if ((args->has("rulebook-after") || args->has("request-after")) &&
      !(args->has("rulebook") && args->has("request")))
    return usage_error("diff",
                       "--rulebook-after and --request-after need --rulebook and --request");
  const bool json = format == "json";
  std::string before, after;
  if (const int code = two_quotes(*args, json, before, after); code >= 0) return code;
  const auto out = json ? diff_quotes_json(before, after) : diff_quotes_text(before, after);
  if (!out) return fail_with("diff", out.error(), json);
  return write_output(json ? out.value() + "\n" : out.value()) ? exit_ok : exit_io;
}

} // namespace taoquote::cli
