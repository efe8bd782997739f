// Private: the exact offer-choice search (branch and bound with a dual-ascent lower bound),
// on an abstract problem so that unit tests can drive it directly. docs/offer-choice.md.
#pragma once

#include "taoquote/decimal.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace taoquote::detail {

/// One usable offer of an item as the search sees it: its seller and its settled line amount.
struct OfferOption {
  std::size_t seller = 0; ///< index into OfferProblem::sellers
  Decimal amount;         ///< settled line amount (a multiple of the problem's unit)
};

/// A seller as the search sees it: settled shipping, waived when its goods reach free_over.
struct SellerTerms {
  Decimal shipping;                 ///< settled, a multiple of the problem's unit
  std::optional<Decimal> free_over; ///< shipping is 0 when the seller's goods are ≥ this
};

/// The offer-choice problem: for every item, its usable offers in offer order.
struct OfferProblem {
  std::vector<std::vector<OfferOption>> options; ///< options[i][k]: item i, k-th usable offer
  std::vector<SellerTerms> sellers;
  Decimal unit; ///< every amount and shipping is a multiple of it (0.01 CNY); > 0
};

/// The search's answer. `pick[i]` indexes `options[i]`.
struct OfferSolution {
  std::vector<std::size_t> pick;
  Decimal cost;            ///< goods + shipping of `pick`
  bool proven = true;      ///< false when the work bound stopped the search
  std::uint64_t steps = 0; ///< work spent, in the units of the work bound
  Decimal lower_bound;     ///< no choice costs less (equals `cost` when proven)
};

/// Work the search may spend before it gives up proving optimality (docs/offer-choice.md):
/// a step is one item–seller edge or offer visited (about 5 ns natively), the same count on
/// every build.
constexpr std::uint64_t default_offer_work_bound = 50'000'000;

/// Cost of a choice: Σ amounts + each used seller's shipping once (0 at or above free_over).
Decimal offer_choice_cost(const OfferProblem& problem, const std::vector<std::size_t>& pick);

/// The least-cost choice, and among equal costs the lexicographically smallest `pick`
/// (item 0 most significant) — the answer of exhaustive enumeration. When `work_bound` steps
/// are spent first, returns the best choice found with `proven == false` and a lower bound.
/// Every item needs at least one option.
OfferSolution solve_offer_choice(const OfferProblem& problem,
                                 std::uint64_t work_bound = default_offer_work_bound);

/// A read-only run of consecutive elements of a flat array (the codebase is C++17: no span).
template <class T> struct Run {
  const T* first = nullptr;
  std::size_t count = 0;
  const T* begin() const { return first; }
  const T* end() const { return first + count; }
  std::size_t size() const { return count; }
  const T& operator[](std::size_t k) const { return first[k]; }
};

/// Each item's kept offers (indices into OfferProblem::options[i]), stored flat: the search
/// builds one list for the whole cart rather than one per item.
struct KeptOffers {
  std::vector<std::size_t> offers; ///< item by item
  std::vector<std::size_t> start;  ///< item i's are offers[start[i] … start[i + 1])
  /// Item i's kept offers.
  Run<std::size_t> of(std::size_t i) const {
    return {offers.data() + start[i], start[i + 1] - start[i]};
  }
};

/// Lowers the cost of `pick` by local moves among the offers `kept.of(i)` of each item (§5 of
/// docs/offer-choice.md); returns the work spent, in steps. Used for incumbents only.
std::uint64_t improve_choice(const OfferProblem& problem, const KeptOffers& kept,
                             std::vector<std::size_t>& pick);

} // namespace taoquote::detail
