// The quote workers: a fixed set of threads with a bounded queue in two lanes, so quotes never
// run on the I/O threads and a few expensive carts cannot take every worker from the rest.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace taoquote::service {

/// Runs jobs on `workers` threads. Jobs are queued in two lanes: `small` (requests whose body
/// is below large_body_bytes, i.e. every ordinary checkout) and `large`. A free worker takes
/// a small job first; at most max(1, workers − 1) workers run large jobs at a time, so with
/// two or more workers one is always left for small ones. Thread-safe.
class QuotePool {
public:
  /// Bodies of at least this many bytes go to the large lane.
  static constexpr std::size_t large_body_bytes = std::size_t{8} * 1024;
  enum class Lane { small, large };

  /// `queue_limit`: jobs waiting (not running) in both lanes together; beyond it try_post
  /// refuses.
  QuotePool(unsigned workers, std::size_t queue_limit);
  /// Stops the workers after the jobs already running; jobs still queued are destroyed
  /// without running.
  ~QuotePool();
  QuotePool(const QuotePool&) = delete;
  QuotePool& operator=(const QuotePool&) = delete;

  /// Queues `job`; false (and `job` dropped) when the queue is full or the pool stopping.
  bool try_post(Lane lane, std::function<void()> job);

  /// Stops taking jobs and joins the workers (idempotent).
  void stop();

private:
  void run();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> small_, large_;
  std::size_t queue_limit_;
  unsigned large_limit_;
  unsigned running_large_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

} // namespace taoquote::service
