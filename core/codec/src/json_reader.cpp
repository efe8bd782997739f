// Strict JSON parsing on nlohmann_json's SAX interface, and typed readers with pointers.
#include "json_reader.hpp"

#include <algorithm>

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
    if (stack_.back()->contains(k))
      return stop("the key \"" + k + "\" appears twice in one object");
    key_ = std::move(k);
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
    Json& slot = top[key_];
    slot = std::move(v);
    return &slot;
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
  std::string key_;
};

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == ':' || c == '-';
}

const char* syntax_sentence(DecimalSyntax s) {
  switch (s) {
  case DecimalSyntax::too_many_integer_digits: return "has more than 15 integer digits";
  case DecimalSyntax::too_many_fraction_digits: return "has more than 12 fraction digits";
  default: return "is not a decimal string like \"12.50\"";
  }
}

} // namespace

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
  if (!j_->is_object()) error(ErrorCode::invalid_field, "Expected an object.");
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
  if (!j_->is_array()) error(ErrorCode::invalid_field, "Expected an array.");
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

std::string Node::string(std::size_t max_bytes) const {
  if (!j_->is_string()) error(ErrorCode::invalid_field, "Expected a string.");
  const auto& s = j_->get_ref<const std::string&>();
  if (s.size() > max_bytes)
    error(ErrorCode::limit_exceeded, "Longer than " + std::to_string(max_bytes) + " bytes.");
  return s;
}

std::string Node::id() const {
  std::string s = string(64);
  if (s.empty() || !std::all_of(s.begin(), s.end(), is_id_char))
    error(ErrorCode::invalid_field, "An id is 1–64 characters from A–Z a–z 0–9 . _ : -.");
  return s;
}

std::string Node::hs_code(std::size_t min_digits) const {
  std::string s = string(10);
  if (s.size() < min_digits ||
      !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    error(ErrorCode::invalid_field, "An HS code is " + std::to_string(min_digits) + "–10 digits.");
  return s;
}

std::string Node::attribute() const {
  std::string s = string(32);
  if (s.empty() ||
      !std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; }))
    error(ErrorCode::invalid_field, "An attribute is 1–32 characters from a–z and _.");
  return s;
}

std::int64_t Node::integer(std::int64_t min, std::int64_t max) const {
  std::int64_t v = 0;
  if (j_->is_number_unsigned()) {
    const auto u = j_->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(max))
      error(ErrorCode::invalid_field,
            "Must be between " + std::to_string(min) + " and " + std::to_string(max) + ".");
    v = static_cast<std::int64_t>(u);
  } else if (j_->is_number_integer()) {
    v = j_->get<std::int64_t>();
  } else {
    error(ErrorCode::invalid_field, "Expected a whole number.");
  }
  if (v < min || v > max)
    error(ErrorCode::invalid_field,
          "Must be between " + std::to_string(min) + " and " + std::to_string(max) + ".");
  return v;
}

bool Node::boolean() const {
  if (!j_->is_boolean()) error(ErrorCode::invalid_field, "Expected true or false.");
  return j_->get<bool>();
}

Decimal Node::amount() const {
  if (!j_->is_string())
    error(ErrorCode::invalid_amount,
          "An amount is a decimal string like \"12.50\"; JSON numbers are not accepted.");
  Decimal d;
  const auto syntax = Decimal::parse(j_->get_ref<const std::string&>(), d);
  if (syntax != DecimalSyntax::ok)
    error(ErrorCode::invalid_amount, std::string("The amount ") + syntax_sentence(syntax) + ".");
  if (d.is_negative()) error(ErrorCode::invalid_amount, "The amount must not be negative.");
  return d;
}

Rate Node::rate() const {
  if (!j_->is_string())
    error(ErrorCode::invalid_amount,
          "A rate is a decimal string like \"0.19\" or a ratio like \"22/78\"; JSON numbers are "
          "not accepted.");
  Rate r;
  if (!Rate::parse(j_->get_ref<const std::string&>(), r))
    error(ErrorCode::invalid_amount,
          "A rate is a non-negative decimal string (≤ 15 integer and ≤ 12 fraction digits) or "
          "a ratio \"p/q\" with q > 0.");
  return r;
}

CurrencyInfo Node::currency() const {
  const std::string s = string(16);
  const auto c = find_currency(s);
  if (!c) error(ErrorCode::unknown_currency, "\"" + s + "\" is not an active ISO 4217 currency.");
  return *c;
}

std::string Node::country() const {
  std::string s = string(16);
  if (!is_country(s))
    error(ErrorCode::unknown_country, "\"" + s + "\" is not an ISO 3166-1 alpha-2 country code.");
  return s;
}

Instant Node::instant() const {
  const auto t = parse_instant(string(64));
  if (!t)
    error(ErrorCode::invalid_instant,
          "Expected an RFC 3339 instant like \"2026-11-25T08:00:00Z\" (years 2000–2199).");
  return *t;
}

CivilDate Node::date() const {
  const auto d = parse_date(string(16));
  if (!d) error(ErrorCode::invalid_instant, "Expected a date like \"2027-02-06\".");
  return *d;
}

Validity read_validity(const Node& n) {
  Validity v;
  if (auto f = n.find("valid_from")) v.from = f->instant();
  if (auto t = n.find("valid_to")) v.to = t->instant();
  return v;
}

} // namespace taoquote::codec
