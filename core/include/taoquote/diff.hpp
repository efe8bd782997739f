// The quote diff: why a price changed between two canonical quotes (docs/diff.md).
// Implemented in taoquote::codec, because it reads the quotes' canonical JSON.
#pragma once

#include "taoquote/error.hpp"

#include <string>
#include <string_view>

namespace taoquote {

/// The schema tag of a diff document.
inline constexpr std::string_view diff_schema = "taoquote.diff/1";

/// Compares two canonical quotes (docs/quote.md; extra fields are ignored) and explains the
/// change charge by charge: each charge's delta in its currency, split into causes (FX rate,
/// rule, threshold, offer, tier, quantity, line, rounding …) whose amounts sum exactly to it;
/// the checkout charges' deltas sum to the total's delta and the delivery charges' to the
/// due_on_delivery delta. Returns the diff as one line of JSON with a fixed key order
/// (docs/diff.md). Errors point into `{"before": …, "after": …}`, e.g. `/after/charges/2/amount`,
/// with doc "request". Never throws.
Result<std::string> diff_quotes_json(std::string_view before, std::string_view after);

/// The same diff as diff_quotes_json, rendered as readable English text (one fact per line,
/// deterministic). Never throws.
Result<std::string> diff_quotes_text(std::string_view before, std::string_view after);

} // namespace taoquote
