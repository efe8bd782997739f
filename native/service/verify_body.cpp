// Verify-envelope parsing: nlohmann's SAX parser checks the syntax without building a tree,
// then a scanner finds the request member's exact byte span.
#include "verify_body.hpp"

#include "taoquote/error.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <vector>

namespace taoquote::service {
namespace {

using json = nlohmann::json;

// Validates syntax and records the top-level members in order.
class EnvelopeSax : public nlohmann::json_sax<json> {
public:
  static constexpr std::size_t max_depth = 64;
  struct Member {
    std::string key;
    bool is_string = false;
    std::string string_value;
  };
  std::vector<Member> members;
  bool top_is_object = false;
  bool failed = false;
  std::string failure;

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t, const string_t&) override { return scalar(); }
  bool binary(binary_t&) override { return scalar(); }
  bool string(string_t& s) override {
    if (depth_ == 1 && !members.empty()) {
      members.back().is_string = true;
      members.back().string_value = s;
    }
    return true;
  }
  bool start_object(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    if (depth_ != 1) return true;
    if (!keys_.insert(k).second) return fail("The key \"" + k + "\" appears twice.");
    members.push_back({k, false, {}});
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return fail("The body is not valid JSON.");
  }

private:
  bool scalar() { return true; }
  bool open(bool object) {
    if (depth_ == 0) top_is_object = object;
    if (++depth_ > max_depth) return fail("The body nests deeper than 64 levels.");
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }
  bool fail(std::string why) {
    if (!failed) failure = std::move(why);
    failed = true;
    return false;
  }
  std::size_t depth_ = 0;
  std::set<std::string> keys_;
};

bool is_ws(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The index just past the string starting at s[i] == '"'.
std::size_t skip_string(std::string_view s, std::size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\')
      ++i;
    else if (s[i] == '"')
      return i + 1;
  }
  return s.size();
}

// The index just past the value starting at s[i] (the text is known to be valid JSON).
std::size_t skip_value(std::string_view s, std::size_t i) {
  if (s[i] == '"') return skip_string(s, i);
  if (s[i] == '{' || s[i] == '[') {
    std::size_t depth = 0;
    while (i < s.size()) {
      const char c = s[i];
      if (c == '"') {
        i = skip_string(s, i);
        continue;
      }
      if (c == '{' || c == '[')
        ++depth;
      else if ((c == '}' || c == ']') && --depth == 0)
        return i + 1;
      ++i;
    }
    return s.size();
  }
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && !is_ws(s[i]))
    ++i;
  return i;
}

// The exact bytes of the top-level member named `want` (keys compared after decoding).
std::string_view member_span(std::string_view s, std::string_view want) {
  std::size_t i = 0;
  const auto ws = [&] {
    while (i < s.size() && is_ws(s[i]))
      ++i;
  };
  ws();
  ++i; // '{'
  for (;;) {
    ws();
    if (i >= s.size() || s[i] != '"') return {};
    const std::size_t key_end = skip_string(s, i);
    const std::string_view raw_key = s.substr(i, key_end - i);
    std::string key(raw_key.substr(1, raw_key.size() - 2));
    if (raw_key.find('\\') != std::string_view::npos)
      key = json::parse(std::string(raw_key), nullptr, false).get<std::string>();
    i = key_end;
    ws();
    ++i; // ':'
    ws();
    const std::size_t value_start = i;
    i = skip_value(s, i);
    if (key == want) return s.substr(value_start, i - value_start);
    ws();
    if (i >= s.size() || s[i] != ',') return {};
    ++i;
  }
}

bool valid_fingerprint(std::string_view f) {
  static constexpr std::string_view prefix = "sha256:";
  if (f.size() != prefix.size() + 64 || f.compare(0, prefix.size(), prefix) != 0) return false;
  for (std::size_t i = prefix.size(); i < f.size(); ++i)
    if (!((f[i] >= '0' && f[i] <= '9') || (f[i] >= 'a' && f[i] <= 'f'))) return false;
  return true;
}

} // namespace

std::variant<VerifyEnvelope, EnvelopeError> parse_verify_body(std::string_view body) {
  // A leading UTF-8 byte order mark is accepted, as /v1/quote's parser accepts it.
  static constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (body.substr(0, bom.size()) == bom) body.remove_prefix(bom.size());
  EnvelopeSax sax;
  const bool parsed = json::sax_parse(body.begin(), body.end(), &sax);
  if (!parsed || sax.failed)
    return EnvelopeError{400, "INVALID_JSON", "",
                         sax.failure.empty() ? "The body is not valid JSON." : sax.failure};
  if (!sax.top_is_object)
    return EnvelopeError{422, "INVALID_FIELD", "",
                         "The body must be an object with \"request\" and \"fingerprint\"."};
  bool have_request = false, have_fingerprint = false;
  VerifyEnvelope out;
  for (const auto& m : sax.members) {
    if (m.key == "request") {
      have_request = true;
    } else if (m.key == "fingerprint") {
      if (!m.is_string || !valid_fingerprint(m.string_value))
        return EnvelopeError{422, "INVALID_FIELD", "/fingerprint",
                             "The fingerprint must be \"sha256:\" followed by 64 lowercase "
                             "hexadecimal digits."};
      have_fingerprint = true;
      out.fingerprint = m.string_value;
    } else {
      return EnvelopeError{422, "INVALID_FIELD", taoquote::pointer_join("", m.key),
                           "Unknown key; a verify body has only \"request\" and \"fingerprint\"."};
    }
  }
  if (!have_request)
    return EnvelopeError{422, "INVALID_FIELD", "/request", "The request is missing."};
  if (!have_fingerprint)
    return EnvelopeError{422, "INVALID_FIELD", "/fingerprint", "The fingerprint is missing."};
  out.request = member_span(body, "request");
  return out;
}

} // namespace taoquote::service
