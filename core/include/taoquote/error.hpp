// Errors as values: a stable code, the document and JSON Pointer it concerns, and a sentence.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace taoquote {

/// Stable error codes; their names (error_code_name) are part of the public contract and
/// are the same natively, in WebAssembly and over HTTP. See docs/errors.md.
enum class ErrorCode : std::uint8_t {
  invalid_json,            ///< not JSON, duplicate keys, nesting too deep
  invalid_field,           ///< wrong type, missing, unknown key or value out of range
  invalid_amount,          ///< an amount or rate that is not a valid decimal string
  invalid_instant,         ///< an instant or date that is not valid RFC 3339 / ISO 8601
  unknown_currency,        ///< not an active ISO 4217 code
  unknown_country,         ///< not an ISO 3166-1 alpha-2 code
  duplicate_id,            ///< an id used twice in one list
  tiers_out_of_order,      ///< quantity tiers whose min_qty do not strictly increase
  overlapping_dates,       ///< two versions of a rule in force at the same instant
  rulebook_invalid,        ///< an inconsistent rulebook (e.g. a tax base counting twice)
  unsupported_schema,      ///< a schema version this build does not read
  limit_exceeded,          ///< an input larger than the documented limits
  overflow,                ///< an amount beyond the documented magnitude limits
  unknown_seller,          ///< an offer naming an undeclared seller
  unknown_line,            ///< a requested shipping line that does not exist
  unsupported_destination, ///< a destination country the rulebook has no rules for
  no_offer,                ///< an item with no usable offer
  below_moq,               ///< an item whose quantity is below every offer's MOQ
  no_eligible_line,        ///< no shipping line can carry the parcel (detail lists why)
  line_ineligible,         ///< the requested line cannot carry the parcel
  fx_rate_missing,         ///< a currency the quote needs has no FX rate
  fx_stale,                ///< the FX table is older than its maximum age
  duty_rate_missing,       ///< no duty rate (and no default) covers an item's HS code and instant
  tax_rate_missing,        ///< no rate of an applicable tax covers an item's HS code
  invalid_argument,        ///< a binding called with a missing or wrong-typed argument (C, JS)
  internal                 ///< a defect in taoquote; please report it
};

/// The stable upper-case name of a code, e.g. "BELOW_MOQ".
std::string_view error_code_name(ErrorCode code) noexcept;

/// Which input document an error points into.
enum class ErrorDoc : std::uint8_t { rulebook, request };

/// "rulebook" or "request".
std::string_view error_doc_name(ErrorDoc doc) noexcept;

/// One entry of an error's detail list, e.g. a shipping line and why it is ineligible.
struct ErrorDetail {
  std::string id;     ///< what the entry is about (a line id)
  std::string reason; ///< a stable reason code (e.g. "OVERWEIGHT")
  std::string message;
};

/// A failure, as a value: never an exception or abort across a public boundary.
struct Error {
  ErrorCode code = ErrorCode::internal;
  ErrorDoc doc = ErrorDoc::request;
  std::string path; ///< JSON Pointer (RFC 6901) to the offending field, "" for the whole document
  std::string message; ///< one human sentence
  std::vector<ErrorDetail> detail;
};

/// Either a value or an Error.
template <class T> class Result {
public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}
  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const& { return std::get<1>(v_); }

private:
  std::variant<T, Error> v_;
};

/// Thrown inside the core to abandon a computation; caught at every public entry point
/// and returned as its Error. Never escapes the library.
struct Failure {
  Error error;
};

/// Builds and throws a Failure.
[[noreturn]] void fail(ErrorCode code, ErrorDoc doc, std::string path, std::string message);

/// The Error for the exception being handled; call it only inside a `catch` block. A Failure
/// gives its own Error; a range error of the decimal type or of Boost's checked integers gives
/// OVERFLOW; running out of memory gives LIMIT_EXCEEDED; anything else INTERNAL. This is the
/// one translation every entry point uses, so each binding reports a failure in the same words.
Error current_exception_error(ErrorDoc doc);

/// Runs `f` and returns its result (a Result<T> or an Error-constructible type); whatever `f`
/// throws is returned as current_exception_error(doc). The boundary of every public function.
template <class F> auto guarded(ErrorDoc doc, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (...) {
    return current_exception_error(doc);
  }
}

/// A JSON Pointer (RFC 6901) built from field tokens: `Path() / "items" / 3 / "quantity"` is
/// "/items/3/quantity". The one way the core and the codec name the field an error is about.
class Path {
public:
  Path() = default;
  Path operator/(std::string_view token) const;
  Path operator/(std::size_t index) const;
  /// The pointer text ("" for the whole document).
  const std::string& str() const noexcept { return text_; }
  operator const std::string&() const noexcept { return text_; }

private:
  explicit Path(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

/// Appends a reference token to a JSON Pointer, escaping `~` and `/` (RFC 6901).
std::string pointer_join(std::string_view base, std::string_view token);
/// Appends an array index to a JSON Pointer.
std::string pointer_join(std::string_view base, std::size_t index);

} // namespace taoquote
