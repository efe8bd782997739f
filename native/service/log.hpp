// Structured logging: one JSON object per line on stderr (events and access records).
#pragma once

#include "json_text.hpp"

#include <chrono>
#include <cstdint>
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
  /// rulebook the response used (null when none was used). `aborted`: the response was not
  /// written in full (client gone, write timeout) — the line then adds "aborted":true.
  /// Skipped when access logging is off.
  void access(std::string_view method, std::string_view path, int status, std::uint64_t micros,
              std::string_view code, std::string_view rulebook, bool aborted = false) const;

  /// The current time as the `ts` field shows it: "2026-11-25T08:00:00.123Z".
  static std::string timestamp();

private:
  void write_line(std::string line) const;
  int fd_;
  bool access_log_;
  mutable std::mutex mutex_;
};

/// Lets one log line of a kind through per interval and counts the rest, so an event a
/// client can trigger at will (a refused connection, an accept error) cannot flood the log.
/// Thread-safe.
class EventThrottle {
public:
  explicit EventThrottle(std::chrono::milliseconds interval = std::chrono::seconds(1))
      : interval_(interval) {}
  /// True when a line may be written now; `suppressed` then holds how many were dropped
  /// since the last admitted one.
  bool admit(std::uint64_t& suppressed);

private:
  std::chrono::steady_clock::duration interval_;
  std::chrono::steady_clock::time_point last_{};
  bool started_ = false;
  std::uint64_t suppressed_ = 0;
  std::mutex mutex_;
};

} // namespace taoquote::service
