// Process figures the service needs for its own limits and its metrics: the descriptor
// limit (raised at start, the connection cap fitted to it), open descriptors and RSS.
#pragma once

#include <cstddef>
#include <cstdint>

namespace taoquote::service {

/// Descriptors the service keeps apart from client connections: listening socket, epoll,
/// timers' eventfd, stdio, the rulebook file while reloading, static files being sent,
/// the spare descriptor used to answer 503 when out of descriptors, and slack.
inline constexpr std::uint64_t reserved_descriptors = 64;

/// What raise_descriptor_limit did.
struct DescriptorLimit {
  std::uint64_t before = 0;    ///< soft RLIMIT_NOFILE at start
  std::uint64_t after = 0;     ///< soft limit now (raised towards the hard limit)
  std::size_t connections = 0; ///< the connection cap that fits: min(wanted, after − reserved)
};

/// Raises the soft RLIMIT_NOFILE to what `wanted` connections (plus reserved_descriptors
/// and the overflow slots) need, up to the hard limit, and returns the cap that fits.
/// Never throws; a failing setrlimit leaves the limit as it was.
DescriptorLimit raise_descriptor_limit(std::size_t wanted, std::size_t overflow_slots);

/// Current figures, read from /proc/self (0 where unavailable).
struct ProcessStats {
  std::int64_t open_fds = 0;
  std::int64_t max_fds = 0;
  std::int64_t resident_bytes = 0;
};

/// Reads the current figures (a directory scan of /proc/self/fd: cheap at the service's
/// sizes, and only on /metrics).
ProcessStats process_stats() noexcept;

} // namespace taoquote::service
