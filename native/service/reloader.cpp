// The reload thread: poll the file's stamp, wake on SIGHUP, validate before swapping.
#include "reloader.hpp"

#include <sys/stat.h>

namespace taoquote::service {

FileStamp stamp_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  FileStamp s;
  s.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  s.size = static_cast<std::int64_t>(st.st_size);
  s.inode = static_cast<std::uint64_t>(st.st_ino);
  return s;
}

Reloader::Reloader(std::string path, std::chrono::milliseconds poll, FileStamp initial,
                   RulebookStore& store, Metrics& metrics, const Logger& log)
    : path_(std::move(path)), poll_(poll), seen_(initial), store_(store), metrics_(metrics),
      log_(log) {}

Reloader::~Reloader() {
  stop();
}

void Reloader::start() {
  thread_ = std::thread([this] { run(); });
}

void Reloader::request_reload() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    requested_ = true;
  }
  wake_.notify_one();
}

void Reloader::stop() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void Reloader::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    const auto woken = [this] { return requested_ || stopping_; };
    if (poll_.count() > 0)
      wake_.wait_for(lock, poll_, woken);
    else
      wake_.wait(lock, woken);
    if (stopping_) return;
    const bool requested = std::exchange(requested_, false);
    lock.unlock();
    if (requested)
      reload("signal");
    else if (stamp_of(path_) != seen_)
      reload("file_changed");
    lock.lock();
  }
}

void Reloader::reload(const char* reason) {
  // Stamp before reading: if the file changes while being read, the next poll sees a newer
  // stamp and reads it again.
  seen_ = stamp_of(path_);
  std::string text, read_error;
  if (!read_file(path_, text, read_error)) {
    metrics_.reload_failed();
    log_.event("reload", JsonObject()
                             .str("result", "rejected")
                             .str("reason", reason)
                             .str("path", path_)
                             .str("message", read_error));
    return;
  }
  auto next = make_snapshot(std::move(text));
  if (!next) {
    metrics_.reload_failed();
    log_.event("reload", JsonObject()
                             .str("result", "rejected")
                             .str("reason", reason)
                             .str("path", path_)
                             .str("code", error_code_name(next.error().code))
                             .str("pointer", next.error().path)
                             .str("message", next.error().message));
    return;
  }
  const auto previous = store_.current();
  const auto& snapshot = next.value();
  store_.replace(snapshot);
  metrics_.reload_succeeded();
  log_.event("reload", JsonObject()
                           .str("result", "ok")
                           .str("reason", reason)
                           .str("path", path_)
                           .str("id", snapshot->id())
                           .str("digest", snapshot->digest())
                           .str("previous", previous->digest()));
}

} // namespace taoquote::service
