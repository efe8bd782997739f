// JSON-lines logger on a file descriptor: timestamps from the system clock, no locale use.
#include "log.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace taoquote::service {

std::string Logger::timestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch());
  const std::time_t secs = static_cast<std::time_t>(ms.count() / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  // Integers only: snprintf of %d is locale-independent.
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms.count() % 1000));
  return buf;
}

void Logger::event(std::string_view name, const JsonObject& members) const {
  std::string line = "{\"ts\":\"" + timestamp() + "\",\"event\":";
  append_json_string(line, name);
  line += members.members();
  line += "}\n";
  write_line(std::move(line));
}

void Logger::access(std::string_view method, std::string_view path, int status,
                    std::uint64_t micros, std::string_view code, std::string_view rulebook) const {
  if (!access_log_) return;
  static constexpr std::size_t max_path = 512; // a log line stays one short line
  JsonObject o;
  o.str("method", method).str("path", path.substr(0, max_path)).num("status", status);
  o.fixed("ms", micros, 3);
  if (code.empty())
    o.null("code");
  else
    o.str("code", code);
  if (rulebook.empty())
    o.null("rulebook");
  else
    o.str("rulebook", rulebook);
  std::string line = "{\"ts\":\"" + timestamp() + "\"" + o.members() + "}\n";
  write_line(std::move(line));
}

void Logger::write_line(std::string line) const {
  const std::lock_guard<std::mutex> lock(mutex_);
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

} // namespace taoquote::service
