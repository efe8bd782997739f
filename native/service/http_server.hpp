// The HTTP/1.1 server (Boost.Beast on Asio): accepting, reading with limits and deadlines,
// writing responses from Handlers, logging and counting each one, and graceful drain.
#pragma once

#include "config.hpp"
#include "handlers.hpp"
#include "log.hpp"
#include "metrics.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

namespace boost::asio {
class io_context;
} // namespace boost::asio

namespace taoquote::service {

class QuotePool;

namespace detail {
struct ServerCore; // the state shared by the acceptor and every connection
}

/// One listening socket served by every thread that runs the io_context, and a pool of
/// config.quote_workers threads that compute quotes (never the I/O threads; large bodies in
/// a lane that leaves a worker for ordinary carts, quote_pool.hpp). Per connection:
///   - first byte of the first request within min(first_byte_timeout, idle_timeout), of a
///     later one within idle_timeout (then closed silently);
///   - request line + headers within header_timeout of the first byte and ≤ max_header
///     bytes (else 408 / 431), body within body_timeout and ≤ max_body (else 408 / 413);
///     the deadlines are absolute, so a client trickling bytes cannot extend them; chunk
///     lines and trailers must fit the read buffer, extensions ≤ 1 KiB in all;
///   - malformed HTTP, including ambiguous framing (http_framing.hpp) → 400 and close;
///     `Expect: 100-continue` answered;
///   - the response written with no pause longer than write_timeout, else closed.
/// Admission: max_connections (fitted to the descriptor limit, raised at start) normal
/// slots; at the cap an idle connection is evicted for the newcomer, else the newcomer gets
/// one of 16 limited slots (GET /healthz and /metrics only); beyond that, or beyond
/// max_connections_per_client from one address, 503 and close. Each response is counted in
/// Metrics and logged as one access line; refusals and accept errors are logged at most
/// once a second.
class HttpServer {
public:
  /// Binds config.address:config.port and listens. Throws boost::system::system_error
  /// when it cannot (address in use, permission).
  HttpServer(boost::asio::io_context& ioc, const Config& config, const Handlers& handlers,
             Metrics& metrics, const Logger& log);
  /// Joins the quote workers (quotes still running finish).
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// The bound port (the chosen one when config.port is 0).
  std::uint16_t port() const noexcept;

  /// The connection cap in force (config.max_connections fitted to the descriptor limit).
  std::size_t max_connections() const noexcept;

  /// Starts accepting connections.
  void start();

  /// Graceful drain: stop accepting, close idle keep-alive connections, let requests being
  /// read or answered finish (their responses say `Connection: close`), and after
  /// config.drain_timeout close whatever is left. `on_drained` runs on an I/O thread once
  /// no connection remains. Thread-safe; only the first call has an effect.
  void drain(std::function<void()> on_drained);

  /// Closes every connection now (a second SIGTERM). Thread-safe.
  void close_all();

private:
  std::unique_ptr<QuotePool> workers_;
  std::shared_ptr<detail::ServerCore> core_;
};

} // namespace taoquote::service
