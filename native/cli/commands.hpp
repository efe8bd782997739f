// The subcommands of the `taoquote` executable; each takes the arguments after its name and
// returns an exit code (args.hpp). Output goes to standard output, diagnostics to standard error.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace taoquote::cli {

/// `taoquote quote --rulebook R --request Q [--format json|table] [--locale TAG]`.
int run_quote(const std::vector<std::string>& args);
/// `taoquote rules check R [--format text|json]` (and `taoquote rules --help`).
int run_rules(const std::vector<std::string>& args);
/// `taoquote rates import-ecb FILE [options]` (and `taoquote rates --help`).
int run_rates(const std::vector<std::string>& args);
/// `taoquote diff BEFORE AFTER` or `taoquote diff --rulebook R --request Q [...-after]`.
int run_diff(const std::vector<std::string>& args);

/// `taoquote offers sign FILE --key PEM --kid KID` and `taoquote offers public-key`.
int run_offers(const std::vector<std::string>& args);

/// One command of a group such as `taoquote rules`: its name and the function that runs it.
struct Subcommand {
  std::string_view name;
  int (*run)(const std::vector<std::string>& args);
};

/// Runs the command `args[0]` of `group` with the arguments after it. `--help`/`-h` prints
/// `help`; no command or an unknown one is a usage error naming the commands there are.
int run_subcommand(const std::string& group, const std::vector<std::string>& args, const char* help,
                   std::initializer_list<Subcommand> commands);

/// Reads `path` ("-" = standard input) into `out` (io.hpp's read_input); when it cannot be read,
/// says why on standard error ("taoquote: PATH: reason") and returns false, and the command
/// exits with exit_io.
bool read_or_complain(const std::string& path, std::string& out);

/// Prints "taoquote: MESSAGE" on standard error.
void complain(const std::string& message);
/// Prints "taoquote COMMAND: MESSAGE (see `taoquote COMMAND --help`)" and returns exit_usage.
int usage_error(const std::string& command, const std::string& message);
/// Writes help text to standard output; returns exit_ok (or exit_io when it cannot be written).
int print_help(const std::string& text);

} // namespace taoquote::cli
