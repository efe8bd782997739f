// Accepting and admission (connection cap fitted to the descriptor limit, eviction of idle
// connections, per-client limit, limited slots for probes, 503 when out of descriptors),
// the quote workers, and graceful drain. Connections themselves are in session.cpp.
#include "http_server.hpp"

#include "http_errors.hpp"
#include "process_stats.hpp"
#include "session.hpp"

#include <boost/beast/http.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <optional>
#include <sstream>

namespace taoquote::service {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using detail::ConnectionSocket;
using detail::ConnectionTimer;
using detail::ServerCore;
using detail::Session;

namespace {

// The complete 503 reply to a connection refused before any request was read.
std::string unavailable_text() {
  http::response<http::string_body> r{http::status::service_unavailable, 11};
  r.set(http::field::content_type, "application/json");
  r.set(http::field::retry_after, "1");
  r.keep_alive(false);
  r.body() =
      service_error_body(codes::unavailable, "http", "", "Too many connections; retry later.");
  r.prepare_payload();
  std::ostringstream out;
  out << r;
  return out.str();
}

// A connection cap the descriptor limit can hold (raised first if it can be).
Config fitted(Config c, const Logger& log) {
  const DescriptorLimit d = raise_descriptor_limit(c.max_connections, detail::overflow_connections);
  if (d.connections < c.max_connections)
    log.event("connection_cap_fitted",
              JsonObject()
                  .num("requested", static_cast<std::int64_t>(c.max_connections))
                  .num("fitted", static_cast<std::int64_t>(d.connections))
                  .num("descriptor_limit", static_cast<std::int64_t>(d.after)));
  c.max_connections = d.connections;
  return c;
}

} // namespace

ServerCore::ServerCore(asio::io_context& io, const Config& c, const Handlers& h, Metrics& m,
                       const Logger& l, QuotePool& w)
    : ioc(io), config(fitted(c, l)), handlers(h), metrics(m), log(l), workers(w),
      acceptor(asio::make_strand(io)), control(asio::make_strand(io)), drain_timer(control),
      unavailable_response(unavailable_text()),
      spare_fd(::open("/dev/null", O_RDONLY | O_CLOEXEC)) {}

ServerCore::~ServerCore() {
  if (spare_fd >= 0) ::close(spare_fd);
}

void ServerCore::accept() {
  acceptor.async_accept(asio::make_strand(ioc),
                        [self = shared_from_this()](beast::error_code ec, ConnectionSocket socket) {
                          self->on_accept(ec, std::move(socket));
                        });
}

void ServerCore::on_accept(beast::error_code ec, ConnectionSocket socket) {
  if (draining) {
    beast::error_code ignored;
    socket.close(ignored);
    return;
  }
  if (ec) {
    if (ec == asio::error::operation_aborted) return;
    metrics.accept_error();
    std::uint64_t suppressed = 0;
    if (accept_log.admit(suppressed))
      log.event("accept_error", JsonObject()
                                    .str("message", ec.message())
                                    .num("suppressed", static_cast<std::int64_t>(suppressed)));
    // Out of descriptors: answer the waiting client 503 with the spare descriptor rather
    // than leave it hanging; otherwise pause briefly instead of spinning.
    if ((ec == asio::error::no_descriptors || ec.value() == ENFILE) &&
        answer_without_descriptor()) {
      accept();
      return;
    }
    auto pause = std::make_shared<asio::steady_timer>(acceptor.get_executor());
    pause->expires_after(std::chrono::milliseconds(100));
    pause->async_wait([self = shared_from_this(), pause](beast::error_code) { self->accept(); });
    return;
  }
  admit(std::move(socket));
  accept();
}

bool ServerCore::answer_without_descriptor() {
  if (spare_fd < 0) return false;
  ::close(spare_fd);
  const int fd = ::accept4(acceptor.native_handle(), nullptr, nullptr, SOCK_CLOEXEC);
  if (fd >= 0) {
    metrics.connection_rejected();
    (void)::send(fd, unavailable_response.data(), unavailable_response.size(),
                 MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(fd, SHUT_WR);
    ::close(fd);
  }
  spare_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  return fd >= 0;
}

// Normal slots first; at the cap an idle connection (no byte of a request received) is
// evicted for the newcomer; failing that, a limited slot that answers only the probes.
ServerCore::Admission ServerCore::decide_locked(const std::string& client,
                                                std::vector<std::shared_ptr<Session>>& held) {
  const auto it = per_client.find(client);
  if (config.max_connections_per_client != 0 && it != per_client.end() &&
      it->second >= config.max_connections_per_client)
    return Admission::per_client;
  if (normal_open < config.max_connections || evict_idle_locked(held)) return Admission::normal;
  if (limited_open < detail::overflow_connections) return Admission::limited;
  return Admission::full;
}

void ServerCore::admit(ConnectionSocket socket) {
  beast::error_code ec;
  const auto peer = socket.remote_endpoint(ec);
  const std::string client = ec ? std::string() : peer.address().to_string();
  std::shared_ptr<Session> session;
  std::optional<ConnectionSocket> refused; // answered 503 once the lock is released
  // Sessions looked at while the lock is held are released after it: a last reference
  // dropped under the lock would run ~Session, which takes the lock.
  std::vector<std::shared_ptr<Session>> held;
  Admission admission;
  {
    const std::lock_guard<std::mutex> lock(sessions_mutex);
    admission = decide_locked(client, held);
    if (admission == Admission::normal || admission == Admission::limited) {
      const bool limited = admission == Admission::limited;
      ++per_client[client];
      ++(limited ? limited_open : normal_open);
      socket.set_option(tcp::no_delay(true), ec);
      session = std::make_shared<Session>(std::move(socket), shared_from_this(), client, limited);
      sessions.emplace(session.get(), session);
    } else {
      refused.emplace(std::move(socket));
    }
  }
  if (refused) {
    reject(std::move(*refused),
           admission == Admission::per_client ? "per_client" : "connection_cap");
    return;
  }
  asio::dispatch(session->executor(), [session] { session->start(); });
}

bool ServerCore::evict_idle_locked(std::vector<std::shared_ptr<Session>>& held) {
  // Prefer an idle connection of the client holding the most connections.
  Session* victim = nullptr;
  std::size_t victim_client_count = 0;
  for (auto& entry : sessions) {
    auto s = entry.second.lock();
    if (!s || !s->idle_hint()) continue;
    const auto it = per_client.find(s->client());
    const std::size_t n = it == per_client.end() ? 0 : it->second;
    if (!victim || n > victim_client_count) {
      victim = s.get();
      victim_client_count = n;
    }
    held.push_back(std::move(s));
  }
  if (!victim || !victim->claim_if_idle()) return false;
  metrics.connection_evicted();
  asio::post(victim->executor(), [v = victim->shared_from_this()] { v->close(); });
  return true;
}

// A refused connection's lingering close: after the 503 the socket stops sending, then reads and
// discards what the client still sends, for at most 250 ms and 64 KiB, before closing. Closing
// with the client's request unread would make the kernel answer with a reset, which can
// destroy the 503 before the client reads it.
struct Lingering : std::enable_shared_from_this<Lingering> {
  explicit Lingering(ConnectionSocket s) : socket(std::move(s)), timer(socket.get_executor()) {}

  void linger() {
    beast::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    timer.expires_after(std::chrono::milliseconds(250));
    timer.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->close();
    });
    drain();
  }

