// /proc and getrlimit readings, and the descriptor-limit raise at startup.
#include "process_stats.hpp"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace taoquote::service {

DescriptorLimit raise_descriptor_limit(std::size_t wanted, std::size_t overflow_slots) {
  DescriptorLimit out;
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) {
    out.connections = wanted;
    return out;
  }
  out.before = lim.rlim_cur;
  const rlim_t need = static_cast<rlim_t>(wanted + overflow_slots + reserved_descriptors);
  if (lim.rlim_cur != RLIM_INFINITY && lim.rlim_cur < need) {
    rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max == RLIM_INFINITY ? need : std::min(need, lim.rlim_max);
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
  }
  out.after = lim.rlim_cur;
  if (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= need) {
    out.connections = wanted;
  } else {
    const std::uint64_t spare = reserved_descriptors + overflow_slots;
    out.connections = lim.rlim_cur > spare + 1 ? static_cast<std::size_t>(lim.rlim_cur - spare) : 1;
  }
  return out;
}

ProcessStats process_stats() noexcept {
  ProcessStats s;
  if (DIR* d = ::opendir("/proc/self/fd")) {
    std::int64_t n = 0;
    while (const dirent* e = ::readdir(d))
      if (e->d_name[0] != '.') ++n;
    ::closedir(d);
    s.open_fds = n - 1; // the directory stream's own descriptor
  }
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY)
    s.max_fds = static_cast<std::int64_t>(lim.rlim_cur);
  if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
    unsigned long size = 0, resident = 0;
    if (std::fscanf(f, "%lu %lu", &size, &resident) == 2)
      s.resident_bytes = static_cast<std::int64_t>(resident) * ::sysconf(_SC_PAGESIZE);
    std::fclose(f);
  }
  return s;
}

} // namespace taoquote::service
