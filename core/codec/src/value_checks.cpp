// The value checks shared by the rulebook reader and the request decoder.
#include "value_checks.hpp"

#include <algorithm>

namespace taoquote::codec {
namespace {

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == ':' || c == '-';
}

const char* syntax_sentence(DecimalSyntax s) {
  switch (s) {
  case DecimalSyntax::too_many_integer_digits: return "has more than 15 integer digits";
  case DecimalSyntax::too_many_fraction_digits: return "has more than 12 fraction digits";
  default: return "is not a decimal string like \"12.50\"";
  }
}

} // namespace

void Where::fail(ErrorCode code, std::string message) const {
  taoquote::fail(code, doc_, pointer(), std::move(message));
}

std::string_view read_string(const Value& v, const Where& at, std::size_t max_bytes) {
  if (v.kind != Value::Kind::string) at.fail(ErrorCode::invalid_field, "Expected a string.");
  if (v.string.size() > max_bytes)
    at.fail(ErrorCode::limit_exceeded, "Longer than " + std::to_string(max_bytes) + " bytes.");
  return v.string;
}

std::string_view read_id(const Value& v, const Where& at) {
  const std::string_view s = read_string(v, at, 64);
  if (s.empty() || !std::all_of(s.begin(), s.end(), is_id_char))
    at.fail(ErrorCode::invalid_field, "An id is 1–64 characters from A–Z a–z 0–9 . _ : -.");
  return s;
}

std::string_view read_hs_code(const Value& v, const Where& at, std::size_t min_digits) {
  const std::string_view s = read_string(v, at, 10);
  if (s.size() < min_digits ||
      !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    at.fail(ErrorCode::invalid_field,
            "An HS code is " + std::to_string(min_digits) + "–10 digits.");
  return s;
}

std::string_view read_attribute(const Value& v, const Where& at) {
  const std::string_view s = read_string(v, at, 32);
  if (s.empty() ||
      !std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; }))
    at.fail(ErrorCode::invalid_field, "An attribute is 1–32 characters from a–z and _.");
  return s;
}

std::int64_t read_integer(const Value& v, const Where& at, std::int64_t min, std::int64_t max) {
  auto out_of_range = [&] {
    at.fail(ErrorCode::invalid_field,
            "Must be between " + std::to_string(min) + " and " + std::to_string(max) + ".");
  };
  std::int64_t n = 0;
  if (v.kind == Value::Kind::unsigned_integer) {
    if (v.unsigned_integer > static_cast<std::uint64_t>(max)) out_of_range();
    n = static_cast<std::int64_t>(v.unsigned_integer);
  } else if (v.kind == Value::Kind::integer) {
    n = v.integer;
  } else {
    at.fail(ErrorCode::invalid_field, "Expected a whole number.");
  }
  if (n < min || n > max) out_of_range();
  return n;
}

bool read_boolean(const Value& v, const Where& at) {
  if (v.kind != Value::Kind::boolean) at.fail(ErrorCode::invalid_field, "Expected true or false.");
  return v.boolean;
}

Decimal read_amount(const Value& v, const Where& at) {
  if (v.kind != Value::Kind::string)
    at.fail(ErrorCode::invalid_amount,
            "An amount is a decimal string like \"12.50\"; JSON numbers are not accepted.");
  Decimal d;
  const auto syntax = Decimal::parse(v.string, d);
  if (syntax != DecimalSyntax::ok)
    at.fail(ErrorCode::invalid_amount, std::string("The amount ") + syntax_sentence(syntax) + ".");
  if (d.is_negative()) at.fail(ErrorCode::invalid_amount, "The amount must not be negative.");
  return d;
}

Rate read_rate(const Value& v, const Where& at) {
  if (v.kind != Value::Kind::string)
    at.fail(ErrorCode::invalid_amount,
            "A rate is a decimal string like \"0.19\" or a ratio like \"22/78\"; JSON numbers are "
            "not accepted.");
  Rate r;
  if (!Rate::parse(v.string, r))
    at.fail(ErrorCode::invalid_amount,
            "A rate is a non-negative decimal string (≤ 15 integer and ≤ 12 fraction digits) or "
            "a ratio \"p/q\" with q > 0.");
  return r;
}

CurrencyInfo read_currency(const Value& v, const Where& at) {
  const std::string_view s = read_string(v, at, 16);
  const auto c = find_currency(s);
  if (!c)
    at.fail(ErrorCode::unknown_currency,
            "\"" + std::string(s) + "\" is not an active ISO 4217 currency.");
  return *c;
}

std::string_view read_country(const Value& v, const Where& at) {
  const std::string_view s = read_string(v, at, 16);
  if (!is_country(s))
    at.fail(ErrorCode::unknown_country,
            "\"" + std::string(s) + "\" is not an ISO 3166-1 alpha-2 country code.");
  return s;
}

Instant read_instant(const Value& v, const Where& at) {
  const auto t = parse_instant(read_string(v, at, 64));
  if (!t)
    at.fail(ErrorCode::invalid_instant,
            "Expected an RFC 3339 instant like \"2026-11-25T08:00:00Z\" (years 2000–2199).");
  return *t;
}

std::string_view read_signature_alg(const Value& v, const Where& at) {
  const std::string_view s = read_string(v, at, 16);
  if (s != "ed25519") at.fail(ErrorCode::invalid_field, "Expected the algorithm \"ed25519\".");
  return s;
}

std::string_view read_signature_value(const Value& v, const Where& at) {
  const std::string_view s = read_string(v, at, 128);
  const bool alphabet = std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
  // 64 bytes in base64url without padding: 86 characters, the last one of 4 bits.
  if (s.size() != 86 || !alphabet || std::string_view("AQgw").find(s.back()) == s.npos)
    at.fail(ErrorCode::invalid_field,
            "Expected a 64-byte Ed25519 signature in base64url without padding (86 characters).");
  return s;
}

CivilDate read_date(const Value& v, const Where& at) {
  const auto d = parse_date(read_string(v, at, 16));
  if (!d) at.fail(ErrorCode::invalid_instant, "Expected a date like \"2027-02-06\".");
  return *d;
}

std::string_view read_locale(const Value& v, const Where& at) {
  const std::string_view tag = read_string(v, at, 35);
  if (tag.empty() || tag.front() == '-' || tag.back() == '-' ||
      tag.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") !=
          std::string_view::npos)
    at.fail(ErrorCode::invalid_field, "A locale is a BCP 47 tag like \"de-DE\".");
  return tag;
}

} // namespace taoquote::codec
