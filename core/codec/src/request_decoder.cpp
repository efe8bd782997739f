// Requests from SAX events: a stack of frames, one per open object or array, each knowing which
// typed field its next value fills. The first field error is kept and the rest of the document
// is still read for syntax, so a malformed document is INVALID_JSON whatever its fields say.
#include "request_decoder.hpp"

#include "codec_internal.hpp"
#include "taoquote/codec.hpp"
#include "value_checks.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace taoquote::codec {
namespace {

// The lexer's string type. libstdc++ declares std::string's members extern, so the lexer's
// byte-at-a-time appends to a std::string go through the shared library; a string whose
// allocator is a type of our own is instantiated in this file instead, where the optimiser
// sees it (request parse ≈ 5 % faster). Keys and values reach the decoder as views either way.
template <class T> struct LexerAllocator : std::allocator<T> {
  template <class U> struct rebind { using other = LexerAllocator<U>; };
  LexerAllocator() = default;
  template <class U> explicit LexerAllocator(const LexerAllocator<U>&) noexcept {}
};
using LexerString = std::basic_string<char, std::char_traits<char>, LexerAllocator<char>>;
using Json = nlohmann::basic_json<std::map, std::vector, LexerString>;

constexpr std::size_t max_depth = 32;

// What a frame decodes. Objects first, then arrays, then a subtree read for syntax only.
enum class Kind : std::uint8_t {
  root,
  destination,
  seller,
  item,
  offer,
  tier,
  signature,
  sellers,
  items,
  offers,
  tiers,
  dimensions,
  attributes,
  skip_object,
  skip_array
};

bool is_object(Kind k) {
  return k <= Kind::signature || k == Kind::skip_object;
}

// The fields of each object kind, in the order their absence is reported.
constexpr std::string_view root_fields[] = {
    "at",     "destination", "sellers",       "items",  "$schema", "schema", "currency",
    "locale", "line",        "cash_rounding", "choose", "partial", "split"};
constexpr std::string_view destination_fields[] = {"country", "postal_code"};
constexpr std::string_view seller_fields[] = {"id", "platform", "shipping", "free_over"};
constexpr std::string_view item_fields[] = {"id",         "title",    "hs_code",
                                            "quantity",   "weight_g", "dimensions_cm",
                                            "attributes", "origin",   "offers"};
constexpr std::string_view offer_fields[] = {"seller", "unit_price", "tiers",
                                             "moq",    "expires_at", "signature"};
constexpr std::string_view tier_fields[] = {"min_qty", "unit_price"};
constexpr std::string_view signature_fields[] = {"kid", "alg", "value"};

/// A kind's field names: a view of one of the constant tables above.
struct Fields {
  const std::string_view* first = nullptr;
  std::size_t count = 0;
  const std::string_view* begin() const { return first; }
  const std::string_view* end() const { return first + count; }
  const std::string_view& operator[](std::size_t i) const { return first[i]; }
};
template <std::size_t N> constexpr Fields fields(const std::string_view (&names)[N]) {
  return {names, N};
}
Fields fields_of(Kind k) {
  switch (k) {
  case Kind::root: return fields(root_fields);
  case Kind::destination: return fields(destination_fields);
  case Kind::seller: return fields(seller_fields);
  case Kind::item: return fields(item_fields);
  case Kind::offer: return fields(offer_fields);
  case Kind::tier: return fields(tier_fields);
  case Kind::signature: return fields(signature_fields);
  default: return {};
  }
}

// How many leading fields of each kind are required.
std::size_t required_of(Kind k) {
  switch (k) {
  case Kind::root: return 4;
  case Kind::destination: return 1;
  case Kind::seller: return 3;
  case Kind::item: return 6; // id … dimensions_cm; offers is checked with them, below
  case Kind::offer: return 1;
  case Kind::tier: return 2;
  case Kind::signature: return 3;
  default: return 0;
  }
}

struct Frame {
  explicit Frame(Kind k) : kind(k) {}
  Kind kind;
  std::uint32_t seen = 0;    ///< known keys met (duplicates are INVALID_JSON)
  std::uint32_t present = 0; ///< known keys with a non-null value
  int field = -1;            ///< objects: index of the current key in fields_of(kind), -1 unknown
  std::size_t count = 0;     ///< arrays: elements started
  std::string key;           ///< objects: the current key when it is not a known field
  std::vector<std::string> other_keys; ///< objects: keys outside fields_of(kind)
};

// The array bounds of docs/schema.md.
struct Bounds {
  std::size_t min, max;
};
Bounds bounds_of(Kind k) {
  switch (k) {
  case Kind::sellers:
  case Kind::items: return {1, 200};
  case Kind::offers:
  case Kind::tiers: return {1, 32};
  case Kind::dimensions: return {3, 3};
  case Kind::attributes: return {0, 32};
  default: return {0, SIZE_MAX};
  }
}

class Decoder {
public:
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  bool null() { return value(Value{}); }
  bool boolean(bool b) {
    Value v;
    v.kind = Value::Kind::boolean;
    v.boolean = b;
    return value(v);
  }
  bool number_integer(Json::number_integer_t n) {
    Value v;
    v.kind = Value::Kind::integer;
    v.integer = n;
    return value(v);
  }
  bool number_unsigned(Json::number_unsigned_t n) {
    Value v;
    v.kind = Value::Kind::unsigned_integer;
    v.unsigned_integer = n;
    return value(v);
  }
  // A template: the binary formats' readers, compiled in but never used, pass a std::string.
  template <class Text> bool number_float(Json::number_float_t, const Text&) {
    Value v;
    v.kind = Value::Kind::floating;
    return value(v);
  }
  bool string(string_t& s) {
    Value v;
    v.kind = Value::Kind::string;
    v.string = s;
    return value(v);
  }
  bool binary(binary_t&) { return stop("binary values are not JSON"); }
  bool start_object(std::size_t) { return open(true); }
  bool start_array(std::size_t) { return open(false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(string_t& k);
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
    return stop("syntax error at byte " + std::to_string(position));
  }

  Request request;
  std::optional<Error> error; ///< the first field error
  std::string problem;        ///< why the text is not valid JSON

private:
  static std::string twice(std::string_view key) {
    return "the key \"" + std::string(key) + "\" appears twice in one object";
  }
  bool stop(std::string why) {
    if (problem.empty()) problem = std::move(why);
    return false;
  }
  bool skipping() const { return error.has_value(); }
  template <class F> bool guard(F&& f) {
    if (skipping()) return true;
    try {
      f();
    } catch (const Failure& failure) {
      error = failure.error;
    }
    return true;
  }

  std::string pointer(std::size_t frames) const;
  static std::string value_pointer(const void* self) {
    const auto* d = static_cast<const Decoder*>(self);
    return d->pointer(d->stack_.size());
  }
  Where here() const { return Where(ErrorDoc::request, &Decoder::value_pointer, this); }
  Where at_frame() const {
    return Where(
        ErrorDoc::request,
        [](const void* self) {
          const auto* d = static_cast<const Decoder*>(self);
          return d->pointer(d->stack_.size() - 1);
        },
        this);
  }

  std::optional<Kind> container_for(const Frame& parent) const;
  bool open(bool object);
  bool close();
  bool value(const Value& v);
  void scalar(Frame& f, const Value& v);
  void root_field(int field, const Value& v);
  void item_field(int field, const Value& v);
  void element(Frame& f, const Value& v);
  void finish_object(const Frame& f);
  void begin_object(Kind k);

  std::vector<Frame> stack_;
};

std::string Decoder::pointer(std::size_t frames) const {
  std::string out;
  for (std::size_t i = 0; i < frames; ++i) {
    const Frame& f = stack_[i];
    if (is_object(f.kind))
      out = pointer_join(out, f.field >= 0 ? fields_of(f.kind)[f.field] : f.key);
    else
      out = pointer_join(out, f.count - 1);
  }
  return out;
}

bool Decoder::key(string_t& k) {
  Frame& f = stack_.back();
  const Fields fields = fields_of(f.kind);
  const auto it = std::find(fields.begin(), fields.end(), std::string_view(k));
  f.field = it == fields.end() ? -1 : static_cast<int>(it - fields.begin());
  if (f.field >= 0) {
    const std::uint32_t bit = 1u << f.field;
    if (f.seen & bit) return stop(twice(k));
    f.seen |= bit;
  } else {
    const std::string_view name(k);
    if (std::find(f.other_keys.begin(), f.other_keys.end(), name) != f.other_keys.end())
      return stop(twice(k));
    f.other_keys.emplace_back(name);
    f.key = name; // unknown keys only: a known field's name is its entry in fields_of(kind)
  }
  if (f.field < 0 && f.kind != Kind::skip_object)
    guard([&] {
      here().fail(ErrorCode::invalid_field, "Unknown field \"" + std::string(k) + "\".");
    });
  return true;
}

// The typed container the parent's current slot holds, if it holds one.
std::optional<Kind> Decoder::container_for(const Frame& p) const {
  const std::string_view name = p.field >= 0 ? fields_of(p.kind)[p.field] : "";
  switch (p.kind) {
  case Kind::root:
    if (name == "destination") return Kind::destination;
    if (name == "sellers") return Kind::sellers;
    if (name == "items") return Kind::items;
    return std::nullopt;
  case Kind::item:
    if (name == "dimensions_cm") return Kind::dimensions;
    if (name == "attributes") return Kind::attributes;
    if (name == "offers") return Kind::offers;
    return std::nullopt;
  case Kind::offer:
    if (name == "tiers") return Kind::tiers;
    if (name == "signature") return Kind::signature;
    return std::nullopt;
  case Kind::sellers: return Kind::seller;
  case Kind::items: return Kind::item;
  case Kind::offers: return Kind::offer;
  case Kind::tiers: return Kind::tier;
  default: return std::nullopt;
  }
}

bool Decoder::open(bool object) {
  if (stack_.size() >= max_depth) return stop("nesting deeper than 32 levels");
  Kind kind = object ? Kind::skip_object : Kind::skip_array;
  if (stack_.empty()) {
    if (object)
      kind = Kind::root;
    else
      guard([&] { here().fail(ErrorCode::invalid_field, expected_object); });
  } else {
    Frame& parent = stack_.back();
    if (!is_object(parent.kind)) ++parent.count;
    if (!is_object(parent.kind) && parent.count > bounds_of(parent.kind).max)
      guard([&] {
        at_frame().fail(ErrorCode::limit_exceeded, "At most " +
                                                       std::to_string(bounds_of(parent.kind).max) +
                                                       " entries are allowed.");
      });
    if (parent.field >= 0 && is_object(parent.kind)) parent.present |= 1u << parent.field;
    const auto expected = skipping() ? std::nullopt : container_for(parent);
    if (expected && is_object(*expected) == object) {
      kind = *expected;
    } else if (!skipping() && parent.kind != Kind::skip_object && parent.kind != Kind::skip_array) {
      Value v;
      v.kind = object ? Value::Kind::object : Value::Kind::array;
      guard([&] {
        if (expected)
          here().fail(ErrorCode::invalid_field,
                      is_object(*expected) ? expected_object : expected_array);
        // A scalar slot: its own check names the expected type.
        if (is_object(parent.kind))
          scalar(parent, v);
        else
          element(parent, v);
      });
    }
  }
  if (!skipping() && is_object(kind)) guard([&] { begin_object(kind); });
  stack_.emplace_back(skipping() ? (object ? Kind::skip_object : Kind::skip_array) : kind);
  return true;
}

// Adds the struct an object frame fills to its parent's list.
void Decoder::begin_object(Kind k) {
  switch (k) {
  case Kind::seller: request.sellers.emplace_back(); break;
  case Kind::item: request.items.emplace_back(); break;
  case Kind::offer: request.items.back().offers.emplace_back(); break;
  case Kind::tier: request.items.back().offers.back().tiers.emplace_back(); break;
  case Kind::signature: request.items.back().offers.back().signature.emplace(); break;
  default: break;
  }
}

bool Decoder::close() {
  if (skipping()) {
    stack_.pop_back();
    return true;
  }
  const Frame& f = stack_.back(); // still on the stack: the checks' pointers include it
  guard([&] {
    if (is_object(f.kind)) {
      finish_object(f);
    } else if (f.count < bounds_of(f.kind).min) {
      at_frame().fail(ErrorCode::invalid_field, "At least " +
                                                    std::to_string(bounds_of(f.kind).min) +
                                                    " entries are required.");
    }
  });
  stack_.pop_back();
  return true;
}

void Decoder::finish_object(const Frame& f) {
  const Fields fields = fields_of(f.kind);
  auto missing = [&](std::string_view name) {
    fail(ErrorCode::invalid_field, ErrorDoc::request,
         pointer_join(pointer(stack_.size() - 1), name),
         "Missing required field \"" + std::string(name) + "\".");
  };
  auto has = [&](std::size_t i) { return (f.present >> i) & 1u; };
  for (std::size_t i = 0; i < required_of(f.kind); ++i)
    if (!has(i)) missing(fields[i]);
  if (f.kind == Kind::item && !has(8)) missing("offers");
  if (f.kind != Kind::offer) return;
  if (has(1) == has(2))
    at_frame().fail(ErrorCode::invalid_field,
                    "An offer has exactly one of \"unit_price\" and \"tiers\".");
  if (has(5) && !has(4)) missing("expires_at"); // a signature covers an expiry
}

bool Decoder::value(const Value& v) {
  if (stack_.empty()) {
    guard([&] { here().fail(ErrorCode::invalid_field, expected_object); });
    return true;
  }
  Frame& f = stack_.back();
  if (f.kind == Kind::skip_object || f.kind == Kind::skip_array) return true;
  if (!is_object(f.kind)) {
    ++f.count;
    return guard([&] {
      if (f.count > bounds_of(f.kind).max)
        at_frame().fail(ErrorCode::limit_exceeded, "At most " +
                                                       std::to_string(bounds_of(f.kind).max) +
                                                       " entries are allowed.");
      element(f, v);
    });
  }
  if (f.field < 0 || v.kind == Value::Kind::null) return true; // null: as if absent
  f.present |= 1u << f.field;
  return guard([&] {
    if (const auto c = container_for(f))
      here().fail(ErrorCode::invalid_field, is_object(*c) ? expected_object : expected_array);
    scalar(f, v);
  });
}

// An element of a typed array that is not a container of the expected kind.
void Decoder::element(Frame& f, const Value& v) {
  switch (f.kind) {
  case Kind::dimensions:
    request.items.back().dimensions_cm[std::min<std::size_t>(f.count, 3) - 1] =
        read_integer(v, here(), 1, 1000);
    break;
  case Kind::attributes:
    request.items.back().attributes.emplace_back(read_attribute(v, here()));
    break;
  default: // sellers, items, offers, tiers hold objects
    here().fail(ErrorCode::invalid_field, expected_object);
  }
}

void Decoder::scalar(Frame& f, const Value& v) {
  switch (f.kind) {
  case Kind::root: root_field(f.field, v); break;
  case Kind::destination:
    if (f.field == 0)
      request.country = std::string(read_country(v, here()));
    else
      request.postal_code = std::string(read_string(v, here(), 16));
    break;
  case Kind::seller: {
    Seller& s = request.sellers.back();
    if (f.field == 0)
      s.id = std::string(read_id(v, here()));
    else if (f.field == 1)
      s.platform = read_named<Platform>(v, here());
    else if (f.field == 2)
      s.shipping = read_amount(v, here());
    else
      s.free_over = read_amount(v, here());
    break;
  }
  case Kind::item: item_field(f.field, v); break;
  case Kind::offer: {
    Offer& o = request.items.back().offers.back();
    if (f.field == 0)
      o.seller = std::string(read_id(v, here()));
    else if (f.field == 1)
      o.tiers.push_back({1, read_amount(v, here())});
    else if (f.field == 3)
      o.moq = read_integer(v, here(), 1, 1'000'000);
    else if (f.field == 4)
      o.expires_at = read_instant(v, here());
    break; // tiers and signature are containers
  }
  case Kind::signature: {
    OfferSignature& sig = *request.items.back().offers.back().signature;
    if (f.field == 0)
      sig.kid = std::string(read_id(v, here()));
    else if (f.field == 1)
      sig.alg = std::string(read_signature_alg(v, here()));
    else
      sig.value = std::string(read_signature_value(v, here()));
    break;
  }
  case Kind::tier: {
    Tier& t = request.items.back().offers.back().tiers.back();
    if (f.field == 0)
      t.min_qty = read_integer(v, here(), 1, 1'000'000);
    else
      t.unit_price = read_amount(v, here());
    break;
  }
  default: break;
  }
}

void Decoder::root_field(int field, const Value& v) {
  Request& rq = request;
  switch (field) {
  case 0: rq.at = read_instant(v, here()); break;
  case 4: read_string(v, here(), 1024); break; // $schema: the editor's link, not read
  case 5:
    if (read_string(v, here(), 64) != "taoquote.request/1")
      here().fail(ErrorCode::unsupported_schema,
                  "This build reads requests of schema \"taoquote.request/1\".");
    break;
  case 6: rq.currency = read_currency(v, here()); break;
  case 7: rq.locale = std::string(read_locale(v, here())); break;
  case 8: rq.line = std::string(read_id(v, here())); break;
  case 9: rq.cash_rounding = read_boolean(v, here()); break;
  case 10: rq.choose = read_named<Choose>(v, here()); break; // issue 12: landed options
  case 11: rq.partial = read_boolean(v, here()); break;      // issue 12: partial quotes
  case 12: rq.split = read_named<Split>(v, here()); break;   // parcel splitting
  default: break; // destination, sellers, items are containers
  }
}

void Decoder::item_field(int field, const Value& v) {
  Item& it = request.items.back();
  switch (field) {
  case 0: it.id = std::string(read_id(v, here())); break;
  case 1: it.title = std::string(read_string(v, here(), 512)); break;
  case 2: it.hs_code = std::string(read_hs_code(v, here(), 4)); break;
  case 3: it.quantity = read_integer(v, here(), 1, 1'000'000); break;
  case 4: it.weight_g = read_integer(v, here(), 0, 100'000'000); break;
  case 7: it.origin = std::string(read_country(v, here())); break;
  default: break; // dimensions_cm, attributes, offers are containers
  }
}

} // namespace

Request decode_request(std::string_view text) {
  if (text.size() > max_request_bytes)
    fail(ErrorCode::limit_exceeded, ErrorDoc::request, "",
         "The request is larger than " + std::to_string(max_request_bytes / 1024) + " KiB.");
  Decoder d;
  const bool ok = Json::sax_parse(text.begin(), text.end(), &d, Json::input_format_t::json, true);
  if (!ok || !d.problem.empty())
    fail(ErrorCode::invalid_json, ErrorDoc::request, "",
         "The request is not valid JSON: " + (d.problem.empty() ? "syntax error" : d.problem) +
             ".");
  if (d.error) throw Failure{std::move(*d.error)};
  return std::move(d.request);
}

} // namespace taoquote::codec
