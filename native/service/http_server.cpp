// Beast/Asio connection handling. One strand per connection serialises its handlers; a
// single steady_timer per connection enforces the idle, header, body and write deadlines.
#include "http_server.hpp"

#include "http_errors.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace taoquote::service {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

class Session;

std::string_view sv(beast::string_view s) noexcept {
  return {s.data(), s.size()};
}

std::uint64_t micros_since(Clock::time_point t) {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t).count());
}

// After an error response with Connection: close, unread request bytes are read and
// dropped for at most this long, so closing does not reset the connection before the
// client has read the response (a "lingering close").
constexpr std::chrono::milliseconds linger_time{1000};

} // namespace

struct detail::ServerCore : std::enable_shared_from_this<ServerCore> {
  ServerCore(asio::io_context& io, const Config& c, const Handlers& h, Metrics& m, const Logger& l)
      : ioc(io), config(c), handlers(h), metrics(m), log(l), acceptor(asio::make_strand(io)),
        control(asio::make_strand(io)), drain_timer(control) {}

  asio::io_context& ioc;
  const Config config;
  const Handlers& handlers;
  Metrics& metrics;
  const Logger& log;
  tcp::acceptor acceptor;
  asio::strand<asio::io_context::executor_type> control; // drain timer and on_drained
  asio::steady_timer drain_timer;
  std::atomic<bool> draining{false};
  std::atomic<bool> drained{false};
  std::function<void()> on_drained;
  std::mutex sessions_mutex;
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions;

  void accept();
  void reject(tcp::socket socket);
  std::vector<std::shared_ptr<Session>> live_sessions();
  void finish_if_idle();
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
public:
  Session(tcp::socket socket, std::shared_ptr<detail::ServerCore> core)
      : core_(std::move(core)), socket_(std::move(socket)), timer_(socket_.get_executor()) {
    core_->metrics.connection_opened();
  }

  ~Session() {
    {
      const std::lock_guard<std::mutex> lock(core_->sessions_mutex);
      core_->sessions.erase(this);
    }
    core_->metrics.connection_closed();
    core_->finish_if_idle();
  }

  auto executor() { return socket_.get_executor(); }

  void start() {
    {
      const std::lock_guard<std::mutex> lock(core_->sessions_mutex);
      core_->sessions.emplace(this, weak_from_this());
    }
    wait_for_request();
  }

  // Draining: a connection waiting for its next request is closed; one in the middle of a
  // request finishes it (the response then closes the connection).
  void drain() {
    if (state_ == State::idle) close();
  }

