// libFuzzer target for the service's HTTP request path: bytes as a client sends them, parsed
// by Beast with the service's limits (bounded buffer, header limit, chunk-extension budget),
// checked by framing_error and the Content-Length cap, then routed through Handlers on the
// fixture rulebook — pipelined requests included. Signed-offer checks are on (a fixed public
// key, the clock at the fixture requests' instant), so /v1/verify and ?strict=true run them. A
// crash, sanitizer report or broken invariant (an error without a body, a quote or verify response
// without its rulebook header, a status outside the documented set) is a finding.
#include "handlers.hpp"
#include "http_framing.hpp"
#include "metrics.hpp"
#include "rulebook_store.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

namespace {

namespace http = boost::beast::http;
using namespace taoquote::service;

constexpr std::size_t max_header = 4096;
constexpr std::size_t buffer_capacity = max_header + 4096; // as session.cpp
constexpr std::uint64_t max_body = 65536;

struct World {
  World()
      : store([] {
          std::ifstream in(TAOQUOTE_FIXTURE, std::ios::binary);
          std::ostringstream s;
          s << in.rdbuf();
          auto snapshot = make_snapshot(s.str());
          if (!snapshot) std::abort();
          return snapshot.value();
        }()),
        handlers(store, metrics, nullptr, 200000, nullptr, verification()) {}
  OfferVerification verification() {
    std::string why;
    auto set = taoquote::offers::PublicKeys::from_jwks(
        R"({"keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1",)"
        R"("x":"JeM6vonJuKfnH-I8woHQoxRzpECd0yTgzrmrPyyYTeY"}]})",
        why);
    if (!set) std::abort();
    keys.replace(std::make_shared<const taoquote::offers::PublicKeys>(std::move(*set)));
    OfferVerification v;
    v.keys = &keys;
    v.clock = [] { return *taoquote::parse_instant("2026-11-25T08:00:00Z"); };
    return v;
  }
  RulebookStore store;
  Metrics metrics;
  OfferKeyStore keys;
  Handlers handlers;
};

World& world() {
  static World w;
  return w;
}

void check(const HttpResponse& r) {
  static constexpr int statuses[] = {200, 304, 400, 404, 405, 413, 415, 422, 500, 503};
  bool known = false;
  for (const int s : statuses)
    known = known || s == r.status;
  if (!known) std::abort();
  if (r.status >= 400 && (r.body.empty() || r.error_code.empty())) std::abort();
  if (r.endpoint == Endpoint::quote || r.endpoint == Endpoint::verify) {
    bool stamped = false;
    for (const auto& h : r.headers)
      stamped = stamped || h.first == rulebook_header;
    if (!stamped) std::abort();
  }
}

// Parses one request from the front of `input` the way a session does; returns false when
// the connection would be closed (error, incomplete request).
bool one_request(std::string_view& input) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(max_header));
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  parser.eager(false); // as async_read_header: stop after the header, before the body starts
  std::size_t extension_bytes = 0;
  auto on_chunk = [&](std::uint64_t, boost::beast::string_view ext, boost::beast::error_code& ec) {
    extension_bytes += ext.size();
    if (extension_bytes > max_chunk_extension_bytes) ec = http::error::bad_chunk_extension;
  };
  parser.on_chunk_header(on_chunk);
  bool header_checked = false;
  int stalled = 0; // puts that consumed nothing (a state change); a few in a row = stuck
  while (!parser.is_done()) {
    boost::beast::error_code ec;
    const std::size_t offered = std::min(input.size(), buffer_capacity);
    const std::size_t used = parser.put(boost::asio::buffer(input.data(), offered), ec);
    input.remove_prefix(used);
    if (ec == http::error::need_more && used == 0) return false; // incomplete or overflow
    if (ec && ec != http::error::need_more) return false;        // 400 / 413 / 431 and close
    stalled = used == 0 ? stalled + 1 : 0;
    if (stalled > 2) return false;
    if (parser.is_header_done() && !header_checked) {
      header_checked = true;
      if (!framing_error(parser.get().base()).empty()) return false;
      const auto length = parser.content_length();
      if (length && *length > max_body) return false;
      parser.body_limit(max_body);
      parser.eager(true); // as async_read: the body (the string body reserves its length)
    }
  }
  const auto& req = parser.get();
  HttpRequest request;
  request.method = {req.method_string().data(), req.method_string().size()};
  request.target = {req.target().data(), req.target().size()};
  const auto type = req[http::field::content_type];
  request.content_type = {type.data(), type.size()};
  const auto inm = req[http::field::if_none_match];
  request.if_none_match = {inm.data(), inm.size()};
  request.body = req.body();
  check(world().handlers.handle(request));
  return req.keep_alive();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < 8 && !input.empty(); ++i) // pipelined requests, bounded
    if (!one_request(input)) break;
  return 0;
}
