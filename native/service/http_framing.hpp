// Request framing rules that Boost.Beast leaves to the application: Transfer-Encoding,
// Content-Length and Host (RFC 9112 §3.2, §6.1, §6.3). A request that breaks them is
// answered 400 and its connection closed, so no byte of it can be read as another request.
#pragma once

#include <boost/beast/http/message.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace taoquote::service {

/// Bytes of chunk extensions one request may carry in all (they carry nothing the service
/// uses; the limit stops a client from streaming them without end).
inline constexpr std::size_t max_chunk_extension_bytes = 1024;

/// `s` without leading and trailing optional whitespace (spaces and tabs, RFC 9110 §5.6.3).
std::string_view trim_ows(std::string_view s) noexcept;

/// Checks a parsed request header and returns "" when its framing is acceptable, else the
/// sentence of a 400 BAD_REQUEST:
///   - Transfer-Encoding present: the request must be HTTP/1.1, carry no Content-Length,
///     and its codings (all fields together) must be exactly `chunked` — `gzip, chunked`,
///     `chunked, gzip`, `identity`, `xchunked`, `chunked, chunked` are refused;
///   - exactly one Host field in HTTP/1.1 (at most one in HTTP/1.0).
/// Beast itself refuses conflicting Content-Length values and a Content-Length after a
/// chunked Transfer-Encoding; this covers the orders and codings it accepts.
std::string framing_error(const boost::beast::http::request_header<>& header);

} // namespace taoquote::service
