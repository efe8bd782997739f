// A small command-line parser for taoquote's subcommands: `--name VALUE`, `--name=VALUE`,
// flags, positionals, `--` and `-` (standard input). Errors are values.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taoquote::cli {

/// Exit codes of every command (docs/cli.md).
enum Exit : int {
  exit_ok = 0,     ///< success
  exit_failed = 1, ///< a quote or validation error (rejected rulebook, request or feed)
  exit_usage = 2,  ///< bad command line
  exit_io = 3      ///< a file could not be read or the output could not be written
};

/// One option a command accepts: its long name without dashes, and whether it takes a value.
struct OptionSpec {
  std::string_view name;
  bool takes_value = true;
};

/// Parsed arguments of one command. `--help` and `-h` are always accepted (as "help").
class Args {
public:
  /// Parses `args`; on an unknown option, a missing value or an option given twice returns
  /// nullopt and sets `error` to a sentence.
  static std::optional<Args> parse(const std::vector<std::string>& args,
                                   std::initializer_list<OptionSpec> spec, std::string& error);

  /// True when the flag or option was given.
  bool has(std::string_view name) const { return values_.count(std::string(name)) != 0; }
  /// The option's value, if given.
  std::optional<std::string> value(std::string_view name) const;
  /// Arguments that are not options, in order ("-" included).
  const std::vector<std::string>& positional() const { return positional_; }

private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

} // namespace taoquote::cli