  void drain() {
    socket.async_read_some(asio::buffer(buffer),
                           [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                             self->drained += n;
                             if (ec || self->drained > std::size_t{64} * 1024) return self->close();
                             self->drain();
                           });
  }

  void close() {
    beast::error_code ignored;
    timer.cancel();
    socket.close(ignored);
  }

  ConnectionSocket socket;
  ConnectionTimer timer;
  std::array<char, 4096> buffer{};
  std::size_t drained = 0;
};

void ServerCore::reject(ConnectionSocket socket, std::string_view reason) {
  metrics.connection_rejected();
  std::uint64_t suppressed = 0;
  if (reject_log.admit(suppressed))
    log.event("connection_rejected",
              JsonObject()
                  .str("reason", reason)
                  .num("open", metrics.open_connections())
                  .num("limit", static_cast<std::int64_t>(config.max_connections))
                  .num("suppressed", static_cast<std::int64_t>(suppressed)));
  auto s = std::make_shared<Lingering>(std::move(socket));
  asio::async_write(s->socket, asio::buffer(unavailable_response),
                    [s](beast::error_code ec, std::size_t) {
                      if (ec) return s->close();
                      s->linger();
                    });
}

bool ServerCore::reserve_body(std::uint64_t n) noexcept {
  std::uint64_t now = body_bytes.load();
  do {
    if (now + n > config.max_body_memory) return false;
  } while (!body_bytes.compare_exchange_weak(now, now + n));
  return true;
}

void ServerCore::session_closed(const Session* s, const std::string& client, bool limited) {
  {
    const std::lock_guard<std::mutex> lock(sessions_mutex);
    sessions.erase(s);
    --(limited ? limited_open : normal_open);
    const auto it = per_client.find(client);
    if (it != per_client.end() && --it->second == 0) per_client.erase(it);
  }
  metrics.connection_closed();
  finish_if_idle();
}

std::vector<std::shared_ptr<Session>> ServerCore::live_sessions() {
  std::vector<std::shared_ptr<Session>> out;
  const std::lock_guard<std::mutex> lock(sessions_mutex);
  for (auto& entry : sessions)
    if (auto s = entry.second.lock()) out.push_back(std::move(s));
  return out;
}

void ServerCore::finish_if_idle() {
  if (!draining || metrics.open_connections() != 0 || drained.exchange(true)) return;
  asio::post(control, [self = shared_from_this()] {
    self->drain_timer.cancel();
    if (self->on_drained) self->on_drained();
  });
}

HttpServer::HttpServer(asio::io_context& ioc, const Config& config, const Handlers& handlers,
                       Metrics& metrics, const Logger& log)
    : workers_(std::make_unique<QuotePool>(config.quote_workers, config.quote_queue)),
      core_(std::make_shared<ServerCore>(ioc, config, handlers, metrics, log, *workers_)) {
  const tcp::endpoint endpoint(asio::ip::make_address(config.address), config.port);
  core_->acceptor.open(endpoint.protocol());
  core_->acceptor.set_option(asio::socket_base::reuse_address(true));
  core_->acceptor.bind(endpoint);
  core_->acceptor.listen(asio::socket_base::max_listen_connections);
}

HttpServer::~HttpServer() {
  workers_->stop(); // quotes still running finish; their replies are dropped with the loop
}

std::uint16_t HttpServer::port() const noexcept {
  beast::error_code ec;
  return core_->acceptor.local_endpoint(ec).port();
}

std::size_t HttpServer::max_connections() const noexcept {
  return core_->config.max_connections;
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
