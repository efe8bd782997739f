// Rebasing FX reference rates to the rulebook's pivot currency, with exact decimal arithmetic.
#pragma once

#include "taoquote/decimal.hpp"

#include <string>
#include <utility>
#include <vector>

namespace taoquote {

/// A currency code with its rate.
using RateEntry = std::pair<std::string, Decimal>;

/// Converts rates quoted as "units of currency per 1 `quoted_in`" (the ECB's form, per EUR)
/// into "units of `pivot` per 1 unit of currency": pivot_per_quoted ÷ rate, each rounded
/// half-even once to `scale` fraction digits; `quoted_in` itself gets pivot_per_quoted.
/// `rates` must hold the pivot with a positive rate (else returns false, leaving `out`);
/// rates of 0 are not allowed. The pivot is not part of the result. Sorted by code.
bool rebase_to_pivot(const std::string& pivot, const std::string& quoted_in,
                     const std::vector<RateEntry>& rates, int scale, std::vector<RateEntry>& out);

} // namespace taoquote
