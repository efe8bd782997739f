// Connection handling. One strand per connection serialises its handlers; a single
// steady_timer per connection enforces the first-byte, idle, header, body, write-progress
// and linger deadlines.
#include "session.hpp"

#include "http_errors.hpp"
#include "http_framing.hpp"

#include <boost/algorithm/string/predicate.hpp>

#include <limits>

namespace taoquote::service::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string_view sv(beast::string_view s) noexcept {
  return {s.data(), s.size()};
}

std::uint64_t micros_since(std::chrono::steady_clock::time_point t) {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t)
          .count());
}

// After an error response with Connection: close, unread request bytes are read and
// dropped for at most this long, so closing does not reset the connection before the
// client has read the response (a "lingering close").
constexpr std::chrono::milliseconds linger_time{1000};

// Beyond the header limit, room in the read buffer for one chunk-size line (with its
// extensions) or the trailer section; body bytes pass through it and do not accumulate.
constexpr std::size_t buffer_slack = 4096;

} // namespace

Session::Session(ConnectionSocket socket, std::shared_ptr<ServerCore> core, std::string client,
                 bool limited)
    : core_(std::move(core)), socket_(std::move(socket)), timer_(socket_.get_executor()),
      client_(std::move(client)), limited_(limited),
      buffer_(core_->config.max_header_bytes + buffer_slack) {
  core_->metrics.connection_opened();
  chunk_callback_ = [this](std::uint64_t size, beast::string_view ext, beast::error_code& ec) {
    on_chunk_header(size, ext, ec);
  };
}

Session::~Session() {
  release_body();
  leave_core();
}

// The connection's slot (cap, per-client count, drain) is given back once, when the socket is
// closed — before the client can see the close and connect again — or at the latest here.
void Session::leave_core() noexcept {
  if (left_core_) return;
  left_core_ = true;
  core_->session_closed(this, client_, limited_);
}

void Session::release_body() noexcept {
  core_->body_bytes -= body_reserved_;
  body_reserved_ = 0;
}

void Session::start() {
  wait_for_request();
}

void Session::drain() {
  if (state_ == State::idle) close();
}

