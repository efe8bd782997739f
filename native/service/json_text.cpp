// JSON strings (via nlohmann_json, invalid UTF-8 replaced), locale-free fixed-point numbers and a
// flat object builder.
#include "json_text.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>

namespace taoquote::service {
namespace {

void append_uint(std::string& out, std::uint64_t v) {
  std::array<char, 24> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  out.append(buf.data(), r.ptr);
}

} // namespace

void append_json_string(std::string& out, std::string_view s) {
  // nlohmann_json escapes exactly like the codec's canonical writer and, with the `replace`
  // handler, turns invalid UTF-8 (e.g. a hostile request target) into U+FFFD.
  out +=
      nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
