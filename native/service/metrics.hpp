// Service metrics: request counts, error codes, latency histograms, reloads, connections —
// rendered in the Prometheus text exposition format (version 0.0.4).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace taoquote::service {

/// The endpoints requests are counted under (a fixed set: label cardinality stays bounded).
enum class Endpoint : std::uint8_t {
  quote,
  verify,
  rulebook,
  healthz,
  metrics,
  static_files,
  other,
  diff
};
inline constexpr std::size_t endpoint_count = 8;

/// "quote", "verify", "rulebook", "healthz", "metrics", "static", "other", "diff".
std::string_view endpoint_name(Endpoint e) noexcept;

/// What /metrics shows about the rulebook in force.
struct RulebookInfo {
  std::string id;
  std::string digest;
  std::int64_t loaded_unix_seconds = 0;
};

/// Thread-safe counters. Request statistics sit behind one mutex (a few map updates per
/// request, far below a quote's cost); connection and reload counters are atomics.
class Metrics {
public:
  /// Upper bounds of the latency buckets in microseconds (+Inf is implicit).
  static constexpr std::array<std::uint64_t, 13> bucket_bounds_us = {
      100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000};

  /// One finished request: its endpoint, HTTP status, error code ("" when it succeeded)
  /// and latency (header received → response written) in microseconds.
  void observe(Endpoint endpoint, int status, std::string_view error_code, std::uint64_t micros);
  /// A /v1/verify outcome.
  void verify_result(bool match) noexcept { (match ? verify_match_ : verify_mismatch_)++; }

  void connection_opened() noexcept { ++open_connections_; }
  void connection_closed() noexcept { --open_connections_; }
  void connection_rejected() noexcept { ++rejected_connections_; }
  /// An idle connection closed to admit a new one at the connection cap.
  void connection_evicted() noexcept { ++evicted_connections_; }
  /// accept() failed (e.g. out of descriptors).
  void accept_error() noexcept { ++accept_errors_; }
  /// A response the client did not take in full (write error or write timeout).
  void response_aborted() noexcept { ++aborted_responses_; }
  /// A quote refused with 503 because every worker was busy and the queue full.
  void quote_busy() noexcept { ++quotes_busy_; }
  /// Quotes queued for or running on a worker.
  void quote_queued() noexcept { ++quotes_queued_; }
  void quote_dequeued() noexcept { --quotes_queued_; }
  std::int64_t quotes_queued() const noexcept { return quotes_queued_.load(); }
  /// The version shown by taoquote_build_info; set once before serving.
  void set_version(std::string version) { version_ = std::move(version); }
  std::int64_t open_connections() const noexcept { return open_connections_.load(); }

  void reload_succeeded() noexcept { ++reloads_; }
  void reload_failed() noexcept { ++reload_failures_; }
  std::uint64_t reloads() const noexcept { return reloads_.load(); }
  std::uint64_t reload_failures() const noexcept { return reload_failures_.load(); }

  void set_draining() noexcept { draining_ = true; }
  bool draining() const noexcept { return draining_.load(); }

  /// The whole exposition, `text/plain; version=0.0.4`.
  std::string render(const RulebookInfo& rulebook) const;

private:
  struct EndpointStats {
    std::map<int, std::uint64_t> by_status;
    std::map<std::string, std::uint64_t, std::less<>> errors_by_code;
    std::array<std::uint64_t, bucket_bounds_us.size() + 1> buckets{}; // last = +Inf
    std::uint64_t count = 0;
    std::uint64_t sum_us = 0;
  };
  mutable std::mutex mutex_;
  std::array<EndpointStats, endpoint_count> stats_{};
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::uint64_t> rejected_connections_{0};
  std::atomic<std::uint64_t> evicted_connections_{0};
  std::atomic<std::uint64_t> accept_errors_{0};
  std::atomic<std::uint64_t> aborted_responses_{0};
  std::atomic<std::uint64_t> quotes_busy_{0};
  std::atomic<std::int64_t> quotes_queued_{0};
  std::string version_;
  std::atomic<std::uint64_t> reloads_{0};
  std::atomic<std::uint64_t> reload_failures_{0};
  std::atomic<std::uint64_t> verify_match_{0};
  std::atomic<std::uint64_t> verify_mismatch_{0};
  std::atomic<bool> draining_{false};
};

} // namespace taoquote::service
