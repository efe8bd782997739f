// The JSON boundary of convert_amount (taoquote/convert_amount.hpp): one amount converted
// into another currency by a rulebook's FX rules, JSON in and out like quote_json.
#pragma once

#include "taoquote/codec.hpp"

#include <string_view>

namespace taoquote {

/// Reads {"amount": "<decimal string>", "from": "<ISO 4217>", "to": "<ISO 4217>"} (no other
/// member; the amount non-negative, ≤ 15 integer and ≤ 12 fraction digits) and converts it
/// with convert_amount. `body` is {"amount":"<settled, exactly to's minor digits>","currency":
/// "<to>"} or the error body: INVALID_JSON, INVALID_FIELD (a missing or unknown member),
/// INVALID_AMOUNT at /amount (a JSON number, a negative or malformed string),
/// UNKNOWN_CURRENCY at /from or /to, FX_RATE_MISSING, OVERFLOW; every error has doc
/// `request`. Never throws.
JsonOutcome convert_amount_json(const Rulebook& rulebook, std::string_view args_json);

} // namespace taoquote
