// The state shared by the acceptor and every connection of one HttpServer (private to
// http_server.cpp and session.cpp).
#pragma once

#include "config.hpp"
#include "handlers.hpp"
#include "log.hpp"
#include "metrics.hpp"
#include "quote_pool.hpp"

#include <boost/asio.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace taoquote::service::detail {

class Session;

/// A connection's executor: its own strand on the I/O context, named as such rather than
/// type-erased (any_io_executor), so that each of its handlers is dispatched by a direct call.
using ConnectionExecutor = boost::asio::strand<boost::asio::io_context::executor_type>;
/// A connection's socket and deadline timer, on its strand.
using ConnectionSocket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, ConnectionExecutor>;
using ConnectionTimer =
    boost::asio::basic_waitable_timer<std::chrono::steady_clock,
                                      boost::asio::wait_traits<std::chrono::steady_clock>,
                                      ConnectionExecutor>;

/// Connections admitted beyond --max-connections in "limited" mode: they may ask only
/// GET /healthz and GET /metrics (every other request gets 503), so an orchestrator's
/// probes and a scraper still get through when every normal slot is taken.
inline constexpr std::size_t overflow_connections = 16;

/// Acceptor, admission (caps, eviction of idle connections, per-client limit), the quote
/// workers, the session registry and the drain state.
struct ServerCore : std::enable_shared_from_this<ServerCore> {
  ServerCore(boost::asio::io_context& io, const Config& c, const Handlers& h, Metrics& m,
             const Logger& l, QuotePool& w);
  ~ServerCore();

  boost::asio::io_context& ioc;
  const Config config; ///< max_connections already fitted to the descriptor limit
  const Handlers& handlers;
  Metrics& metrics;
  const Logger& log;
  QuotePool& workers; ///< quote workers (off the I/O threads)
  boost::asio::ip::tcp::acceptor acceptor;
  boost::asio::strand<boost::asio::io_context::executor_type> control; // drain timer
  boost::asio::steady_timer drain_timer;
  std::atomic<bool> draining{false};
  std::atomic<bool> drained{false};
  std::function<void()> on_drained;
  const std::string unavailable_response; ///< the whole 503 reply for a refused connection
  int spare_fd = -1; ///< released to answer 503 when accept() runs out of descriptors

  std::mutex sessions_mutex; // guards the members below
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions;
  std::unordered_map<std::string, std::size_t> per_client; ///< open connections per address
  std::size_t normal_open = 0;
  std::size_t limited_open = 0;

  EventThrottle reject_log, accept_log;
  /// Bytes reserved by bodies being read (Content-Length, or max_body when chunked).
  std::atomic<std::uint64_t> body_bytes{0};
  /// Reserves `n` body bytes; false when that would exceed config.max_body_memory.
  bool reserve_body(std::uint64_t n) noexcept;

  /// How a new connection is admitted (or why it is refused).
  enum class Admission { normal, limited, per_client, full };
  Admission decide_locked(const std::string& client, std::vector<std::shared_ptr<Session>>& held);

  void accept();
  void on_accept(boost::system::error_code ec, ConnectionSocket socket);
  void admit(ConnectionSocket socket);
  void reject(ConnectionSocket socket, std::string_view reason);
  bool answer_without_descriptor();
  bool evict_idle_locked(std::vector<std::shared_ptr<Session>>& held);
  void session_closed(const Session* s, const std::string& client, bool limited);
  std::vector<std::shared_ptr<Session>> live_sessions();
  void finish_if_idle();
};

} // namespace taoquote::service::detail
