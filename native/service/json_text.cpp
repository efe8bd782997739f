// JSON escaping (UTF-8 validated), locale-free fixed-point numbers and a flat object builder.
#include "json_text.hpp"

#include <array>
#include <charconv>

namespace taoquote::service {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const auto cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0; // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(1) >= 0x90) return 0; // above U+10FFFF
    return 4;
  }
  return 0;
}

void append_uint(std::string& out, std::uint64_t v) {
  std::array<char, 24> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  out.append(buf.data(), r.ptr);
}

} // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_length(s, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD"; // U+FFFD
        ++i;
      } else {
        out.append(s, i, n);
        i += n;
      }
      continue;
    }
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (c < 0x20) {
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xF];
      } else {
        out += static_cast<char>(c);
      }
    }
    ++i;
  }
  out += '"';
}

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

void append_fixed(std::string& out, std::uint64_t value, int fraction_digits) {
  std::uint64_t pow = 1;
  for (int i = 0; i < fraction_digits; ++i)
    pow *= 10;
  append_uint(out, value / pow);
  out += '.';
  std::string frac;
  append_uint(frac, value % pow);
  out.append(static_cast<std::size_t>(fraction_digits) - frac.size(), '0');
  out += frac;
}

void JsonObject::key(std::string_view key) {
  members_ += ',';
  append_json_string(members_, key);
  members_ += ':';
}

JsonObject& JsonObject::str(std::string_view key, std::string_view value) {
  this->key(key);
  append_json_string(members_, value);
  return *this;
}

JsonObject& JsonObject::num(std::string_view key, std::int64_t value) {
  this->key(key);
  std::array<char, 24> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  members_.append(buf.data(), r.ptr);
  return *this;
}

JsonObject& JsonObject::fixed(std::string_view key, std::uint64_t value, int fraction_digits) {
  this->key(key);
  append_fixed(members_, value, fraction_digits);
  return *this;
}

JsonObject& JsonObject::boolean(std::string_view key, bool value) {
  this->key(key);
  members_ += value ? "true" : "false";
  return *this;
}

JsonObject& JsonObject::null(std::string_view key) {
  this->key(key);
  members_ += "null";
  return *this;
}

JsonObject& JsonObject::raw(std::string_view key, std::string_view json) {
  this->key(key);
  members_ += json;
  return *this;
}

std::string JsonObject::text() const {
  if (members_.empty()) return "{}";
  return "{" + members_.substr(1) + "}";
}

} // namespace taoquote::service
