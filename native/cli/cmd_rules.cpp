// `taoquote rules check`: validates a rulebook exactly as the quote engine loads it.
#include "args.hpp"
#include "commands.hpp"
#include "io.hpp"
#include "report.hpp"

#include "taoquote/codec.hpp"

#include <nlohmann/json.hpp>

namespace taoquote::cli {
namespace {

constexpr const char* rules_help = R"(Usage: taoquote rules check FILE [--format text|json]

Commands:
  check  validate a rulebook

See taoquote rules check --help.
)";

constexpr const char* check_help = R"(Usage: taoquote rules check FILE [--format text|json]

Validates a rulebook (docs/schema.md) exactly as the quote engine loads it: JSON syntax and
size, every field in document order, then the cross-field rules (overlapping dates, tax
bases, FX rates for every currency in use). Each problem is printed with its stable code
and the JSON Pointer of the offending field. The engine stops at the first problem in
reading order, so fix it and check again.

Options:
  --format FORMAT  text (default): "FILE: ok ..." or "FILE: CODE at POINTER: message";
                   json: {"file","ok","id","digest","problems":[{"code","path","message"}]}
  -h, --help       this help

FILE may be - for standard input.
Exit codes: 0 valid, 1 invalid, 2 usage error, 3 the file could not be read.
)";

int check(const std::vector<std::string>& argv) {
  const std::string cmd = "rules check";
  std::string error;
  const auto args = Args::parse(argv, {{"format"}}, error);
  if (!args) return usage_error(cmd, error);
  if (args->has("help")) return print_help(check_help);
  if (args->positional().size() != 1) return usage_error(cmd, "expected one FILE");
  const std::string format = args->value("format").value_or("text");
  if (format != "text" && format != "json")
    return usage_error(cmd, "--format must be text or json");

  const std::string& path = args->positional()[0];
  std::string text;
  if (!read_or_complain(path, text)) return exit_io;
  const std::string& name = path;
  const auto rulebook = load_rulebook(text);
  std::string out;
  if (format == "json") {
    nlohmann::ordered_json j = {{"file", name}, {"ok", rulebook.ok()}};
    nlohmann::ordered_json problems = nlohmann::ordered_json::array();
    if (rulebook) {
      j["id"] = rulebook.value()->id;
      j["digest"] = rulebook.value()->digest;
    } else {
      const Error& e = rulebook.error();
      problems.push_back(
          {{"code", error_code_name(e.code)}, {"path", e.path}, {"message", e.message}});
    }
    j["problems"] = std::move(problems);
    out = j.dump() + "\n";
  } else if (rulebook) {
    const Rulebook& rb = *rulebook.value();
    out = name + ": ok: rulebook " + rb.id + ", " + std::to_string(rb.lines.size()) +
          " shipping lines, " + std::to_string(rb.destinations.size()) + " destinations, " +
          std::to_string(rb.fx.rates.size()) + " FX rates as of " + format_instant(rb.fx.as_of) +
          "\n" + name + ": digest " + rb.digest + "\n";
  } else {
    out = name + ": " + describe_error(rulebook.error()) + "\n";
  }
  if (!write_output(out)) return exit_io;
  return rulebook ? exit_ok : exit_failed;
}

} // namespace

int run_rules(const std::vector<std::string>& args) {
  return run_subcommand("rules", args, rules_help, {{"check", check}});
}

} // namespace taoquote::cli
