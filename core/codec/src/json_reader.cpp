// Strict JSON parsing on nlohmann_json's SAX interface, and typed readers with pointers.
#include "json_reader.hpp"

#include "canonical_writer.hpp"

#include <algorithm>
#include <cstdint>

namespace taoquote::codec {
namespace {

constexpr std::size_t max_depth = 32;

// Builds a DOM like nlohmann's own, but stops at excessive depth and duplicate keys.
class StrictSax {
public:
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  bool null() { return add(Json(nullptr)); }
  bool boolean(bool v) { return add(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return add(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return add(Json(v)); }
  bool number_float(Json::number_float_t v, const string_t&) { return add(Json(v)); }
  bool string(string_t& v) { return add(Json(std::move(v))); }
  bool binary(binary_t&) { return stop("binary values are not JSON"); }
  bool start_object(std::size_t) { return open(Json::object()); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(string_t& k) {
    // One lookup both refuses a duplicate and makes the member's slot (stable in a std::map).
    auto [it, inserted] = stack_.back()->get_ref<Json::object_t&>().try_emplace(std::move(k));
    if (!inserted) return stop("the key \"" + it->first + "\" appears twice in one object");
    slot_ = &it->second;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
    return stop("syntax error at byte " + std::to_string(position));
  }

  Json root;
  std::string problem;

private:
  bool stop(std::string why) {
    if (problem.empty()) problem = std::move(why);
    return false;
  }
  Json* place(Json&& v) {
    if (stack_.empty()) {
      root = std::move(v);
      return &root;
    }
    Json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    *slot_ = std::move(v);
    return slot_;
  }
  bool add(Json&& v) {
    place(std::move(v));
    return true;
  }
  bool open(Json&& container) {
    if (stack_.size() >= max_depth) return stop("nesting deeper than 32 levels");
    stack_.push_back(place(std::move(container)));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }
  std::vector<Json*> stack_;
  Json* slot_ = nullptr; ///< the member the last key made, for the value that follows it
};

// Writes `v` as nlohmann's dump() would, leaving out the member named `*omit` if given. Numbers
// that are not integers in int64's range are formatted by dump() itself.
void write_dump(CanonicalWriter& w, const Json& v, const std::string_view* omit) {
  switch (v.type()) {
  case Json::value_t::object:
    w.begin_object();
    for (const auto& [key, member] : v.items()) {
      if (omit && key == *omit) continue;
      w.key(key);
      write_dump(w, member, nullptr);
    }
    w.end_object();
    return;
  case Json::value_t::array:
    w.begin_array();
    for (const Json& element : v)
      write_dump(w, element, nullptr);
    w.end_array();
    return;
  case Json::value_t::string: w.string(v.get_ref<const std::string&>()); return;
  case Json::value_t::boolean: w.boolean(v.get<bool>()); return;
  case Json::value_t::null: w.null(); return;
  case Json::value_t::number_integer: w.integer(v.get<std::int64_t>()); return;
  case Json::value_t::number_unsigned:
    if (const auto u = v.get<std::uint64_t>(); u <= INT64_MAX) {
      w.integer(static_cast<std::int64_t>(u));
      return;
    }
    break;
  default: break;
  }
  w.raw_value(v.dump());
}

} // namespace

std::string dump_without(const Json& j, std::string_view omit) {
  CanonicalWriter w(1 << 16);
  write_dump(w, j, &omit);
  return w.take();
}

Json parse_strict(std::string_view text, ErrorDoc doc, std::size_t max_bytes) {
  if (text.size() > max_bytes)
    fail(ErrorCode::limit_exceeded, doc, "",
         "The " + std::string(error_doc_name(doc)) + " is larger than " +
             std::to_string(max_bytes / 1024) + " KiB.");
  StrictSax sax;
  const bool ok = Json::sax_parse(text.begin(), text.end(), &sax, Json::input_format_t::json, true);
  if (!ok || !sax.problem.empty())
    fail(ErrorCode::invalid_json, doc, "",
         "The " + std::string(error_doc_name(doc)) +
             " is not valid JSON: " + (sax.problem.empty() ? "syntax error" : sax.problem) + ".");
  return std::move(sax.root);
}

void Node::error(ErrorCode code, std::string message) const {
  fail(code, doc_, path_, std::move(message));
}

void Node::expect_keys(std::initializer_list<std::string_view> allowed, bool annotations) const {
  if (!j_->is_object()) error(ErrorCode::invalid_field, expected_object);
  for (const auto& [key, value] : j_->items()) {
    const bool known = std::find(allowed.begin(), allowed.end(), key) != allowed.end();
    if (known) continue;
    if (annotations && (key == "note" || key == "source")) {
      Node(value, pointer_join(path_, key), doc_).string();
      continue;
    }
    fail(ErrorCode::invalid_field, doc_, pointer_join(path_, key),
         "Unknown field \"" + key + "\".");
  }
}

bool Node::has(std::string_view key) const {
  const auto it = j_->find(key);
  return it != j_->end() && !it->is_null();
}

Node Node::at(std::string_view key) const {
  const auto it = j_->find(key);
  if (it == j_->end() || it->is_null())
    fail(ErrorCode::invalid_field, doc_, pointer_join(path_, key),
         "Missing required field \"" + std::string(key) + "\".");
  return Node(*it, pointer_join(path_, key), doc_);
}

std::optional<Node> Node::find(std::string_view key) const {
  const auto it = j_->find(key);
  if (it == j_->end() || it->is_null()) return std::nullopt;
  return Node(*it, pointer_join(path_, key), doc_);
}

std::vector<Node> Node::items(std::size_t min, std::size_t max) const {
  if (!j_->is_array()) error(ErrorCode::invalid_field, expected_array);
  if (j_->size() > max)
    error(ErrorCode::limit_exceeded, "At most " + std::to_string(max) + " entries are allowed.");
  if (j_->size() < min)
    error(ErrorCode::invalid_field, "At least " + std::to_string(min) + " entries are required.");
  std::vector<Node> out;
  out.reserve(j_->size());
  for (std::size_t i = 0; i < j_->size(); ++i)
    out.emplace_back((*j_)[i], pointer_join(path_, i), doc_);
  return out;
}

Value Node::value() const {
  Value v;
  switch (j_->type()) {
  case Json::value_t::boolean:
    v.kind = Value::Kind::boolean;
    v.boolean = j_->get<bool>();
    break;
  case Json::value_t::number_integer:
    v.kind = Value::Kind::integer;
    v.integer = j_->get<std::int64_t>();
    break;
  case Json::value_t::number_unsigned:
    v.kind = Value::Kind::unsigned_integer;
    v.unsigned_integer = j_->get<std::uint64_t>();
    break;
  case Json::value_t::number_float: v.kind = Value::Kind::floating; break;
  case Json::value_t::string:
    v.kind = Value::Kind::string;
    v.string = j_->get_ref<const std::string&>();
    break;
  case Json::value_t::object: v.kind = Value::Kind::object; break;
  case Json::value_t::array: v.kind = Value::Kind::array; break;
  default: break;
  }
  return v;
}

std::string Node::string(std::size_t max_bytes) const {
  return std::string(read_string(value(), where(), max_bytes));
}
std::string Node::id() const {
  return std::string(read_id(value(), where()));
}
std::string Node::hs_code(std::size_t min_digits) const {
  return std::string(read_hs_code(value(), where(), min_digits));
}
std::string Node::attribute() const {
  return std::string(read_attribute(value(), where()));
}
std::int64_t Node::integer(std::int64_t min, std::int64_t max) const {
  return read_integer(value(), where(), min, max);
}
bool Node::boolean() const {
  return read_boolean(value(), where());
}
Decimal Node::amount() const {
  return read_amount(value(), where());
}
Rate Node::rate() const {
  return read_rate(value(), where());
}
CurrencyInfo Node::currency() const {
  return read_currency(value(), where());
}
std::string Node::country() const {
  return std::string(read_country(value(), where()));
}
Instant Node::instant() const {
  return read_instant(value(), where());
}
CivilDate Node::date() const {
  return read_date(value(), where());
}

Validity read_validity(const Node& n) {
  Validity v;
  if (auto f = n.find("valid_from")) v.from = f->instant();
  if (auto t = n.find("valid_to")) v.to = t->instant();
  return v;
}

} // namespace taoquote::codec