  void close() {
    if (state_ == State::closed) return;
    state_ = State::closed;
    timer_.cancel();
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

private:
  enum class State { idle, reading, handling, writing, lingering, closed };

  // --- deadlines -------------------------------------------------------------------------

  void arm(std::chrono::milliseconds after) {
    const unsigned generation = ++generation_;
    timed_out_ = false;
    timer_.expires_after(after);
    timer_.async_wait([self = shared_from_this(), generation](beast::error_code ec) {
      if (!ec && generation == self->generation_) self->on_deadline();
    });
  }

  void disarm() {
    ++generation_;
    timer_.cancel();
  }

  void on_deadline() {
    if (state_ != State::reading) {
      close(); // idle keep-alive, a response not taken, or the linger time is over
      return;
    }
    // Reading a request: stop reading (a later read sees end of stream too, so a read
    // issued between two steps of Beast's composed operation cannot escape the deadline),
    // then answer 408.
    timed_out_ = true;
    beast::error_code ignored;
    socket_.cancel(ignored);
    socket_.shutdown(tcp::socket::shutdown_receive, ignored);
  }

  // --- reading ---------------------------------------------------------------------------

  void wait_for_request() {
    state_ = State::idle;
    if (buffer_.size() > 0) { // a pipelined request is already here
      read_header();
      return;
    }
    if (core_->draining) {
      close();
      return;
    }
    arm(core_->config.idle_timeout);
    socket_.async_wait(tcp::socket::wait_read, [self = shared_from_this()](beast::error_code ec) {
      self->disarm();
      if (self->state_ != State::idle) return;
      if (ec)
        self->close();
      else
        self->read_header();
    });
  }

  void read_header() {
    state_ = State::reading;
    started_ = Clock::now();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(core_->config.max_header_bytes));
    parser_->body_limit(static_cast<std::uint64_t>(core_->config.max_body_bytes));
    arm(core_->config.header_timeout);
    http::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    const bool timed_out = timed_out_;
    disarm();
    if (state_ == State::closed) return;
    if (ec) {
      read_failed(ec, timed_out, true);
      return;
    }
    started_ = Clock::now();
    if (parser_->is_done()) {
      dispatch();
      return;
    }
    const auto expect = parser_->get()[http::field::expect];
    if (beast::iequals(expect, "100-continue")) {
      static constexpr std::string_view interim = "HTTP/1.1 100 Continue\r\n\r\n";
      arm(core_->config.write_timeout);
      state_ = State::writing;
      asio::async_write(socket_, asio::buffer(interim.data(), interim.size()),
                        [self = shared_from_this()](beast::error_code wec, std::size_t) {
                          self->disarm();
                          if (self->state_ == State::closed) return;
                          if (wec)
                            self->close();
                          else
                            self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    state_ = State::reading;
    arm(core_->config.body_timeout);
    http::async_read(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
  }

  void on_body(beast::error_code ec) {
    const bool timed_out = timed_out_;
    disarm();
    if (state_ == State::closed) return;
    if (ec)
      read_failed(ec, timed_out, false);
    else
      dispatch();
  }

  void read_failed(beast::error_code ec, bool timed_out, bool in_header) {
    if (timed_out) {
      if (in_header && !parser_->got_some() && buffer_.size() == 0)
        close();
      else
        fail(408, codes::request_timeout, "The request was not received in time.");
      return;
    }
    if (ec == http::error::end_of_stream || ec == http::error::partial_message) {
      close(); // the client went away
      return;
    }
    if (ec == http::error::body_limit) {
      fail(413, codes::payload_too_large,
           "The body is larger than " + std::to_string(core_->config.max_body_bytes) + " bytes.");
      return;
    }
    if (ec == http::error::header_limit) {
      fail(431, codes::header_too_large,
           "The request line and headers are larger than " +
               std::to_string(core_->config.max_header_bytes) + " bytes.");
      return;
    }
    if (ec.category() == http::make_error_code(http::error::bad_method).category()) {
      fail(400, codes::bad_request, "Malformed HTTP request: " + ec.message() + ".");
      return;
    }
    close(); // a socket error
  }

  // --- answering -------------------------------------------------------------------------

  void dispatch() {
    state_ = State::handling;
    const auto& req = parser_->get();
    HttpRequest request;
    request.method = sv(req.method_string());
    request.target = sv(req.target());
    request.content_type = sv(req[http::field::content_type]);
    request.if_none_match = sv(req[http::field::if_none_match]);
    request.body = req.body();
    const bool keep_alive = req.keep_alive() && !core_->draining;
    send(core_->handlers.handle(request), keep_alive);
  }

  // An error found while reading: answer it and close the connection.
  void fail(int status, std::string_view code, const std::string& message) {
    Endpoint endpoint = Endpoint::other;
    if (parser_ && parser_->is_header_done())
      endpoint = Handlers::classify(sv(parser_->get().target()));
    send(error_response(status, code, "http", message, endpoint), false);
  }

  void send(HttpResponse r, bool keep_alive) {
    const bool header_known = parser_ && parser_->is_header_done();
    const bool head = header_known && parser_->get().method() == http::verb::head;
    log_method_ = header_known ? std::string(sv(parser_->get().method_string())) : std::string();
    log_target_ = header_known ? std::string(sv(parser_->get().target())) : std::string();
    log_status_ = r.status;
    log_code_ = r.error_code;
    log_endpoint_ = r.endpoint;
    held_ = std::move(r.rulebook);

    response_ = {};
    response_.version(header_known && parser_->get().version() == 10 ? 10 : 11);
    response_.result(static_cast<unsigned>(r.status));
    if (!r.content_type.empty()) response_.set(http::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers)
      response_.set(beast::string_view(name.data(), name.size()), value);
    if (r.status == 503) response_.set(http::field::retry_after, "1");
    if (head) {
      response_.content_length(r.body.size());
    } else {
      response_.body() = std::move(r.body);
      response_.prepare_payload();
    }
    response_.keep_alive(keep_alive);
    parser_.reset(); // release the request body

    state_ = State::writing;
    arm(core_->config.write_timeout);
    http::async_write(socket_, response_,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                        self->on_written(ec, keep_alive);
                      });
  }

  void on_written(beast::error_code ec, bool keep_alive) {
    disarm();
    const std::uint64_t micros = micros_since(started_);
    core_->metrics.observe(log_endpoint_, log_status_, log_code_, micros);
    core_->log.access(log_method_, log_target_, log_status_, micros, log_code_,
                      held_ ? std::string_view(held_->digest()) : std::string_view());
    held_.reset();
    response_ = {};
    if (ec || state_ == State::closed)
      close();
    else if (!keep_alive)
      linger();
    else
      wait_for_request();
  }

  void linger() {
    state_ = State::lingering;
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    arm(linger_time);
    discard();
  }

  void discard() {
    socket_.async_read_some(asio::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (self->state_ != State::lingering) return;
                              if (ec)
                                self->close();
                              else
                                self->discard();
                            });
  }

  std::shared_ptr<detail::ServerCore> core_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::shared_ptr<const RulebookSnapshot> held_; // the rulebook the response used
  State state_ = State::idle;
  unsigned generation_ = 0;
  bool timed_out_ = false;
  Clock::time_point started_ = Clock::now();
  std::string log_method_, log_target_;
  int log_status_ = 0;
  std::string_view log_code_;
  Endpoint log_endpoint_ = Endpoint::other;
  std::array<char, 4096> scratch_{};
};

} // namespace

void detail::ServerCore::accept() {
  acceptor.async_accept(asio::make_strand(ioc), [self = shared_from_this()](beast::error_code ec,
                                                                            tcp::socket socket) {
    if (self->draining) {
      beast::error_code ignored;
      socket.close(ignored);
      return;
    }
    if (ec) {
      if (ec == asio::error::operation_aborted) return;
      // E.g. out of file descriptors: say so, pause briefly instead of spinning.
      self->log.event("accept_error", JsonObject().str("message", ec.message()));
      auto pause = std::make_shared<asio::steady_timer>(self->acceptor.get_executor());
      pause->expires_after(std::chrono::milliseconds(100));
      pause->async_wait([self, pause](beast::error_code) { self->accept(); });
      return;
    }
    if (static_cast<std::size_t>(self->metrics.open_connections()) >=
        self->config.max_connections) {
      self->reject(std::move(socket));
    } else {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      auto session = std::make_shared<Session>(std::move(socket), self);
      asio::dispatch(session->executor(), [session] { session->start(); });
    }
    self->accept();
  });
}

void detail::ServerCore::reject(tcp::socket socket) {
  metrics.connection_rejected();
  log.event("connection_rejected",
            JsonObject()
                .num("open", metrics.open_connections())
                .num("limit", static_cast<std::int64_t>(config.max_connections)));
  struct Rejected {
    tcp::socket socket;
    std::string text;
  };
  const std::string body =
      service_error_body(codes::unavailable, "http", "", "Too many connections; retry later.");
  auto r = std::make_shared<Rejected>(
      Rejected{std::move(socket), "HTTP/1.1 503 Service Unavailable\r\nContent-Type: "
                                  "application/json\r\nRetry-After: 1\r\nConnection: close\r\n"
                                  "Content-Length: " +
                                      std::to_string(body.size()) + "\r\n\r\n" + body});
  asio::async_write(r->socket, asio::buffer(r->text), [r](beast::error_code, std::size_t) {
    beast::error_code ignored;
    r->socket.shutdown(tcp::socket::shutdown_send, ignored);
    r->socket.close(ignored);
  });
}

std::vector<std::shared_ptr<Session>> detail::ServerCore::live_sessions() {
  std::vector<std::shared_ptr<Session>> out;
  const std::lock_guard<std::mutex> lock(sessions_mutex);
  for (auto& entry : sessions)
    if (auto s = entry.second.lock()) out.push_back(std::move(s));
  return out;
}

void detail::ServerCore::finish_if_idle() {
  if (!draining || metrics.open_connections() != 0 || drained.exchange(true)) return;
  asio::post(control, [self = shared_from_this()] {
    self->drain_timer.cancel();
    if (self->on_drained) self->on_drained();
  });
}

HttpServer::HttpServer(asio::io_context& ioc, const Config& config, const Handlers& handlers,
                       Metrics& metrics, const Logger& log)
    : core_(std::make_shared<detail::ServerCore>(ioc, config, handlers, metrics, log)) {
  const tcp::endpoint endpoint(asio::ip::make_address(config.address), config.port);
  core_->acceptor.open(endpoint.protocol());
  core_->acceptor.set_option(asio::socket_base::reuse_address(true));
  core_->acceptor.bind(endpoint);
  core_->acceptor.listen(asio::socket_base::max_listen_connections);
}

HttpServer::~HttpServer() = default;

std::uint16_t HttpServer::port() const noexcept {
  beast::error_code ec;
  return core_->acceptor.local_endpoint(ec).port();
}

void HttpServer::start() {
  asio::dispatch(core_->acceptor.get_executor(), [core = core_] { core->accept(); });
}

void HttpServer::drain(std::function<void()> on_drained) {
  // First stop accepting, on the acceptor's strand; then, on the control strand, close idle
  // connections, arm the drain deadline and log "draining" — once that line is written, new
  // connections are refused. on_drained is stored before `draining` is set, so whoever sees
  // `draining` (finish_if_idle) sees it.
  asio::post(core_->acceptor.get_executor(), [core = core_,
                                              done = std::move(on_drained)]() mutable {
    if (core->draining) return;
    core->on_drained = std::move(done);
    core->draining = true;
    core->metrics.set_draining();
    beast::error_code ignored;
    core->acceptor.close(ignored);
    asio::post(core->control, [core] {
      const auto sessions = core->live_sessions();
      core->log.event("draining",
                      JsonObject().num("connections", static_cast<std::int64_t>(sessions.size())));
      for (const auto& s : sessions)
        asio::post(s->executor(), [s] { s->drain(); });
      if (!core->drained) { // else finish_if_idle has already run: nothing left to wait for
        core->drain_timer.expires_after(core->config.drain_timeout);
        core->drain_timer.async_wait([core](beast::error_code ec) {
          if (ec) return;
          const auto left = core->live_sessions();
          core->log.event("drain_timeout",
                          JsonObject().num("closed", static_cast<std::int64_t>(left.size())));
          for (const auto& s : left)
            asio::post(s->executor(), [s] { s->close(); });
        });
      }
      core->finish_if_idle();
    });
  });
}

void HttpServer::close_all() {
  for (const auto& s : core_->live_sessions())
    asio::post(s->executor(), [s] { s->close(); });
}

} // namespace taoquote::service
