// The JSON boundary of the core: load rulebooks, read requests, write canonical quotes.
// Every function here returns errors as values; nothing throws.
#pragma once

#include "taoquote/quote.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace taoquote {

/// The schema tag written into every quote.
inline constexpr std::string_view quote_schema = "taoquote.quote/1";

/// The largest rulebook load_rulebook reads; a longer text is refused with LIMIT_EXCEEDED.
inline constexpr std::size_t max_rulebook_bytes = std::size_t{4} << 20;

/// Parses and validates a rulebook (docs/schema.md). The result is immutable and safe to
/// share between threads; its `digest` is "sha256:" + hex of its canonical JSON (keys
/// sorted, no whitespace), so two files that differ only in layout have the same digest.
Result<std::shared_ptr<const Rulebook>> load_rulebook(std::string_view json);

/// The largest request parse_request reads; a longer text is refused with LIMIT_EXCEEDED.
inline constexpr std::size_t max_request_bytes = std::size_t{1} << 20;

/// Parses a request (docs/schema.md) without consulting any rulebook.
Result<Request> parse_request(std::string_view json);

/// The canonical JSON of a quote (docs/quote.md): fixed key order, amounts as strings with
/// exactly their currency's minor digits, no whitespace, ending with its fingerprint.
std::string canonical_json(const Quote& quote);

/// The domain tag inside every signed offer payload (docs/signed-offers.md).
inline constexpr std::string_view offer_signature_schema = "taoquote.offer/1";

/// The exact bytes an offer signature covers (docs/signed-offers.md): the canonical JSON
/// {"currency","expires_at","item","moq","schema","seller","tiers":[{"min_qty","unit_price"}]}
/// with keys in byte order, no whitespace, amounts as plain decimal strings with trailing
/// zeros trimmed, a flat `unit_price` written as its one tier from 1, and `expires_at`
/// formatted as format_instant (null when absent). `currency` is the rulebook's base currency.
/// Pure and platform-independent: the signer (CLI, a product service) and the verifier
/// (the service) build the same bytes from the same parsed offer.
std::string offer_signing_payload(const Item& item, const Offer& offer, std::string_view currency);

/// "sha256:" + hex SHA-256 of the canonical JSON without the fingerprint field.
std::string fingerprint(const Quote& quote);

/// The error body shared by every binding: {"error":{"code","doc","path","message","detail"?}}.
std::string error_json(const Error& error);

/// Parses the request and quotes it on `rulebook`: the typed form of quote_json, for callers
/// that present the quote themselves (e.g. ICU display). Never throws.
Result<Quote> quote_request(const Rulebook& rulebook, std::string_view request_json);

/// The outcome of a JSON-in, JSON-out quote: `body` is a canonical quote or the error body
/// of `error` (error_json), so every binding can pass on the same bytes and fields.
struct JsonOutcome {
  bool ok = false;
  std::string body;
  Error error; ///< when !ok: the full error (code, doc, pointer, sentence)

  /// The outcome of a failure: its error body (error_json) and the error itself.
  static JsonOutcome failure(Error error);
};

/// Parses the request, quotes it on `rulebook` and serialises the result: the one
/// JSON-to-quote path every binding (C ABI, CLI, service, wasm) goes through. Never throws.
JsonOutcome quote_json(const Rulebook& rulebook, std::string_view request_json);

/// The second half of quote_json, for a caller that looks at the parsed request first (the
/// service's work budget): quotes it and serialises the result. Never throws.
JsonOutcome quote_json(const Rulebook& rulebook, const Request& request);

} // namespace taoquote
