// JSON-lines logger on a file descriptor: timestamps from the system clock, no locale use.
#include "log.hpp"

#include "taoquote/instant.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>

namespace taoquote::service {

std::string Logger::timestamp() {
  // The core's RFC 3339 formatting (no stream, no locale: it runs on every access line),
  // with the milliseconds always shown, so every line's "ts" has the same width.
  std::string out =
      format_instant(date::floor<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  static constexpr std::size_t seconds_end = 19; // "YYYY-MM-DDTHH:MM:SS"
  if (out.size() == seconds_end + 1) out.insert(seconds_end, ".000");
  return out;
}

bool EventThrottle::admit(std::uint64_t& suppressed) {
  const auto now = std::chrono::steady_clock::now();
  const std::lock_guard<std::mutex> lock(mutex_);
  if (now - last_ < interval_ && started_) {
    ++suppressed_;
    return false;
  }
  started_ = true;
  last_ = now;
  suppressed = suppressed_;
  suppressed_ = 0;
  return true;
}

void Logger::event(std::string_view name, const JsonObject& members) const {
  std::string line = "{\"ts\":\"" + timestamp() + "\",\"event\":";
  append_json_string(line, name);
  line += members.members();
  line += "}\n";
  write_line(std::move(line));
}

void Logger::access(std::string_view method, std::string_view path, int status,
                    std::uint64_t micros, std::string_view code, std::string_view rulebook,
                    bool aborted) const {
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
  if (aborted) o.boolean("aborted", true);
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
