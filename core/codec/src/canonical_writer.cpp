// Canonical JSON tokens: escaping exactly as nlohmann_json's dump() (UTF-8 kept as is,
// control characters as \b \f \n \r \t or \u00xx, '"' and '\\' escaped).
#include "canonical_writer.hpp"

namespace taoquote::codec {

void CanonicalWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.back()) out_ += ',';
  first_.back() = false;
}

CanonicalWriter& CanonicalWriter::open(char c) {
  separate();
  out_ += c;
  first_.push_back(true);
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

void CanonicalWriter::escaped(std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out_ += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
    case '"': out_ += "\\\""; break;
    case '\\': out_ += "\\\\"; break;
    case '\b': out_ += "\\b"; break;
    case '\f': out_ += "\\f"; break;
    case '\n': out_ += "\\n"; break;
    case '\r': out_ += "\\r"; break;
    case '\t': out_ += "\\t"; break;
    default:
      if (c < 0x20) {
        out_ += "\\u00";
        out_ += hex[c >> 4];
        out_ += hex[c & 0xF];
      } else {
        out_ += ch;
      }
    }
  }
  out_ += '"';
}

} // namespace taoquote::codec
