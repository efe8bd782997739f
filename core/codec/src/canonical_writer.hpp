// Private: a minimal streaming writer for canonical JSON (no whitespace, members in the
// order written). Byte-compatible with nlohmann_json's dump(); tests hold it to that.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace taoquote::codec {

/// Appends JSON tokens to a string, inserting commas; the caller writes keys in order.
class CanonicalWriter {
public:
  explicit CanonicalWriter(std::size_t reserve = 8192) : out_(reserve, '\0') {}

  CanonicalWriter& begin_object() { return open('{'); }
  CanonicalWriter& end_object() { return close('}'); }
  CanonicalWriter& begin_array() { return open('['); }
  CanonicalWriter& end_array() { return close(']'); }
  /// Writes a member name; the next value belongs to it.
  CanonicalWriter& key(std::string_view k);
  CanonicalWriter& string(std::string_view s);
  CanonicalWriter& integer(std::int64_t v);
  CanonicalWriter& boolean(bool v);
  CanonicalWriter& null();
  /// A value already written as JSON (e.g. a number another serializer formatted).
  CanonicalWriter& raw_value(std::string_view json);

  /// key + string value.
  CanonicalWriter& member(std::string_view k, std::string_view s) { return key(k).string(s); }

  /// The document written so far; the writer is spent.
  std::string take() {
    out_.resize(length_);
    return std::move(out_);
  }

private:
  CanonicalWriter& open(char c);
  CanonicalWriter& close(char c);
  void separate();
  void escaped(std::string_view s);
  /// `n` more bytes at the end of the output, for the caller to fill.
  char* room(std::size_t n) {
    if (out_.size() - length_ < n) grow(n);
    char* at = out_.data() + length_;
    length_ += n;
    return at;
  }
  void grow(std::size_t n);
  void put(char c) { *room(1) = c; }
  void put(std::string_view s) {
    if (!s.empty()) std::memcpy(room(s.size()), s.data(), s.size());
  }

  std::string out_;            ///< the buffer; bytes past length_ are spare room
  std::size_t length_ = 0;     ///< bytes written
  std::vector<char> first_{1}; ///< per open container: no element written yet
  bool after_key_ = false;
};

} // namespace taoquote::codec
