// The service's configuration: command-line flags, each with an environment variable.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace taoquote::service {

/// Everything the service can be told. Defaults are the documented ones (docs/service.md);
/// a flag overrides its environment variable, which overrides the default.
struct Config {
  std::string address = "127.0.0.1"; ///< --address / TAOQUOTE_ADDRESS: IPv4 or IPv6 literal
  std::uint16_t port = 8080;         ///< --port / TAOQUOTE_PORT: 0 = an ephemeral port
  std::string rulebook_path;         ///< --rulebook / TAOQUOTE_RULEBOOK
  std::string static_dir;            ///< --static-dir / TAOQUOTE_STATIC_DIR: "" = no static files
  unsigned threads = 1;              ///< --threads / TAOQUOTE_THREADS: I/O + quoting threads
  std::size_t max_body_bytes = 1114112; ///< --max-body: 1 MiB request + 64 KiB envelope → 413
  /// --max-body-memory: bytes all request bodies being read may hold together (a body counts
  /// its Content-Length, a chunked one --max-body); beyond it 503. Bounds what slow uploads
  /// on many connections can pin.
  std::size_t max_body_memory = 128u << 20;
  std::size_t max_header_bytes = 8192; ///< --max-header: request line + headers → 431
  std::size_t max_connections = 1024;  ///< --max-connections: beyond it a client gets 503
  /// --max-connections-per-client: open connections from one IP address; 0 = no limit
  /// (set 0 behind a load balancer whose connections all come from one address).
  std::size_t max_connections_per_client = 128;
  unsigned quote_workers = 1; ///< --quote-workers: threads computing quotes (off the I/O threads)
  std::size_t quote_queue = 256;   ///< --quote-queue: quotes waiting for a worker; beyond → 503
  std::uint64_t max_work = 150000; ///< --max-work: estimated work units per quote; beyond → 413
  std::chrono::milliseconds header_timeout{10000}; ///< first byte → complete header, else 408
  std::chrono::milliseconds body_timeout{10000};   ///< complete header → complete body, else 408
  std::chrono::milliseconds idle_timeout{30000};   ///< keep-alive wait for the next request
  std::chrono::milliseconds first_byte_timeout{5000}; ///< new connection → first byte, else closed
  std::chrono::milliseconds write_timeout{10000}; ///< no write progress for this long → closed
  std::chrono::milliseconds drain_timeout{10000}; ///< SIGTERM: in-flight work, then forced
  std::chrono::milliseconds reload_poll{1000};    ///< rulebook mtime/size poll; 0 = SIGHUP only
  bool access_log = true; ///< --access-log on|off: one JSON line per request on stderr
  /// --cors-origin (repeatable) / TAOQUOTE_CORS_ORIGINS (comma-separated): origins allowed to
  /// call /v1/rulebook, /v1/quote and /v1/verify from a browser (cors.hpp); empty = CORS off.
  std::vector<std::string> cors_origins;
  /// --offer-keys / TAOQUOTE_OFFER_KEYS: a JWK set file of Ed25519 public keys that signed
  /// offers are checked against (docs/signed-offers.md); reloaded on SIGHUP. "" = none.
  std::string offer_keys_path;
  /// TAOQUOTE_OFFER_KEYS_JSON (environment only): the JWK set itself, when no file is given.
  std::string offer_keys_json;
  std::chrono::milliseconds clock_skew{300000}; ///< --clock-skew-ms: |request at − now| allowed
};

/// What the command line asked for.
struct ConfigOutcome {
  enum class Action { run, help, version, error };
  Action action = Action::run;
  Config config;
  std::string message; ///< for Action::error: one line naming the flag and the problem
};

/// Looks an environment variable up; returns nullptr when it is unset.
using EnvLookup = std::function<const char*(const char*)>;

/// Parses `args` (without the program name) over the environment. Flags take their value
/// as `--name value` or `--name=value`. `source_dir` is the repository the binary was built
/// from: the default rulebook is <source_dir>/core/rules/sample-rulebook.json and the
/// default static dir <source_dir>/web-demo/dist if it exists, else <source_dir>/web-demo.
ConfigOutcome parse_config(const std::vector<std::string>& args, const EnvLookup& env,
                           const std::string& source_dir);

/// The --help text: every flag, its environment variable and its default.
std::string usage_text(const std::string& source_dir);

} // namespace taoquote::service
