// Private: the checks every JSON value of a rulebook or request goes through, written once and
// shared by the DOM reader (rulebooks, json_reader) and the SAX decoder (requests,
// request_decoder). Each check either returns the typed value or fails with the value's JSON
// Pointer, a stable code and a sentence.
#pragma once

#include "taoquote/decimal.hpp"
#include "taoquote/error.hpp"
#include "taoquote/instant.hpp"
#include "taoquote/names.hpp"
#include "taoquote/registry.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace taoquote::codec {

/// Where a value sits: its document and its JSON Pointer, built only when a check fails (a
/// valid document allocates no pointer).
class Where {
public:
  using Build = std::string (*)(const void* context);
  Where(ErrorDoc doc, const std::string& path) : doc_(doc), path_(&path) {}
  Where(ErrorDoc doc, Build build, const void* context)
      : doc_(doc), build_(build), context_(context) {}

  ErrorDoc doc() const noexcept { return doc_; }
  std::string pointer() const { return path_ ? *path_ : build_(context_); }
  /// Throws the Failure for this value.
  [[noreturn]] void fail(ErrorCode code, std::string message) const;

private:
  ErrorDoc doc_;
  const std::string* path_ = nullptr;
  Build build_ = nullptr;
  const void* context_ = nullptr;
};

/// A JSON value as the parser delivers it: its kind and, for scalars, its content.
struct Value {
  enum class Kind : std::uint8_t {
    null,
    boolean,
    integer,
    unsigned_integer,
    floating,
    string,
    object,
    array
  };
  Kind kind = Kind::null;
  bool boolean = false;
  std::int64_t integer = 0;
  std::uint64_t unsigned_integer = 0;
  std::string_view string;
};

/// A string of at most `max_bytes` bytes.
std::string_view read_string(const Value& v, const Where& at, std::size_t max_bytes = 1024);
/// An id: 1–64 of [A-Za-z0-9._:-].
std::string_view read_id(const Value& v, const Where& at);
/// An HS code: `min_digits`–10 digits.
std::string_view read_hs_code(const Value& v, const Where& at, std::size_t min_digits);
/// An attribute: 1–32 of [a-z_].
std::string_view read_attribute(const Value& v, const Where& at);
/// A whole number in [min, max].
std::int64_t read_integer(const Value& v, const Where& at, std::int64_t min, std::int64_t max);
/// true or false.
bool read_boolean(const Value& v, const Where& at);
/// A non-negative decimal string (a JSON number is INVALID_AMOUNT, never a guess).
Decimal read_amount(const Value& v, const Where& at);
/// A rate: "0.19" or "22/78".
Rate read_rate(const Value& v, const Where& at);
/// An active ISO 4217 currency code.
CurrencyInfo read_currency(const Value& v, const Where& at);
/// An ISO 3166-1 alpha-2 country code.
std::string_view read_country(const Value& v, const Where& at);
/// An RFC 3339 instant.
Instant read_instant(const Value& v, const Where& at);
/// An ISO 8601 calendar date.
CivilDate read_date(const Value& v, const Where& at);
/// A BCP 47 language tag like "de-DE" (syntax only).
std::string_view read_locale(const Value& v, const Where& at);
/// An offer signature's algorithm: "ed25519", the only one read.
std::string_view read_signature_alg(const Value& v, const Where& at);
/// An offer signature's value: base64url without padding of 64 bytes (86 characters).
std::string_view read_signature_value(const Value& v, const Where& at);

/// The enumerator whose stable name (names.hpp) is this string, else INVALID_FIELD listing
/// the names.
template <class E> E read_named(const Value& v, const Where& at) {
  const std::string_view s = read_string(v, at, 64);
  if (const auto e = value_named<E>(s)) return *e;
  std::string list;
  for (const auto& row : names_of<E>())
    list += (list.empty() ? "" : ", ") + std::string(row.name);
  at.fail(ErrorCode::invalid_field, "Expected one of: " + list + ".");
}

/// The sentence for a value of the wrong JSON type where an object is expected.
inline constexpr const char* expected_object = "Expected an object.";
/// The sentence for a value of the wrong JSON type where an array is expected.
inline constexpr const char* expected_array = "Expected an array.";

} // namespace taoquote::codec
