// Two-lane bounded worker pool (see quote_pool.hpp).
#include "quote_pool.hpp"

#include <algorithm>

namespace taoquote::service {

QuotePool::QuotePool(unsigned workers, std::size_t queue_limit)
    : queue_limit_(queue_limit), large_limit_(std::max(1u, workers > 1 ? workers - 1 : 1u)) {
  threads_.reserve(workers);
  for (unsigned i = 0; i < std::max(1u, workers); ++i)
    threads_.emplace_back([this] { run(); });
}

QuotePool::~QuotePool() {
  stop();
}

bool QuotePool::try_post(Lane lane, std::function<void()> job) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || small_.size() + large_.size() >= queue_limit_) return false;
    (lane == Lane::small ? small_ : large_).push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void QuotePool::stop() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
  small_.clear();
  large_.clear();
}

void QuotePool::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] {
      return stopping_ || !small_.empty() || (!large_.empty() && running_large_ < large_limit_);
    });
    if (stopping_) return;
    const bool large = small_.empty();
    auto& lane = large ? large_ : small_;
    std::function<void()> job = std::move(lane.front());
    lane.pop_front();
    if (large) ++running_large_;
    lock.unlock();
    job();
    job = nullptr; // release what it holds before taking the lock again
    lock.lock();
    if (large) {
      --running_large_;
      wake_.notify_all(); // a worker may be waiting only for the large lane
    }
  }
}

} // namespace taoquote::service
