// Private: a minimal streaming writer for canonical JSON (no whitespace, members in the
// order written). Byte-compatible with nlohmann_json's dump(); tests hold it to that.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace taoquote::codec {

/// Appends JSON tokens to a string, inserting commas; the caller writes keys in order.
class CanonicalWriter {
public:
  explicit CanonicalWriter(std::size_t reserve = 8192) { out_.reserve(reserve); }

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

  std::string take() { return std::move(out_); }

private:
  CanonicalWriter& open(char c);
  CanonicalWriter& close(char c);
  void separate();
  void escaped(std::string_view s);

  std::string out_;
  std::vector<char> first_{1}; ///< per open container: no element written yet
  bool after_key_ = false;
};

} // namespace taoquote::codec
