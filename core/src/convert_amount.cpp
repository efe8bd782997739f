// A single amount through settlement point 12: the same primitive (detail::convert) every
// checkout charge of a quote is converted with, so the two cannot drift.
#include "taoquote/convert_amount.hpp"

#include "pipeline.hpp"

namespace taoquote {

Result<Money> convert_amount(const Rulebook& rulebook, const Money& amount,
                             const CurrencyInfo& to) {
  return guarded(ErrorDoc::request, [&]() -> Result<Money> {
    const auto rate = [&](const CurrencyInfo& c, const char* field) -> const Decimal& {
      const Decimal* r = rulebook.rate_of(c.code);
      if (!r)
        fail(ErrorCode::fx_rate_missing, ErrorDoc::request, Path() / field,
             "The rulebook's FX table has no rate for " + std::string(c.code) + ".");
      return *r;
    };
    const Decimal& from_rate = rate(amount.currency(), "from");
    const Decimal& to_rate = rate(to, "to");
    const bool same = amount.currency().code == to.code;
    const Decimal settled =
        detail::convert(amount.amount(), from_rate, to_rate, same ? nullptr : &rulebook.fx.markup,
                        Decimal::quantum(to.minor_units), rulebook.rounding);
    // The limit of every settled amount of a quote (decision 17).
    const Decimal limit = Decimal::from_int(1'000'000'000'000'000);
    if (settled >= limit || settled <= -limit)
      fail(ErrorCode::overflow, ErrorDoc::request, "",
           "The converted amount reached 10^15, beyond the documented limit.");
    return Money(settled, to);
  });
}

} // namespace taoquote
