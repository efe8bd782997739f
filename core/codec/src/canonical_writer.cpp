// Canonical JSON tokens: escaping exactly as nlohmann_json's dump() (UTF-8 kept as is,
// control characters as \b \f \n \r \t or \u00xx, '"' and '\\' escaped).
#include "canonical_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace taoquote::codec {
namespace {

// Bytes that JSON strings must escape: control characters, '"' and '\\'.
struct EscapeTable {
  bool escape[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c)
      escape[c] = true;
    escape[static_cast<unsigned char>('"')] = true;
    escape[static_cast<unsigned char>('\\')] = true;
  }
};
constexpr EscapeTable escape_table;

// Whether any of 8 bytes needs an escape (< 0x20, '"' or '\\'), tested a word at a time: for
// each byte b, (b - k) & ~b & 0x80 is set when b < k (b < 0x80), and a byte equal to c
// becomes 0 after xor with c.
bool word_needs_escape(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  const auto below = [&](std::uint64_t x, std::uint64_t k) { return (x - ones * k) & ~x & highs; };
  return (below(w, 0x20) | below(w ^ (ones * '"'), 1) | below(w ^ (ones * '\\'), 1)) != 0;
}

} // namespace

void CanonicalWriter::grow(std::size_t n) {
  out_.resize(std::max(out_.size() * 2, length_ + n));
}

void CanonicalWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.back()) put(',');
  first_.back() = 0;
}

CanonicalWriter& CanonicalWriter::open(char c) {
  separate();
  put(c);
  first_.push_back(1);
  return *this;
}

CanonicalWriter& CanonicalWriter::close(char c) {
  first_.pop_back();
  put(c);
  return *this;
}

CanonicalWriter& CanonicalWriter::key(std::string_view k) {
  separate();
  escaped(k);
  put(':');
  after_key_ = true;
  return *this;
}

CanonicalWriter& CanonicalWriter::string(std::string_view s) {
  separate();
  escaped(s);
  return *this;
}

CanonicalWriter& CanonicalWriter::integer(std::int64_t v) {
  separate();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
  put(std::string_view(digits, static_cast<std::size_t>(end - digits)));
  return *this;
}

CanonicalWriter& CanonicalWriter::decimal(const Decimal& d, int min_fraction_digits) {
  separate();
  // Digits, '.' and '-' never need an escape: written between quotes as they are.
  char* at = room(Decimal::max_chars + 2);
  at[0] = '"';
  const std::size_t n = d.to_chars(at + 1, min_fraction_digits);
  at[n + 1] = '"';
  length_ -= Decimal::max_chars - n; // give back the room not used
  return *this;
}

CanonicalWriter& CanonicalWriter::boolean(bool v) {
  separate();
  put(v ? std::string_view("true") : std::string_view("false"));
  return *this;
}

CanonicalWriter& CanonicalWriter::null() {
  separate();
  put(std::string_view("null"));
  return *this;
}

CanonicalWriter& CanonicalWriter::raw_value(std::string_view json) {
  separate();
  put(json);
  return *this;
}

bool CanonicalWriter::plain(std::string_view s) {
  return std::none_of(s.begin(), s.end(),
                      [](char c) { return escape_table.escape[static_cast<unsigned char>(c)]; });
}

void CanonicalWriter::escaped(std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  // The first byte that needs an escape: whole words first, then byte by byte.
  std::size_t i = 0;
  for (std::uint64_t w = 0; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    if (word_needs_escape(w)) break;
  }
  while (i < s.size() && !escape_table.escape[static_cast<unsigned char>(s[i])])
    ++i;
  if (i == s.size()) { // nothing to escape (almost every string): one copy
    char* at = room(s.size() + 2);
    at[0] = '"';
    if (!s.empty()) std::memcpy(at + 1, s.data(), s.size());
    at[s.size() + 1] = '"';
    return;
  }
  put('"');
  std::size_t run = 0; // start of the bytes not written yet
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!escape_table.escape[c]) continue;
    put(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
    case '"': put(std::string_view("\\\"")); break;
    case '\\': put(std::string_view("\\\\")); break;
    case '\b': put(std::string_view("\\b")); break;
    case '\f': put(std::string_view("\\f")); break;
    case '\n': put(std::string_view("\\n")); break;
    case '\r': put(std::string_view("\\r")); break;
    case '\t': put(std::string_view("\\t")); break;
    default: {
      char* at = room(6);
      at[0] = '\\';
      at[1] = 'u';
      at[2] = '0';
      at[3] = '0';
      at[4] = hex[c >> 4];
      at[5] = hex[c & 0xF];
    }
    }
  }
  put(s.substr(run));
  put('"');
}

} // namespace taoquote::codec
