// Flag and environment parsing, table-driven so --help, flags and variables cannot drift.
#include "config.hpp"

#include "cors.hpp"

#include <arpa/inet.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <thread>

namespace taoquote::service {
namespace {

bool is_dir(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::optional<std::uint64_t> parse_uint(const std::string& s, std::uint64_t min,
                                        std::uint64_t max) {
  std::uint64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() || v < min || v > max)
    return std::nullopt;
  return v;
}

enum class Id {
  address,
  port,
  rulebook,
  static_dir,
  threads,
  max_body,
  max_body_memory,
  max_header,
  max_connections,
  max_connections_per_client,
  quote_workers,
  quote_queue,
  max_work,
  header_timeout,
  body_timeout,
  idle_timeout,
  first_byte_timeout,
  write_timeout,
  drain_timeout,
  reload_poll,
  access_log,
  cors_origin,
  offer_keys,
  clock_skew
};

// One flag: its name, variable, value placeholder and help line.
struct Option {
  Id id;
  const char* flag;
  const char* env;
  const char* metavar;
  const char* help;
};

constexpr Option options[] = {
    {Id::address, "address", "TAOQUOTE_ADDRESS", "ADDR", "IP address to bind (default 127.0.0.1)"},
    {Id::port, "port", "TAOQUOTE_PORT", "N",
     "TCP port (default 8080; 0 = any free port, printed on start)"},
    {Id::rulebook, "rulebook", "TAOQUOTE_RULEBOOK", "PATH",
     "rulebook JSON file; reloaded on SIGHUP and when it changes"},
    {Id::static_dir, "static-dir", "TAOQUOTE_STATIC_DIR", "DIR",
     "directory of static files ('' = none)"},
    {Id::threads, "threads", "TAOQUOTE_THREADS", "N",
     "I/O and quoting threads (default: one per core)"},
    {Id::max_body, "max-body", "TAOQUOTE_MAX_BODY", "BYTES",
     "request body cap, else 413 (default 1114112)"},
    {Id::max_body_memory, "max-body-memory", "TAOQUOTE_MAX_BODY_MEMORY", "BYTES",
     "all request bodies being read together, else 503 (default 134217728)"},
    {Id::max_header, "max-header", "TAOQUOTE_MAX_HEADER", "BYTES",
     "request line + headers cap, else 431 (default 8192)"},
    {Id::max_connections, "max-connections", "TAOQUOTE_MAX_CONNECTIONS", "N",
     "open connections cap, else 503 (default 1024; fitted to the descriptor limit)"},
    {Id::max_connections_per_client, "max-connections-per-client",
     "TAOQUOTE_MAX_CONNECTIONS_PER_CLIENT", "N",
     "open connections per client IP, else 503 (default 128; 0 = no limit)"},
    {Id::quote_workers, "quote-workers", "TAOQUOTE_QUOTE_WORKERS", "N",
     "threads computing quotes, apart from the I/O threads (default: one per core)"},
    {Id::quote_queue, "quote-queue", "TAOQUOTE_QUOTE_QUEUE", "N",
     "quotes waiting for a worker, else 503 (default 256)"},
    {Id::max_work, "max-work", "TAOQUOTE_MAX_WORK", "UNITS",
     "estimated work per quote, else 413 WORK_LIMIT_EXCEEDED (default 150000)"},
    {Id::header_timeout, "header-timeout-ms", "TAOQUOTE_HEADER_TIMEOUT_MS", "MS",
     "first byte to complete header, else 408 (default 10000)"},
    {Id::body_timeout, "body-timeout-ms", "TAOQUOTE_BODY_TIMEOUT_MS", "MS",
     "header to complete body, else 408 (default 10000)"},
    {Id::idle_timeout, "idle-timeout-ms", "TAOQUOTE_IDLE_TIMEOUT_MS", "MS",
     "keep-alive wait for the next request (default 30000)"},
    {Id::first_byte_timeout, "first-byte-timeout-ms", "TAOQUOTE_FIRST_BYTE_TIMEOUT_MS", "MS",
     "new connection to its first byte, else closed (default 5000)"},
    {Id::write_timeout, "write-timeout-ms", "TAOQUOTE_WRITE_TIMEOUT_MS", "MS",
     "longest pause in writing a response (default 10000)"},
    {Id::drain_timeout, "drain-timeout-ms", "TAOQUOTE_DRAIN_TIMEOUT_MS", "MS",
     "SIGTERM: wait for in-flight requests (default 10000)"},
    {Id::reload_poll, "reload-poll-ms", "TAOQUOTE_RELOAD_POLL_MS", "MS",
     "rulebook change poll (default 1000; 0 = SIGHUP only)"},
    {Id::access_log, "access-log", "TAOQUOTE_ACCESS_LOG", "on|off",
     "one JSON line per request on stderr (default on)"},
    {Id::cors_origin, "cors-origin", "TAOQUOTE_CORS_ORIGINS", "ORIGIN",
     "allow browser calls from ORIGIN (repeatable; variable comma-separated; default none)"},
    {Id::offer_keys, "offer-keys", "TAOQUOTE_OFFER_KEYS", "PATH",
     "JWK set of Ed25519 keys checking signed offers; reloaded on SIGHUP (default none)"},
    {Id::clock_skew, "clock-skew-ms", "TAOQUOTE_CLOCK_SKEW_MS", "MS",
     "largest |request at - server clock| when checking, else CLOCK_SKEW (default 300000)"},
};

// Sets one option from its text; returns an error sentence or "".
std::string apply(Config& c, Id id, const std::string& v) {
  const auto number = [&](std::uint64_t min, std::uint64_t max, auto set) -> std::string {
    const auto n = parse_uint(v, min, max);
    if (!n) return "expects an integer from " + std::to_string(min) + " to " + std::to_string(max);
    set(*n);
    return "";
  };
  const auto millis = [&](std::uint64_t min, std::chrono::milliseconds& field) {
    return number(min, 3600000, [&](std::uint64_t n) {
      field = std::chrono::milliseconds(static_cast<std::int64_t>(n));
    });
  };
  switch (id) {
  case Id::address: {
    unsigned char buf[16];
    if (::inet_pton(AF_INET, v.c_str(), buf) != 1 && ::inet_pton(AF_INET6, v.c_str(), buf) != 1)
      return "expects an IPv4 or IPv6 address";
    c.address = v;
    return "";
  }
  case Id::port:
    return number(0, 65535, [&](std::uint64_t n) { c.port = static_cast<std::uint16_t>(n); });
  case Id::rulebook:
    if (v.empty()) return "expects a file path";
    c.rulebook_path = v;
    return "";
  case Id::static_dir:
    if (!v.empty() && !is_dir(v)) return "is not a directory: " + v;
    c.static_dir = v;
    return "";
  case Id::threads:
    return number(1, 256, [&](std::uint64_t n) { c.threads = static_cast<unsigned>(n); });
  case Id::max_body: return number(1, 1u << 30, [&](std::uint64_t n) { c.max_body_bytes = n; });
  case Id::max_body_memory:
    return number(1, 1ull << 40, [&](std::uint64_t n) { c.max_body_memory = n; });
  case Id::max_header:
    return number(256, 1u << 20, [&](std::uint64_t n) { c.max_header_bytes = n; });
  case Id::max_connections:
    return number(1, 1000000, [&](std::uint64_t n) { c.max_connections = n; });
  case Id::max_connections_per_client:
    return number(0, 1000000, [&](std::uint64_t n) { c.max_connections_per_client = n; });
  case Id::quote_workers:
    return number(1, 256, [&](std::uint64_t n) { c.quote_workers = static_cast<unsigned>(n); });
  case Id::quote_queue: return number(1, 1000000, [&](std::uint64_t n) { c.quote_queue = n; });
  case Id::max_work:
    return number(1000, 1000000000000ull, [&](std::uint64_t n) { c.max_work = n; });
  case Id::header_timeout: return millis(1, c.header_timeout);
  case Id::body_timeout: return millis(1, c.body_timeout);
  case Id::idle_timeout: return millis(1, c.idle_timeout);
  case Id::first_byte_timeout: return millis(1, c.first_byte_timeout);
  case Id::write_timeout: return millis(1, c.write_timeout);
  case Id::drain_timeout: return millis(1, c.drain_timeout);
  case Id::reload_poll: return millis(0, c.reload_poll);
  case Id::offer_keys:
    c.offer_keys_path = v; // read (and reported, without its content) at start
    return "";
  case Id::clock_skew:
    return number(1000, 86400000, [&](std::uint64_t n) {
      c.clock_skew = std::chrono::milliseconds(static_cast<std::int64_t>(n));
    });
  case Id::access_log:
    if (v == "on" || v == "1" || v == "true")
      c.access_log = true;
    else if (v == "off" || v == "0" || v == "false")
      c.access_log = false;
    else
      return "expects on or off";
    return "";
  case Id::cors_origin: // appends: the flag repeats, the variable lists origins by commas
    for (std::size_t start = 0; start <= v.size();) {
      const std::size_t comma = std::min(v.find(',', start), v.size());
      const std::string origin = v.substr(start, comma - start);
      if (std::string err = check_cors_origin(origin); !err.empty()) return err;
      c.cors_origins.push_back(origin);
      start = comma + 1;
    }
    return "";
  }
  return "is not supported";
}

Config defaults(const std::string& source_dir) {
  Config c;
  c.rulebook_path = source_dir + "/core/rules/sample-rulebook.json";
  const std::string dist = source_dir + "/web-demo/dist";
  c.static_dir = is_dir(dist) ? dist : source_dir + "/web-demo";
  if (!is_dir(c.static_dir)) c.static_dir.clear();
  const unsigned cores = std::thread::hardware_concurrency();
  c.threads = cores == 0 ? 1 : cores;
  c.quote_workers = c.threads;
  return c;
}

} // namespace

ConfigOutcome parse_config(const std::vector<std::string>& args, const EnvLookup& env,
                           const std::string& source_dir) {
  ConfigOutcome out;
  out.config = defaults(source_dir);
  const auto fail = [&](std::string message) {
    out.action = ConfigOutcome::Action::error;
    out.message = std::move(message);
    return out;
  };
  // The key set itself, never echoed: only where it came from is ever reported.
  if (const char* v = env("TAOQUOTE_OFFER_KEYS_JSON")) out.config.offer_keys_json = v;
  for (const auto& o : options) {
    if (const char* v = env(o.env)) {
      const std::string err = apply(out.config, o.id, v);
      if (!err.empty()) return fail(std::string(o.env) + " " + err);
    }
  }
  bool cors_flag_seen = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      out.action = ConfigOutcome::Action::help;
      return out;
    }
    if (a == "--version") {
      out.action = ConfigOutcome::Action::version;
      return out;
    }
    if (a.rfind("--", 0) != 0) return fail("unexpected argument '" + a + "' (see --help)");
    const auto eq = a.find('=');
    const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    const Option* opt = nullptr;
    for (const auto& o : options)
      if (name == o.flag) opt = &o;
    if (!opt) return fail("unknown flag --" + name + " (see --help)");
    if (opt->id == Id::cors_origin && !cors_flag_seen) { // the flags replace the variable's list
      out.config.cors_origins.clear();
      cors_flag_seen = true;
    }
    std::string value;
    if (eq != std::string::npos) {
      value = a.substr(eq + 1);
    } else {
      if (i + 1 >= args.size()) return fail("--" + name + " needs a value");
      value = args[++i];
    }
    const std::string err = apply(out.config, opt->id, value);
    if (!err.empty()) {
      std::string message = "--";
      message += name;
      message += ' ';
      message += err;
      return fail(std::move(message));
    }
  }
  return out;
}

