// One amount converted into another currency by a rulebook's FX rules — the conversion a
// product page needs to show a catalog price in the buyer's currency, exactly as a quote would
// settle a checkout charge of that amount (docs/pipeline.md, settlement point 12).
#pragma once

#include "taoquote/error.hpp"
#include "taoquote/money.hpp"
#include "taoquote/rulebook.hpp"

namespace taoquote {

/// Converts `amount` (any non-negative exact amount of a currency the rulebook prices) into
/// `to`, with the arithmetic of a quote's checkout charge:
///   amount × rate(from) × (1 + markup, only when from ≠ to) ÷ rate(to),
/// rates in units of the rulebook's base currency (CNY) per unit, multiplied out exactly and
/// rounded **once** to `to`'s minor unit (JPY 1, EUR 0.01, KWD 0.001) with the rulebook's
/// rounding mode. `from` = `to` settles the amount to that minor unit with no markup.
/// A quote's converted charge equals convert_amount of its source amount, to the last minor
/// unit (tested natively against compute_quote and in Node against quote()).
/// The FX table's age is not checked here: the caller's quote reports FX_STALE.
/// Errors (doc `request`): FX_RATE_MISSING at /from or /to when the FX table has no rate
/// for that currency; OVERFLOW when the result reaches 10^15 in magnitude (the limit of every
/// settled amount of a quote) or an intermediate product goes beyond 10^18. Never throws.
Result<Money> convert_amount(const Rulebook& rulebook, const Money& amount, const CurrencyInfo& to);

} // namespace taoquote
