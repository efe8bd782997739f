// Prometheus text rendering of the service's counters (integer arithmetic for every figure).
#include "metrics.hpp"

#include "json_text.hpp"
#include "process_stats.hpp"

namespace taoquote::service {
namespace {

// A label value: backslash, double quote and newline escaped (exposition format 0.0.4).
std::string label(std::string_view v) {
  std::string out;
  for (const char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

void header(std::string& out, const char* name, const char* type, const char* help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

} // namespace

std::string_view endpoint_name(Endpoint e) noexcept {
  switch (e) {
  case Endpoint::quote: return "quote";
  case Endpoint::verify: return "verify";
  case Endpoint::rulebook: return "rulebook";
  case Endpoint::healthz: return "healthz";
  case Endpoint::metrics: return "metrics";
  case Endpoint::static_files: return "static";
  case Endpoint::other: return "other";
  case Endpoint::diff: return "diff";
  }
  return "other";
}

void Metrics::observe(Endpoint endpoint, int status, std::string_view error_code,
                      std::uint64_t micros) {
  const std::lock_guard<std::mutex> lock(mutex_);
  auto& s = stats_[static_cast<std::size_t>(endpoint)];
  ++s.by_status[status];
  if (!error_code.empty()) {
    const auto it = s.errors_by_code.find(error_code);
    if (it != s.errors_by_code.end())
      ++it->second;
    else
      s.errors_by_code.emplace(std::string(error_code), 1);
  }
  std::size_t b = 0;
  while (b < bucket_bounds_us.size() && micros > bucket_bounds_us[b])
    ++b;
  ++s.buckets[b];
  ++s.count;
  s.sum_us += micros;
}

std::string Metrics::render(const RulebookInfo& rulebook) const {
  std::string out;
  out.reserve(8192);
  std::array<EndpointStats, endpoint_count> stats;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stats = stats_;
  }
  const auto ep = [](std::size_t i) {
    return std::string(endpoint_name(static_cast<Endpoint>(i)));
  };

  header(out, "taoquote_http_requests_total", "counter", "HTTP requests by endpoint and status.");
  for (std::size_t i = 0; i < endpoint_count; ++i)
    for (const auto& [status, n] : stats[i].by_status)
      out += "taoquote_http_requests_total{endpoint=\"" + ep(i) + "\",status=\"" +
             std::to_string(status) + "\"} " + std::to_string(n) + "\n";

  header(out, "taoquote_http_errors_total", "counter",
         "4xx/5xx responses by endpoint and error code (the core's code or the service's).");
  for (std::size_t i = 0; i < endpoint_count; ++i)
    for (const auto& [code, n] : stats[i].errors_by_code)
      out += "taoquote_http_errors_total{endpoint=\"" + ep(i) + "\",code=\"" + label(code) +
             "\"} " + std::to_string(n) + "\n";

  header(out, "taoquote_http_request_duration_seconds", "histogram",
         "Time from a complete request header to the response written.");
  for (std::size_t i = 0; i < endpoint_count; ++i) {
    if (stats[i].count == 0) continue;
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= bucket_bounds_us.size(); ++b) {
      cumulative += stats[i].buckets[b];
      std::string le = "+Inf";
      if (b < bucket_bounds_us.size()) {
        le.clear();
        append_fixed(le, bucket_bounds_us[b], 6);
      }
      out += "taoquote_http_request_duration_seconds_bucket{endpoint=\"" + ep(i) + "\",le=\"" + le +
             "\"} " + std::to_string(cumulative) + "\n";
    }
    std::string sum;
    append_fixed(sum, stats[i].sum_us, 6);
    out += "taoquote_http_request_duration_seconds_sum{endpoint=\"" + ep(i) + "\"} " + sum + "\n";
    out += "taoquote_http_request_duration_seconds_count{endpoint=\"" + ep(i) + "\"} " +
           std::to_string(stats[i].count) + "\n";
  }

  header(out, "taoquote_verify_total", "counter", "Verified browser quotes by result.");
  out += "taoquote_verify_total{result=\"match\"} " + std::to_string(verify_match_.load()) + "\n";
  out += "taoquote_verify_total{result=\"mismatch\"} " + std::to_string(verify_mismatch_.load()) +
         "\n";

  header(out, "taoquote_http_connections_open", "gauge", "Open client connections.");
  out += "taoquote_http_connections_open " + std::to_string(open_connections_.load()) + "\n";
  header(out, "taoquote_http_connections_rejected_total", "counter",
         "Connections refused with 503 at the connection cap or while draining.");
  out += "taoquote_http_connections_rejected_total " +
         std::to_string(rejected_connections_.load()) + "\n";

  const auto counter = [&out](const char* name, const char* type, const char* help,
                              std::int64_t value) {
    header(out, name, type, help);
    out += name;
    out += ' ';
    out += std::to_string(value);
    out += '\n';
  };
  counter("taoquote_http_connections_evicted_total", "counter",
          "Idle connections closed to admit a new one at the connection cap.",
          static_cast<std::int64_t>(evicted_connections_.load()));
  counter("taoquote_http_accept_errors_total", "counter",
          "accept() failures (e.g. out of file descriptors).",
          static_cast<std::int64_t>(accept_errors_.load()));
  counter("taoquote_http_responses_aborted_total", "counter",
          "Responses not written in full (client gone or write timeout).",
          static_cast<std::int64_t>(aborted_responses_.load()));
  counter("taoquote_quote_busy_total", "counter",
          "Quotes refused with 503: every worker busy and the queue full.",
          static_cast<std::int64_t>(quotes_busy_.load()));
  counter("taoquote_quote_queue", "gauge", "Quotes queued for or running on a worker.",
          quotes_queued_.load());
  const ProcessStats ps = process_stats();
  counter("process_open_fds", "gauge", "Open file descriptors.", ps.open_fds);
  counter("process_max_fds", "gauge", "The soft RLIMIT_NOFILE.", ps.max_fds);
  counter("process_resident_memory_bytes", "gauge", "Resident set size.", ps.resident_bytes);
  header(out, "taoquote_build_info", "gauge", "The service's version (value always 1).");
  out += "taoquote_build_info{version=\"" + label(version_) + "\"} 1\n";

  header(out, "taoquote_rulebook_info", "gauge", "The rulebook in force (value always 1).");
  out += "taoquote_rulebook_info{id=\"" + label(rulebook.id) + "\",digest=\"" +
         label(rulebook.digest) + "\"} 1\n";
  header(out, "taoquote_rulebook_loaded_timestamp_seconds", "gauge",
         "When the rulebook in force was loaded (Unix time).");
  out += "taoquote_rulebook_loaded_timestamp_seconds " +
         std::to_string(rulebook.loaded_unix_seconds) + "\n";
  header(out, "taoquote_rulebook_reloads_total", "counter",
         "Rulebooks loaded, validated and swapped in after startup.");
  out += "taoquote_rulebook_reloads_total " + std::to_string(reloads_.load()) + "\n";
  header(out, "taoquote_rulebook_reload_failures_total", "counter",
         "Reloads rejected (unreadable or invalid rulebook); the previous one kept serving.");
  out +=
      "taoquote_rulebook_reload_failures_total " + std::to_string(reload_failures_.load()) + "\n";
  header(out, "taoquote_draining", "gauge",
         "1 after SIGTERM/SIGINT while in-flight work finishes.");
  out += std::string("taoquote_draining ") + (draining_.load() ? "1" : "0") + "\n";
  return out;
}

} // namespace taoquote::service
