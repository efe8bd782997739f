// libFuzzer target for everything that parses input: rulebooks, requests (quoted on a fixed
// rulebook), decimal strings and instants. Any crash, sanitizer report or broken invariant
// (a parsed decimal that does not print back to itself) is a finding.
#include "taoquote/codec.hpp"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace {

const taoquote::Rulebook& fixture() {
  static const auto rb = [] {
    std::ifstream in(TAOQUOTE_FIXTURE, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    auto r = taoquote::load_rulebook(s.str());
    if (!r.ok()) std::abort();
    return r.value();
  }();
  return *rb;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
  case 0: (void)taoquote::load_rulebook(text); break;
  case 1: {
    const auto out = taoquote::quote_json(fixture(), text);
    if (out.body.empty()) std::abort();
    break;
  }
  case 2: {
    taoquote::Decimal d;
    if (taoquote::Decimal::parse(text, d) == taoquote::DecimalSyntax::ok) {
      const std::string printed = d.to_string();
      taoquote::Decimal back;
      if (taoquote::Decimal::parse(printed, back) != taoquote::DecimalSyntax::ok || !(back == d))
        std::abort();
    }
    break;
  }
  case 3:
    if (const auto t = taoquote::parse_instant(text)) {
      if (taoquote::parse_instant(taoquote::format_instant(*t)) != t) std::abort();
    }
    break;
  }
  return 0;
}
