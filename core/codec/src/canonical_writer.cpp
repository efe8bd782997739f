// Canonical JSON tokens: escaping exactly as nlohmann_json's dump() (UTF-8 kept as is,
// control characters as \b \f \n \r \t or \u00xx, '"' and '\\' escaped).
#include "canonical_writer.hpp"

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

void CanonicalWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.back()) out_ += ',';
  first_.back() = 0;
}

CanonicalWriter& CanonicalWriter::open(char c) {
  separate();
  out_ += c;
  first_.push_back(1);
  return *this;
}

CanonicalWriter& CanonicalWriter::close(char c) {
  first_.pop_back();
  out_ += c;
  return *this;
}

CanonicalWriter& CanonicalWriter::key(std::string_view k) {
  separate();
  escaped(k);
  out_ += ':';
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
  out_ += std::to_string(v);
  return *this;
}

CanonicalWriter& CanonicalWriter::boolean(bool v) {
  separate();
  out_ += v ? "true" : "false";
  return *this;
}

CanonicalWriter& CanonicalWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

CanonicalWriter& CanonicalWriter::raw_value(std::string_view json) {
  separate();
  out_ += json;
  return *this;
}

void CanonicalWriter::escaped(std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out_ += '"';
  // Runs of characters that need no escape (almost all of them) are appended at once.
  std::size_t run = 0, i = 0;
  // Whole words with nothing to escape are skipped eight bytes at a time.
  for (std::uint64_t w = 0; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    if (word_needs_escape(w)) break;
  }
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!escape_table.escape[c]) continue;
    out_.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
    case '"': out_ += "\\\""; break;
    case '\\': out_ += "\\\\"; break;
    case '\b': out_ += "\\b"; break;
    case '\f': out_ += "\\f"; break;
    case '\n': out_ += "\\n"; break;
    case '\r': out_ += "\\r"; break;
    case '\t': out_ += "\\t"; break;
    default:
      out_ += "\\u00";
      out_ += hex[c >> 4];
      out_ += hex[c & 0xF];
    }
  }
  out_.append(s.data() + run, s.size() - run);
  out_ += '"';
}

} // namespace taoquote::codec
