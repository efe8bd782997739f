// Reading the CLI's inputs (a file, or standard input for "-") and writing its output.
#pragma once

#include <string>

namespace taoquote::cli {

/// Largest input the CLI reads; the core's own limits (4 MiB rulebook, 1 MiB request) are
/// smaller and are reported by the core as LIMIT_EXCEEDED.
inline constexpr std::size_t max_input_bytes = 16u << 20;

/// Reads all of `path` ("-" = standard input) into `out`. On failure returns false and sets
/// `error` to "PATH: reason" (e.g. "rb.json: No such file or directory").
bool read_input(const std::string& path, std::string& out, std::string& error);

/// Writes `text` to standard output and flushes; when the output cannot be written, says so
/// on standard error and returns false (the caller exits with exit_io).
bool write_output(const std::string& text);

} // namespace taoquote::cli
