// Small JSON writers for the service's own documents: log lines, HTTP error bodies, health
// and verify replies. Quotes and core error bodies are never re-serialised: they come from
// the codec as bytes and are copied verbatim.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace taoquote::service {

/// Appends `s` as a JSON string literal (with its quotes). `"` and `\` are escaped, control
/// characters become \b \f \n \r \t or \u00XX, valid UTF-8 is copied as is and invalid
/// UTF-8 becomes U+FFFD, so the output is always valid UTF-8 JSON even when `s` is a
/// client-supplied request target.
void append_json_string(std::string& out, std::string_view s);

/// Appends value / 10^fraction_digits with exactly `fraction_digits` digits after the point:
/// (1234567, 6) → "1.234567" (µs as seconds), (2083, 3) → "2.083" (µs as ms). Integer
/// arithmetic only: the output does not depend on the C locale (docs/decimal.md).
void append_fixed(std::string& out, std::uint64_t value, int fraction_digits);

/// Builds one flat JSON object member by member, in insertion order. Keys are trusted
/// literals; values are escaped (str), printed (num) or inserted verbatim (raw, which must
/// already be JSON).
class JsonObject {
public:
  JsonObject& str(std::string_view key, std::string_view value);
  JsonObject& num(std::string_view key, std::int64_t value);
  JsonObject& fixed(std::string_view key, std::uint64_t value, int fraction_digits);
  JsonObject& boolean(std::string_view key, bool value);
  JsonObject& null(std::string_view key);
  JsonObject& raw(std::string_view key, std::string_view json);
  /// The members written so far, each preceded by a comma: `,"a":1,"b":"x"`.
  const std::string& members() const noexcept { return members_; }
  /// The complete object: `{"a":1,"b":"x"}`.
  std::string text() const;

private:
  void key(std::string_view key);
  std::string members_;
};

} // namespace taoquote::service