void Session::close() {
  if (state_ == State::closed) return;
  state_ = State::closed;
  evictable_ = false;
  timer_.cancel();
  leave_core();
  beast::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

// --- deadlines ---------------------------------------------------------------------------

void Session::arm(std::chrono::milliseconds after) {
  const unsigned generation = ++generation_;
  timed_out_ = false;
  timer_.expires_after(after);
  timer_.async_wait([self = shared_from_this(), generation](beast::error_code ec) {
    if (!ec && generation == self->generation_) self->on_deadline();
  });
}

void Session::disarm() {
  ++generation_;
  timer_.cancel();
}

void Session::on_deadline() {
  if (state_ != State::reading) {
    close(); // waiting for a request, a response not taken, or the linger time is over
    return;
  }
  // Reading a request: stop reading (a later read sees end of stream too, so a read issued
  // between two steps of Beast's composed operation cannot escape the deadline), then 408.
  timed_out_ = true;
  beast::error_code ignored;
  socket_.cancel(ignored);
  socket_.shutdown(tcp::socket::shutdown_receive, ignored);
}

// --- reading -----------------------------------------------------------------------------

void Session::wait_for_request() {
  state_ = State::idle;
  if (buffer_.size() > 0) { // a pipelined request is already here
    read_header();
    return;
  }
  if (core_->draining) {
    close();
    return;
  }
  // A new connection gets the short first-byte deadline, a kept-alive one the idle one.
  const auto& c = core_->config;
  arm(first_request_ ? std::min(c.first_byte_timeout, c.idle_timeout) : c.idle_timeout);
  idle_since_ = Clock::now().time_since_epoch().count();
  evictable_ = true;
  socket_.async_wait(tcp::socket::wait_read, [self = shared_from_this()](beast::error_code ec) {
    const bool claimed_by_acceptor = !self->evictable_.exchange(false);
    self->disarm();
    if (self->state_ != State::idle) return;
    if (ec || claimed_by_acceptor)
      self->close();
    else
      self->read_header();
  });
}

void Session::read_header() {
  state_ = State::reading;
  first_request_ = false;
  started_ = Clock::now();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(core_->config.max_header_bytes));
  // Content-Length is checked once the header is known (so a 413 names its endpoint). Not
  // boost::none: Beast 1.74 compares the length with the optional, and none loses.
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  parser_->on_chunk_header(chunk_callback_);
  extension_bytes_ = 0;
  extensions_exceeded_ = false;
  arm(core_->config.header_timeout);
  http::async_read_header(
      socket_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void Session::on_header(beast::error_code ec) {
  const bool timed_out = timed_out_;
  disarm();
  if (state_ == State::closed) return;
  if (ec) {
    read_failed(ec, timed_out, true);
    return;
  }
  started_ = Clock::now();
  const auto& req = parser_->get();
  if (const std::string bad = framing_error(req.base()); !bad.empty()) {
    fail(400, codes::bad_request, "Malformed HTTP request: " + bad);
    return;
  }
  const auto max_body = static_cast<std::uint64_t>(core_->config.max_body_bytes);
  if (const auto length = parser_->content_length(); length && *length > max_body) {
    fail(413, codes::payload_too_large,
         "The body is larger than " + std::to_string(max_body) + " bytes.");
    return;
  }
  parser_->body_limit(max_body);
  if (!parser_->is_done()) { // a body follows: count it against --max-body-memory
    const auto length = parser_->content_length();
    const std::uint64_t need = length ? *length : max_body;
    if (!core_->reserve_body(need)) {
      fail(503, codes::unavailable, "Too many request bodies are being received; retry later.");
      return;
    }
    body_reserved_ = need;
  }
  if (limited_) {
    const auto path = sv(req.target()).substr(0, sv(req.target()).find('?'));
    const bool probe = (req.method() == http::verb::get || req.method() == http::verb::head) &&
                       (path == "/healthz" || path == "/metrics");
    if (!probe) {
      fail(503, codes::unavailable, "Too many connections; retry later.");
      return;
    }
  }
  if (parser_->is_done()) {
    dispatch();
    return;
  }
  if (beast::iequals(req[http::field::expect], "100-continue")) {
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

void Session::on_chunk_header(std::uint64_t, beast::string_view extensions, beast::error_code& ec) {
  extension_bytes_ += extensions.size();
  if (extension_bytes_ > max_chunk_extension_bytes) {
    extensions_exceeded_ = true;
    ec = http::error::bad_chunk_extension;
  }
}

void Session::read_body() {
  state_ = State::reading;
  arm(core_->config.body_timeout);
  http::async_read(
      socket_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
}

void Session::on_body(beast::error_code ec) {
  const bool timed_out = timed_out_;
  disarm();
  if (state_ == State::closed) return;
  if (ec)
    read_failed(ec, timed_out, false);
  else
    dispatch();
}

void Session::read_failed(beast::error_code ec, bool timed_out, bool in_header) {
  const auto& c = core_->config;
  if (timed_out) {
    if (in_header && !parser_->got_some() && buffer_.size() == 0)
      close();
    else
      fail(408, codes::request_timeout, "The request was not received in time.");
    return;
  }
  if (extensions_exceeded_) {
    fail(400, codes::bad_request,
         "Malformed HTTP request: chunk extensions longer than " +
             std::to_string(max_chunk_extension_bytes) + " bytes in all.");
    return;
  }
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) {
    close(); // the client went away
    return;
  }
  if (ec == http::error::body_limit) {
    fail(413, codes::payload_too_large,
         "The body is larger than " + std::to_string(c.max_body_bytes) + " bytes.");
    return;
  }
  if (ec == http::error::header_limit) {
    fail(431, codes::header_too_large,
         "The request line and headers are larger than " + std::to_string(c.max_header_bytes) +
             " bytes.");
    return;
  }
  if (ec == http::error::buffer_overflow) { // a chunk-size line or the trailer section
    fail(431, codes::header_too_large,
         "A chunk header or the trailer section is larger than " +
             std::to_string(c.max_header_bytes) + " bytes.");
    return;
  }
  if (ec.category() == http::make_error_code(http::error::bad_method).category()) {
    fail(400, codes::bad_request, "Malformed HTTP request: " + ec.message() + ".");
    return;
  }
  close(); // a socket error
}

// --- answering ---------------------------------------------------------------------------

void Session::dispatch() {
  state_ = State::handling;
  const auto& req = parser_->get();
  HttpRequest request;
  request.method = sv(req.method_string());
  request.target = sv(req.target());
  request.content_type = sv(req[http::field::content_type]);
  request.if_none_match = sv(req[http::field::if_none_match]);
  request.origin = sv(req[http::field::origin]);
  request.accept_encoding = sv(req[http::field::accept_encoding]);
  request.body = req.body();
  const bool keep_alive = req.keep_alive() && !limited_;
  if (!Handlers::computes_quote(request)) {
    send(core_->handlers.handle(request), keep_alive);
    return;
  }
  // Quotes run on a worker: an expensive cart never holds an I/O thread.
  const auto lane = request.body.size() >= QuotePool::large_body_bytes ? QuotePool::Lane::large
                                                                       : QuotePool::Lane::small;
  core_->metrics.quote_queued();
  const bool queued = core_->workers.try_post(
      lane, [self = shared_from_this(), request, keep_alive,
             guard = asio::make_work_guard(socket_.get_executor())]() mutable {
        HttpResponse r = self->core_->handlers.handle(request);
        self->core_->metrics.quote_dequeued();
        asio::post(guard.get_executor(), [self, r = std::move(r), keep_alive]() mutable {
          if (self->state_ == State::closed) return;
          self->send(std::move(r), keep_alive);
        });
      });
  if (!queued) {
    core_->metrics.quote_dequeued();
    core_->metrics.quote_busy();
    send(core_->handlers.transport_error(503, codes::unavailable,
                                         "Every quote worker is busy; retry later.",
                                         Handlers::classify(request.target)),
         keep_alive);
  }
}

void Session::fail(int status, std::string_view code, const std::string& message) {
  // The request line is in the message as soon as it is parsed, even if a header field
  // after it is refused: the error is counted under its endpoint and names its rulebook.
  Endpoint endpoint = Endpoint::other;
  if (parser_ && !parser_->get().target().empty())
    endpoint = Handlers::classify(sv(parser_->get().target()));
  send(core_->handlers.transport_error(status, code, message, endpoint), false);
}

void Session::send(HttpResponse r, bool keep_alive) {
  const bool header_known = parser_ && !parser_->get().target().empty(); // request line read
  const bool head = header_known && parser_->get().method() == http::verb::head;
  const unsigned version = header_known && parser_->get().version() == 10 ? 10 : 11;
  log_method_ = header_known ? std::string(sv(parser_->get().method_string())) : std::string();
  log_target_ = header_known ? std::string(sv(parser_->get().target())) : std::string();
  keep_alive_ = keep_alive && !core_->draining;

  // A static file is streamed from disk; it may have vanished since it was found.
  http::file_body::value_type file;
  if (!r.file_path.empty() && !head) {
    beast::error_code ec;
    file.open(r.file_path.c_str(), beast::file_mode::scan, ec);
    if (ec)
      r = core_->handlers.transport_error(404, codes::not_found, "No such resource.", r.endpoint);
  }
  log_status_ = r.status;
  log_code_ = r.error_code;
  log_endpoint_ = r.endpoint;
  held_ = std::move(r.rulebook);

  const auto fill = [&](auto& m) {
    m.version(version);
    m.result(static_cast<unsigned>(r.status));
    if (!r.content_type.empty()) m.set(http::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers)
      m.set(beast::string_view(name.data(), name.size()), value);
    if (r.status == 503) m.set(http::field::retry_after, "1");
    m.keep_alive(keep_alive_);
  };
  parser_.reset(); // release the request body
  release_body();
  state_ = State::writing;
  arm(core_->config.write_timeout);
  if (file.is_open()) {
    file_response_ = {};
    fill(file_response_);
    file_response_.body() = std::move(file);
    file_response_.prepare_payload();
    file_response_.keep_alive(keep_alive_);
    file_writer_.emplace(file_response_);
    write_some(*file_writer_);
    return;
  }
  response_ = {};
  fill(response_);
  if (head) {
    response_.content_length(r.file_path.empty() ? r.body.size() : r.file_size);
  } else {
    response_.body() = std::move(r.body);
    response_.prepare_payload();
  }
  response_.keep_alive(keep_alive_);
  string_writer_.emplace(response_);
  write_some(*string_writer_);
}

// Writes piece by piece; every piece written moves the write deadline, so a slow but
// progressing download is never cut, and a stalled one is closed after write_timeout.
template <class Serializer> void Session::write_some(Serializer& sr) {
  http::async_write_some(socket_, sr,
                         [self = shared_from_this(), &sr](beast::error_code ec, std::size_t) {
                           if (ec || self->state_ == State::closed) {
                             self->written(false);
                           } else if (sr.is_done()) {
                             self->written(true);
                           } else {
                             self->arm(self->core_->config.write_timeout);
                             self->write_some(sr);
                           }
                         });
}

void Session::written(bool complete) {
  disarm();
  const std::uint64_t micros = micros_since(started_);
  if (complete)
    core_->metrics.observe(log_endpoint_, log_status_, log_code_, micros);
  else
    core_->metrics.response_aborted();
  core_->log.access(log_method_, log_target_, log_status_, micros, log_code_,
                    held_ ? std::string_view(held_->digest()) : std::string_view(), !complete);
  held_.reset();
  string_writer_.reset();
  file_writer_.reset();
  response_ = {};
  file_response_ = {};
  if (!complete || state_ == State::closed)
    close();
  else if (!keep_alive_)
    linger();
  else
    wait_for_request();
}

void Session::linger() {
  state_ = State::lingering;
  beast::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_send, ignored);
  arm(linger_time);
  discard();
}

void Session::discard() {
  socket_.async_read_some(asio::buffer(scratch_),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (self->state_ != State::lingering) return;
                            if (ec)
                              self->close();
                            else
                              self->discard();
                          });
}

} // namespace taoquote::service::detail
