// One HTTP/1.1 connection: reading with limits and deadlines, framing checks, quoting on a
// worker, streaming the response with a progress deadline, keep-alive and lingering close.
#pragma once

#include "server_core.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace taoquote::service::detail {

/// A connection. Its handlers run on its own strand. Lifetime: shared_ptr held by pending
/// operations (and a quote job while one runs); the registry in ServerCore holds a weak_ptr.
class Session : public std::enable_shared_from_this<Session> {
public:
  using Clock = std::chrono::steady_clock;

  /// `client`: the peer's address (per-client accounting); `limited`: admitted beyond the
  /// connection cap, so only /healthz and /metrics are answered (see overflow_connections).
  Session(ConnectionSocket socket, std::shared_ptr<ServerCore> core, std::string client,
          bool limited);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  ConnectionExecutor executor() { return socket_.get_executor(); }

  /// Starts waiting for the first request. Call on the session's strand.
  void start();
  /// Draining: closes the connection if it is waiting for a request; one in the middle of
  /// a request finishes it (the response then says Connection: close). On the strand.
  void drain();
  /// Closes the socket now. On the strand.
  void close();
  /// Claims this connection for eviction if it is waiting for a request (no byte of one
  /// received); any thread. The caller then posts close().
  bool claim_if_idle() noexcept { return evictable_.exchange(false); }
  /// Whether the connection has been waiting for a request for at least eviction_grace (a
  /// hint; claim_if_idle decides). The grace spares a client whose first bytes are still
  /// on their way: an honest client sends its request as soon as it connects.
  bool idle_hint() const noexcept {
    return evictable_.load() &&
           Clock::now().time_since_epoch().count() - idle_since_.load() >=
               std::chrono::duration_cast<Clock::duration>(eviction_grace).count();
  }
  static constexpr std::chrono::milliseconds eviction_grace{200};
  /// The peer's address.
  const std::string& client() const noexcept { return client_; }

private:
  enum class State { idle, reading, handling, writing, lingering, closed };

  void arm(std::chrono::milliseconds after);
  void disarm();
  void on_deadline();

  void wait_for_request();
  void read_header();
  void on_header(boost::beast::error_code ec);
  void read_body();
  void on_body(boost::beast::error_code ec);
  void read_failed(boost::beast::error_code ec, bool timed_out, bool in_header);
  void on_chunk_header(std::uint64_t size, boost::beast::string_view extensions,
                       boost::beast::error_code& ec);

  void release_body() noexcept;
  /// Gives the connection's slot back to the server core (once).
  void leave_core() noexcept;
  void dispatch();
  void fail(int status, std::string_view code, const std::string& message);
  void send(HttpResponse r, bool keep_alive);
  template <class Serializer> void write_some(Serializer& sr);
  void written(bool complete);
  void linger();
  void discard();

  std::shared_ptr<ServerCore> core_;
  ConnectionSocket socket_;
  ConnectionTimer timer_;
  const std::string client_;
  const bool limited_;
  boost::beast::flat_buffer buffer_; // bounded: header, chunk lines and trailers must fit
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::function<void(std::uint64_t, boost::beast::string_view, boost::beast::error_code&)>
      chunk_callback_;
  std::size_t extension_bytes_ = 0;
  std::uint64_t body_reserved_ = 0; // this request's share of ServerCore::body_bytes
  bool extensions_exceeded_ = false;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  boost::beast::http::response<boost::beast::http::file_body> file_response_;
  std::optional<boost::beast::http::response_serializer<boost::beast::http::string_body>>
      string_writer_;
  std::optional<boost::beast::http::response_serializer<boost::beast::http::file_body>>
      file_writer_;
  std::shared_ptr<const RulebookSnapshot> held_; // the rulebook the response used
  State state_ = State::idle;
  std::atomic<bool> evictable_{false};
  std::atomic<Clock::rep> idle_since_{0}; // when evictable_ was last set
  bool first_request_ = true;
  bool keep_alive_ = false;
  unsigned generation_ = 0;
  bool timed_out_ = false;
  bool left_core_ = false; ///< leave_core ran
  Clock::time_point started_ = Clock::now();
  std::string log_method_, log_target_;
  int log_status_ = 0;
  std::string_view log_code_;
  Endpoint log_endpoint_ = Endpoint::other;
  std::array<char, 4096> scratch_{};
};

} // namespace taoquote::service::detail
