// The /v1/verify request envelope: {"request": <a quote request>, "fingerprint": "sha256:…"}.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace taoquote::service {

/// A parsed envelope. `request` is a view into the body: the request member's exact bytes,
/// handed to the core unchanged (so its errors and pointers are the same as /v1/quote's).
struct VerifyEnvelope {
  std::string_view request;
  std::string fingerprint; ///< "sha256:" + 64 lowercase hex digits
};

/// Why an envelope was refused: a status (400 or 422), the error code (INVALID_JSON or
/// INVALID_FIELD), the JSON Pointer into the envelope and a sentence.
struct EnvelopeError {
  int status = 400;
  std::string_view code;
  std::string path;
  std::string message;
};

/// Parses a /v1/verify body (a leading UTF-8 BOM is skipped). INVALID_JSON (400) for bad syntax,
/// invalid UTF-8, nesting deeper than 64 or a duplicate top-level key; INVALID_FIELD (422) for a
/// body that is not an object, an unknown key, a missing member, or a fingerprint that is not a
/// string of the form "sha256:<64 lowercase hex>" — the first problem in reading order. The request
/// member may hold any JSON value: validating it is the core's job.
std::variant<VerifyEnvelope, EnvelopeError> parse_verify_body(std::string_view body);

} // namespace taoquote::service
