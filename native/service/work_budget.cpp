// Work estimate and the budgeted quote (see work_budget.hpp).
#include "work_budget.hpp"

#include <limits>

namespace taoquote::service {
namespace {

constexpr std::uint64_t saturated = std::numeric_limits<std::uint64_t>::max();

std::uint64_t mul(std::uint64_t a, std::uint64_t b) noexcept {
  if (a != 0 && b > saturated / a) return saturated;
  return a * b;
}

// Below this many combinations the estimate counts them all (a small cart's cost is tiny
// either way); above it, the offers.
constexpr std::uint64_t exhaustive_limit = 4096;

} // namespace

std::uint64_t estimate_work(const Request& request) noexcept {
  const std::uint64_t per_choice = request.items.size() + request.sellers.size() + 1;
  std::uint64_t combinations = 1, offers = 0;
  for (const Item& item : request.items) {
    offers += item.offers.size();
    if (combinations <= exhaustive_limit) combinations = mul(combinations, item.offers.size());
  }
  const std::uint64_t choices = combinations <= exhaustive_limit ? combinations : offers;
  return mul(choices, per_choice);
}

BudgetedQuote quote_within_budget(const Rulebook& rulebook, std::string_view body,
                                  std::uint64_t max_work, const RequestCheck& check) {
  BudgetedQuote out;
  const auto request = parse_request(body);
  if (!request) {
    out.outcome = JsonOutcome::failure(request.error());
    return out;
  }
  out.work = estimate_work(request.value());
  if (out.work > max_work) {
    out.over_budget = true;
    out.message = "This cart needs an estimated " + std::to_string(out.work) +
                  " work units; the service quotes at most " + std::to_string(max_work) +
                  " per request (fewer items, offers or sellers per request).";
    return out;
  }
  if (check && !check(request.value())) return out;
  out.outcome = quote_json(rulebook, request.value());
  return out;
}

} // namespace taoquote::service
