// Private: a minimal streaming writer for canonical JSON (no whitespace, members in the
// order written). Byte-compatible with nlohmann_json's dump(); tests hold it to that.
#pragma once

#include "taoquote/money.hpp"

#include <cassert>
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
  /// A member name spelled in our own code (a literal of plain characters, which never needs
  /// an escape): copied as it is, with no scan.
  template <std::size_t N> CanonicalWriter& key(const char (&k)[N]) {
    static_assert(N > 1, "a member name is not empty");
    assert(plain(std::string_view(k, N - 1)));
    separate();
    char* at = room(N + 2);
    at[0] = '"';
    std::memcpy(at + 1, k, N - 1);
    at[N] = '"';
    at[N + 1] = ':';
    after_key_ = true;
    return *this;
  }
  CanonicalWriter& string(std::string_view s);
  CanonicalWriter& integer(std::int64_t v);
  CanonicalWriter& boolean(bool v);
  CanonicalWriter& null();
  /// An amount as a JSON string ("12.50"): `min_fraction_digits` as Decimal::to_string.
  CanonicalWriter& decimal(const Decimal& d, int min_fraction_digits = 0);
  /// A settled amount as a JSON string with its currency's minor digits (Money::to_string).
  CanonicalWriter& money(const Money& m) { return decimal(m.amount(), m.currency().minor_units); }
  /// A value already written as JSON (e.g. a number another serializer formatted).
  CanonicalWriter& raw_value(std::string_view json);

  /// key + string value, and key + amount, for a name spelled in our own code (see key).
  template <std::size_t N> CanonicalWriter& member(const char (&k)[N], std::string_view s) {
    return key(k).string(s);
  }
  template <std::size_t N> CanonicalWriter& member(const char (&k)[N], const Money& m) {
    return key(k).money(m);
  }

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
  /// Whether `s` needs no escape in a JSON string.
  static bool plain(std::string_view s);
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
