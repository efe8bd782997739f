// The rulebook in force: an immutable snapshot behind a mutex-protected shared_ptr, swapped
// whole on reload so a request keeps the snapshot it started with until it finishes.
#pragma once

#include "taoquote/codec.hpp"

#include <memory>
#include <mutex>
#include <string>

namespace taoquote::service {

/// One loaded rulebook with everything the endpoints serve about it. Immutable once made,
/// shared by every request that took it; freed when the last of them finishes.
struct RulebookSnapshot {
  std::shared_ptr<const Rulebook> rulebook; ///< validated by load_rulebook
  std::string text;                         ///< the file's bytes exactly (GET /v1/rulebook)
  std::string etag;                         ///< "\"" + digest + "\""
  std::string gzip;      ///< `text` gzipped once (Accept-Encoding: gzip); "" if zlib failed
  std::string gzip_etag; ///< "\"" + digest + "+gzip\"": the tag of the gzipped representation
  std::int64_t loaded_unix_seconds = 0;

  const std::string& id() const noexcept { return rulebook->id; }
  /// "sha256:" + hex of the rulebook's canonical JSON (the quote's rulebook.digest).
  const std::string& digest() const noexcept { return rulebook->digest; }
};

/// Validates `text` with taoquote::load_rulebook and wraps it; the core's Error on failure.
Result<std::shared_ptr<const RulebookSnapshot>> make_snapshot(std::string text);

/// Reads a whole file; on failure returns false and a sentence naming the path and errno.
bool read_file(const std::string& path, std::string& out, std::string& error);

/// Holds the current snapshot. current() and replace() are thread-safe and O(1): a reader
/// copies the shared_ptr under the lock (C++17 has no std::atomic<std::shared_ptr>).
class RulebookStore {
public:
  explicit RulebookStore(std::shared_ptr<const RulebookSnapshot> initial)
      : current_(std::move(initial)) {}
  std::shared_ptr<const RulebookSnapshot> current() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return current_;
  }
  void replace(std::shared_ptr<const RulebookSnapshot> next) {
    std::shared_ptr<const RulebookSnapshot> old;
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      old = std::exchange(current_, std::move(next));
    }
    // `old` is released outside the lock (possibly the last reference).
  }

private:
  mutable std::mutex mutex_;
  std::shared_ptr<const RulebookSnapshot> current_;
};

} // namespace taoquote::service
