// `taoquote`: the command-line interface — quotes, rulebook checks and ECB rate import.
#include "args.hpp"
#include "commands.hpp"
#include "io.hpp"

#include "taoquote/error.hpp"

#include <cstdio>

namespace taoquote::cli {
namespace {

constexpr const char* help_text =
    R"(taoquote — exact landed-cost quotes from a rulebook and a request.

Usage:
  taoquote quote --rulebook FILE --request FILE [--format json|table] [--locale TAG]
  taoquote rules check FILE [--format text|json]
  taoquote rates import-ecb FILE [--pivot CODE] [--rate-scale N] [--markup RATE] ...
  taoquote diff BEFORE AFTER [--format text|json]
  taoquote offers sign FILE --key PEM --kid KID [--expires-at T | --valid-for S]
  taoquote offers public-key --key PEM --kid KID
  taoquote offers generate-key --out PEM
  taoquote --help | --version

Commands:
  quote             quote a request: the canonical quote JSON, or a readable table
  rules check       validate a rulebook; every problem with its JSON Pointer
  rates import-ecb  turn the ECB's euro reference rates into a rulebook "fx" section
  diff              why a price changed: two quotes compared charge by charge
  offers            sign offers with an Ed25519 key; print the verifier's public key set

FILE may be - for standard input. Every command takes --help.
Exit codes: 0 ok, 1 quote or validation error, 2 usage error, 3 I/O error.
Documentation: docs/cli.md.
)";

int run(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::fputs(help_text, stderr);
    return exit_usage;
  }
  const std::string& command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "--help" || command == "-h" || command == "help") return print_help(help_text);
  if (command == "--version") return print_help("taoquote " TAOQUOTE_VERSION "\n");
  if (command == "quote") return run_quote(rest);
  if (command == "rules") return run_rules(rest);
  if (command == "rates") return run_rates(rest);
  if (command == "diff") return run_diff(rest);
  if (command == "offers") return run_offers(rest);
  complain("unknown command \"" + command + "\" (see taoquote --help)");
  return exit_usage;
}

} // namespace

void complain(const std::string& message) {
  std::fputs(("taoquote: " + message + "\n").c_str(), stderr);
}

bool read_or_complain(const std::string& path, std::string& out) {
  std::string error;
  if (read_input(path, out, error)) return true;
  complain(error);
  return false;
}

int usage_error(const std::string& command, const std::string& message) {
  std::fputs(
      ("taoquote " + command + ": " + message + " (see taoquote " + command + " --help)\n").c_str(),
      stderr);
  return exit_usage;
}

int run_subcommand(const std::string& group, const std::vector<std::string>& args, const char* help,
                   std::initializer_list<Subcommand> commands) {
  std::string names;
  for (const Subcommand& c : commands)
    names += (names.empty() ? "" : ", ") + std::string(c.name);
  if (args.empty()) return usage_error(group, "expected a command: " + names);
  if (args[0] == "--help" || args[0] == "-h") return print_help(help);
  for (const Subcommand& c : commands)
    if (args[0] == c.name) return c.run({args.begin() + 1, args.end()});
  return usage_error(group, "unknown command \"" + args[0] + "\"");
}

int print_help(const std::string& text) {
  return write_output(text) ? exit_ok : exit_io;
}

} // namespace taoquote::cli

int main(int argc, char** argv) {
  try {
    return taoquote::cli::run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (...) {
    // The library returns errors as values; this is only for allocation failures and defects,
    // told in the core's words (current_exception_error) like every binding tells them.
    taoquote::cli::complain(taoquote::current_exception_error(taoquote::ErrorDoc::request).message);
    return taoquote::cli::exit_failed;
  }
}
