// Hot reload: a background thread that reloads the rulebook on request (SIGHUP) and when
// its file changes, and swaps it in only when it validates.
#pragma once

#include "log.hpp"
#include "metrics.hpp"
#include "rulebook_store.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace taoquote::service {

/// Identity of a file version: a change of any field means "reload".
struct FileStamp {
  std::int64_t mtime_ns = -1;
  std::int64_t size = -1;
  std::uint64_t inode = 0;
  bool operator==(const FileStamp& o) const noexcept {
    return mtime_ns == o.mtime_ns && size == o.size && inode == o.inode;
  }
  bool operator!=(const FileStamp& o) const noexcept { return !(*this == o); }
};

/// The file's current stamp, or a default FileStamp when it cannot be stat'ed.
FileStamp stamp_of(const std::string& path);

/// Watches one rulebook file. Each reload reads the file, validates it with the core and
/// either swaps it into the store (metrics reload count +1, log event "reload" with
/// result "ok") or leaves the old one serving (failure count +1, log event "reload" with
/// result "rejected" and the core's error). A file is retried only when its stamp changes
/// again or on the next SIGHUP, so a broken file is reported once, not every poll.
class Reloader {
public:
  /// `initial` is the stamp of the file version already loaded at startup. A zero
  /// `poll` disables polling (reload on request only).
  Reloader(std::string path, std::chrono::milliseconds poll, FileStamp initial,
           RulebookStore& store, Metrics& metrics, const Logger& log);
  ~Reloader();
  Reloader(const Reloader&) = delete;
  Reloader& operator=(const Reloader&) = delete;

  void start();
  /// Asks for a reload now (from the SIGHUP handler); returns at once.
  void request_reload();
  /// Stops and joins the thread; idempotent.
  void stop();

private:
  void run();
  void reload(const char* reason);

  std::string path_;
  std::chrono::milliseconds poll_;
  FileStamp seen_;
  RulebookStore& store_;
  Metrics& metrics_;
  const Logger& log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

} // namespace taoquote::service
