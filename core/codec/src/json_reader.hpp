// Private: strict JSON parsing into a DOM (depth limit, duplicate keys) and typed field readers
// that report failures with the field's JSON Pointer; used for rulebooks (requests are decoded
// without a DOM, request_decoder.hpp).
#pragma once

#include "taoquote/error.hpp"
#include "taoquote/instant.hpp"
#include "taoquote/names.hpp"
#include "taoquote/registry.hpp"
#include "taoquote/rulebook.hpp"
#include "value_checks.hpp"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace taoquote::codec {

using Json = nlohmann::json;

/// Parses `text` strictly: UTF-8 JSON, nesting ≤ 32, no duplicate keys, ≤ `max_bytes`.
/// Throws Failure (INVALID_JSON or LIMIT_EXCEEDED) for `doc`.
Json parse_strict(std::string_view text, ErrorDoc doc, std::size_t max_bytes);

/// The bytes of `j.dump()` (compact, members in key order) with the top-level member `omit`
/// left out; written without copying the document and with a table-driven escape, because
/// a rulebook's digest is taken over these bytes on every load.
std::string dump_without(const Json& j, std::string_view omit);

/// A JSON value with its pointer, and typed accessors that fail with that pointer.
class Node {
public:
  Node(const Json& j, std::string path, ErrorDoc doc) : j_(&j), path_(std::move(path)), doc_(doc) {}

  const std::string& path() const noexcept { return path_; }
  const Json& json() const noexcept { return *j_; }
  ErrorDoc doc() const noexcept { return doc_; }

  /// Fails unless this is an object whose keys are all in `allowed` (plus note/source when
  /// `annotations` is true).
  void expect_keys(std::initializer_list<std::string_view> allowed, bool annotations) const;
  bool has(std::string_view key) const;
  Node at(std::string_view key) const;                  ///< required member
  std::optional<Node> find(std::string_view key) const; ///< optional member (null = absent)
  /// The elements of an array of at most `max` (and at least `min`) entries.
  std::vector<Node> items(std::size_t min, std::size_t max) const;

  std::string string(std::size_t max_bytes = 1024) const;
  std::string id() const;                            ///< 1–64 of [A-Za-z0-9._:-]
  std::string hs_code(std::size_t min_digits) const; ///< digits only, min–10
  std::string attribute() const;                     ///< [a-z_]{1,32}
  std::int64_t integer(std::int64_t min, std::int64_t max) const;
  bool boolean() const;
  Decimal amount() const; ///< non-negative decimal string
  Rate rate() const;      ///< "0.19" or "22/78"
  CurrencyInfo currency() const;
  std::string country() const;
  Instant instant() const;
  CivilDate date() const;
  /// The enumerator whose stable name (names.hpp) is this string, else INVALID_FIELD
  /// listing the names.
  template <class E> E named() const { return read_named<E>(value(), where()); }
  /// The value as the shared checks (value_checks.hpp) take it.
  Value value() const;
  Where where() const { return Where(doc_, path_); }

  [[noreturn]] void error(ErrorCode code, std::string message) const;

private:
  const Json* j_;
  std::string path_;
  ErrorDoc doc_;
};

/// Reads the optional dated-rule fields valid_from / valid_to.
Validity read_validity(const Node& n);

} // namespace taoquote::codec
