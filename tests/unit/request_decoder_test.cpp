// The SAX request decoder against the DOM reference reader (tests/tools/request_reference):
// every golden request decodes to the same Request, and every one-mistake mutation of the
// base request fails with the same code, pointer and sentence in both.
#include "taoquote/codec.hpp"

#include "../tools/request_reference.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace {

using nlohmann::ordered_json;

struct Outcome {
  bool ok = false;
  std::string text; ///< describe(request), or code|path|message
};

template <class F> Outcome run(F&& parse) {
  try {
    return {true, taoquote::test::describe(parse())};
  } catch (const taoquote::Failure& f) {
    const auto& e = f.error;
    return {false, std::string(taoquote::error_code_name(e.code)) + "|" + e.path + "|" + e.message};
  }
}

Outcome decoded(const std::string& text) {
  return run([&] {
    const auto r = taoquote::parse_request(text);
    if (!r) throw taoquote::Failure{r.error()};
    return r.value();
  });
}

Outcome reference(const std::string& text) {
  return run([&] { return taoquote::test::reference_parse_request(text); });
}

// Every value of the document, by JSON Pointer.
void pointers(const ordered_json& j, const std::string& at, std::vector<std::string>& out) {
  out.push_back(at);
  if (j.is_object())
    for (const auto& [k, v] : j.items())
      pointers(v, taoquote::pointer_join(at, k), out);
  if (j.is_array())
    for (std::size_t i = 0; i < j.size(); ++i)
      pointers(j[i], taoquote::pointer_join(at, i), out);
}

std::vector<std::string> mutations(const std::string& base) {
  const auto doc = ordered_json::parse(base);
  std::vector<std::string> all;
  pointers(doc, "", all);
  const std::vector<ordered_json> replacements = {nullptr,
                                                  0,
                                                  -1,
                                                  7,
                                                  1.5,
                                                  18446744073709551615u,
                                                  "",
                                                  "x",
                                                  "12.50",
                                                  "-1",
                                                  "ZZ",
                                                  true,
                                                  ordered_json::object(),
                                                  ordered_json::array(),
                                                  ordered_json::array({1, 2, 3}),
                                                  std::string(2000, 'a'),
                                                  "2026-11-25T08:00:00Z",
                                                  "EUR",
                                                  "DE",
                                                  "1688"};
  std::vector<std::string> out;
  for (const auto& p : all) {
    const ordered_json::json_pointer ptr(p);
    for (const auto& r : replacements) {
      auto m = doc;
      m[ptr] = r;
      out.push_back(m.dump());
    }
    if (doc[ptr].is_object()) {
      auto m = doc;
      m[ptr]["unexpected"] = 1;
      out.push_back(m.dump());
    }
    if (!p.empty() && doc[ptr.parent_pointer()].is_object()) {
      auto m = doc;
      m[ptr.parent_pointer()].erase(ptr.back());
      out.push_back(m.dump());
    }
    if (doc[ptr].is_array()) {
      auto m = doc;
      for (int k = 0; k < 250; ++k)
        m[ptr].push_back(doc[ptr].empty() ? ordered_json(1) : doc[ptr][0]);
      out.push_back(m.dump());
    }
  }
  // Textual mistakes: a duplicate key, a cut-off document, a trailing comma.
  out.push_back(base.substr(0, base.size() - 1) + ",\"at\":\"2026-11-25T08:00:00Z\"}");
  out.push_back(base.substr(0, base.size() / 2));
  out.push_back(base.substr(0, base.size() - 1) + ",}");
  return out;
}

} // namespace

TEST_CASE("the SAX decoder reads every golden request like the DOM reference") {
  const std::string dir = std::string(TAOQUOTE_TESTS_DIR) + "/vectors/cases";
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto c = nlohmann::json::parse(taoquote::test::slurp(entry.path().string()));
    const std::string text = c.at("request").dump();
    const Outcome a = decoded(text), b = reference(text);
    CHECK_MESSAGE(a.ok == b.ok, entry.path().filename().string());
    CHECK_MESSAGE(a.text == b.text, entry.path().filename().string());
    ++count;
  }
  CHECK(count >= 100);
}

TEST_CASE("one-mistake requests fail alike in the SAX decoder and the DOM reference") {
  const std::string base =
      taoquote::test::slurp(std::string(TAOQUOTE_TESTS_DIR) + "/bad/base-request.json");
  int failures = 0, count = 0;
  for (const std::string& text : mutations(ordered_json::parse(base).dump())) {
    const Outcome a = decoded(text), b = reference(text);
    ++count;
    failures += a.ok ? 0 : 1;
    CHECK_MESSAGE(a.ok == b.ok, text.substr(0, 300));
    CHECK_MESSAGE(a.text == b.text, text.substr(0, 300));
  }
  CHECK(count > 1000);
  CHECK(failures > count / 2); // most mutations are mistakes: the comparison is not vacuous
}
