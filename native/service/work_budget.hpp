// The per-request work budget: a cart's cost is estimated from its parsed request before it
// is quoted, and a cart beyond --max-work is refused with a clear error instead of holding
// a worker for tens of milliseconds.
#pragma once

#include "taoquote/codec.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace taoquote::service {

/// The service error code of a cart over the budget (413, doc "request", path "/items").
inline constexpr std::string_view work_limit_code = "WORK_LIMIT_EXCEEDED";

/// Estimated work units of quoting `request`: (items + sellers + 1) × (Π offers_i when that
/// is ≤ 4096, else Σ offers_i). A size gate, not a cost model: the core's offer choice is a
/// branch and bound that bounds itself in its own steps (docs/offer-choice.md), and its cost
/// also depends on prices. Saturates at UINT64_MAX.
std::uint64_t estimate_work(const Request& request) noexcept;

/// A quote through the codec's one JSON-to-quote path (parse_request, then quote_json on the
/// parsed request), with the estimate checked between the two.
struct BudgetedQuote {
  JsonOutcome outcome;      ///< the core's quote or error (when !over_budget)
  bool over_budget = false; ///< true: not computed; `message` explains
  std::uint64_t work = 0;   ///< the estimate (0 when the request did not parse)
  std::string message;
};

/// A look at the parsed request within the budget, before it is quoted: false = do not quote
/// (the outcome is then left empty; the caller knows why).
using RequestCheck = std::function<bool(const Request&)>;

/// Quotes `body` on `rulebook` unless its estimate exceeds `max_work` or `check` (when set)
/// returns false. Exceptions other than the core's (only std::bad_alloc) propagate.
BudgetedQuote quote_within_budget(const Rulebook& rulebook, std::string_view body,
                                  std::uint64_t max_work, const RequestCheck& check = {});

} // namespace taoquote::service
