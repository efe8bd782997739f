// The bad-input catalogue (tests/bad/catalogue.json): every malformed rulebook or request
// yields its documented code and JSON Pointer, and leaves the loaded rulebook unchanged.
#include "taoquote/codec.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace {

using taoquote::test::slurp;

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

// Builds the pathological text a catalogue entry describes.
std::string generated(const nlohmann::json& g, const std::string& base) {
  const std::string kind = g.at("kind");
  if (kind == "nest") {
    const std::size_t depth = g.at("depth");
    return std::string(depth, '[') + std::string(depth, ']');
  }
  if (kind == "pad")
    return base.substr(0, base.size() - 1) + std::string(g.at("bytes").get<std::size_t>(), ' ') +
           "}";
  if (kind == "bytes") return from_hex(g.at("hex"));
  if (kind == "long_string") {
    auto j = nlohmann::json::parse(base);
    j[nlohmann::json::json_pointer(g.at("path").get<std::string>())] =
        std::string(g.at("bytes").get<std::size_t>(), 'x');
    return j.dump();
  }
  FAIL("unknown generator " << kind);
  return {};
}

} // namespace

TEST_CASE("bad-input catalogue: each entry gets its code and pointer") {
  const std::string dir = TAOQUOTE_TESTS_DIR;
  const std::string base_rulebook = slurp(dir + "/vectors/rulebooks/fixture-a.json");
  const std::string base_request = slurp(dir + "/bad/base-request.json");
  const auto loaded = taoquote::load_rulebook(base_rulebook);
  REQUIRE(loaded.ok());
  const auto& rulebook = *loaded.value();
  const auto before = taoquote::quote_json(rulebook, base_request);
  REQUIRE(before.ok);

  const auto catalogue = nlohmann::json::parse(slurp(dir + "/bad/catalogue.json"));
  int count = 0;
  for (const auto& c : catalogue.at("cases")) {
    const std::string name = c.at("name");
    const bool is_rulebook = c.at("doc") == "rulebook";
    const std::string& base = is_rulebook ? base_rulebook : base_request;
    std::string text;
    if (c.contains("raw"))
      text = c.at("raw");
    else if (c.contains("generate"))
      text = generated(c.at("generate"), base);
    else
      text = nlohmann::json::parse(base).patch(c.at("patch")).dump();

    std::string body;
    if (is_rulebook) {
      const auto r = taoquote::load_rulebook(text);
      REQUIRE_MESSAGE(!r.ok(), name);
      body = taoquote::error_json(r.error());
    } else {
      const auto out = taoquote::quote_json(rulebook, text);
      REQUIRE_MESSAGE(!out.ok, name);
      body = out.body;
    }
    const auto err = nlohmann::json::parse(body).at("error");
    CHECK_MESSAGE(err.at("code") == c.at("code"), name << ": " << body.substr(0, 300));
    CHECK_MESSAGE(err.at("path") == c.at("path"), name << ": " << body.substr(0, 300));
    CHECK_MESSAGE(err.at("doc") == c.at("doc"), name);
    CHECK_MESSAGE(!err.at("message").get<std::string>().empty(), name);
    ++count;
  }
  CHECK(count >= 60);
  // Nothing a bad input did changed the rulebook: the good request quotes identically.
  CHECK(taoquote::quote_json(rulebook, base_request).body == before.body);
}
