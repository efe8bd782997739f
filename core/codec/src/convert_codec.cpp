// convert_amount over JSON: the codec's strict reader and field checks, then the core.
#include "taoquote/convert_codec.hpp"

#include "json_reader.hpp"
#include "taoquote/convert_amount.hpp"

namespace taoquote {

JsonOutcome convert_amount_json(const Rulebook& rulebook, std::string_view args_json) {
  const Result<Money> out = guarded(ErrorDoc::request, [&]() -> Result<Money> {
    const codec::Json doc = codec::parse_strict(args_json, ErrorDoc::request, 4096);
    const codec::Node args(doc, "", ErrorDoc::request);
    args.expect_keys({"amount", "from", "to"}, false);
    const Money amount(args.at("amount").amount(), args.at("from").currency());
    return convert_amount(rulebook, amount, args.at("to").currency());
  });
  if (!out) return JsonOutcome::failure(out.error());
  const Money& m = out.value();
  return {true,
          "{\"amount\":\"" + m.to_string() + "\",\"currency\":\"" + std::string(m.currency().code) +
              "\"}",
          {}};
}

} // namespace taoquote