std::string usage_text(const std::string& source_dir) {
  const Config d = defaults(source_dir);
  std::string s =
      "taoquote-service: the HTTP quote service (docs/service.md).\n"
      "\n"
      "Usage: taoquote-service [--flag value | --flag=value]...\n"
      "\n"
      "Endpoints: POST /v1/quote, POST /v1/verify, POST /v1/diff, GET /v1/rulebook,\n"
      "GET /healthz, GET /metrics, and static files. Signals: SIGHUP reloads the rulebook;\n"
      "SIGTERM and SIGINT drain (stop accepting, finish in-flight requests, exit 0).\n"
      "\n"
      "Flags (each also read from the environment variable shown):\n";
  for (const auto& o : options) {
    std::string left = std::string("  --") + o.flag + " " + o.metavar;
    left.resize(std::max<std::size_t>(left.size() + 1, 30), ' ');
    s += left;
    s += o.help;
    s += "  [";
    s += o.env;
    s += "]\n";
  }
  s += "  (environment only)          the JWK set itself, when no --offer-keys file  "
       "[TAOQUOTE_OFFER_KEYS_JSON]\n";
  s += "  --help                      this text\n";
  s += "  --version                   the version\n";
  s += "\nDefaults here: --rulebook " + d.rulebook_path + "\n";
  s += "               --static-dir " + (d.static_dir.empty() ? "''" : d.static_dir) + "\n";
  s += "               --threads " + std::to_string(d.threads) + "\n";
  s += "               --quote-workers " + std::to_string(d.quote_workers) + "\n";
  return s;
}

} // namespace taoquote::service
