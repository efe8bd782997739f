// Structured logging: one JSON object per line on stderr (events and access records).
#pragma once

#include "json_text.hpp"

#include <mutex>

namespace taoquote::service {

/// Writes JSON lines to a file descriptor (stderr by default). Every line starts with
/// `"ts"` (UTC, RFC 3339 with milliseconds) and is written with one locked write loop, so
/// lines from different threads never interleave. Thread-safe; never throws on I/O errors
/// (a log line that cannot be written is dropped).
class Logger {
public:
  explicit Logger(int fd = 2, bool access_log = true) : fd_(fd), access_log_(access_log) {}

  /// `{"ts":…,"event":name,<members>}`, e.g. event("listening", JsonObject().num("port", p)).
  void event(std::string_view name, const JsonObject& members = JsonObject()) const;

  /// One access record, `{"ts","method","path","status","ms","code","rulebook"}`, where code
  /// is the error code of a 4xx/5xx response (null otherwise) and rulebook the digest of the
  /// rulebook the response used (null when none was used). Skipped when access logging is off.
  void access(std::string_view method, std::string_view path, int status, std::uint64_t micros,
              std::string_view code, std::string_view rulebook) const;

  /// The current time as the `ts` field shows it: "2026-11-25T08:00:00.123Z".
  static std::string timestamp();

private:
  void write_line(std::string line) const;
  int fd_;
  bool access_log_;
  mutable std::mutex mutex_;
};

} // namespace taoquote::service
