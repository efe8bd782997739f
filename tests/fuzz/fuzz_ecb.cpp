// libFuzzer target for the ECB feed parser and fx import of the CLI (native/cli/ecb.cpp,
// compiled in directly: the fuzz preset builds without native/). Any crash, sanitizer report
// or broken invariant is a finding: an accepted feed has positive, unique, non-EUR rates, reads
// back identically from its own re-serialisation, and rebases to positive sorted rates.
#include "ecb.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

namespace {

using taoquote::ecb::Feed;

std::string to_xml(const Feed& feed) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gesmes:Envelope "
                    "xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" "
                    "xmlns=\"http://www.ecb.int/vocabulary/2002-08-01/eurofxref\"><Cube>"
                    "<Cube time='" +
                    taoquote::format_date(feed.date) + "'>";
  for (const auto& [code, rate] : feed.rates)
    out += "<Cube currency='" + code + "' rate='" + rate.to_string() + "'/>";
  return out + "</Cube></Cube></gesmes:Envelope>";
}

void check(bool ok) {
  if (!ok) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = taoquote::ecb::parse_feed(text);
  if (!parsed.feed) {
    check(!parsed.error.message.empty());
    return 0;
  }
  const Feed& feed = *parsed.feed;
  check(!feed.rates.empty());
  std::set<std::string> codes;
  for (const auto& [code, rate] : feed.rates) {
    check(code.size() == 3 && code != "EUR" && codes.insert(code).second);
    check(!rate.is_zero() && !rate.is_negative());
  }
  const auto again = taoquote::ecb::parse_feed(to_xml(feed));
  check(again.feed && again.feed->date == feed.date && again.feed->rates == feed.rates);

  taoquote::ecb::ImportOptions options;
  options.pivot = feed.rates.front().first;
  const auto imported = taoquote::ecb::import_fx(feed, options);
  if (imported.fx) {
    const auto& rates = imported.fx->rates;
    check(std::is_sorted(rates.begin(), rates.end()));
    for (const auto& [code, rate] : rates)
      check(code != options.pivot && !rate.is_zero() && !rate.is_negative());
  } else {
    check(!imported.error.message.empty());
  }
  return 0;
}
