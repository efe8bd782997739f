// Local search on a choice (docs/offer-choice.md §5): single-item moves and emptying one
// seller into the others, each kept only when it lowers the cost. It gives the exact search
// good incumbents early; it never decides what is optimal.
#include "offer_search.hpp"

#include <utility>

namespace taoquote::detail {
namespace {

Decimal shipping_of(const SellerTerms& s, const Decimal& goods) {
  if (s.free_over && goods >= *s.free_over) return Decimal{};
  return s.shipping;
}

class LocalSearch {
public:
  LocalSearch(const OfferProblem& p, const KeptOffers& cand)
      : p_(p), cand_(cand), n_(p.options.size()), sellers_(p.sellers.size()), next_(n_, n_) {}

  std::uint64_t run(std::vector<std::size_t>& pick) {
    improve(pick);
    return steps_;
  }

private:
  // Shipping of seller s with `count` chosen lines worth `goods` (the true rule).
  Decimal ship_at(std::size_t s, const Decimal& goods, std::size_t count) const {
    return count == 0 ? Decimal{} : shipping_of(p_.sellers[s], goods);
  }

  // Cost change of moving item i from its offer in `pick` to offer j, in the sellers_ state.
  Decimal move_delta(const std::vector<std::size_t>& pick, std::size_t i, std::size_t j) {
    steps_ += 8; // about eight times an ascent edge, measured
    const OfferOption& from = p_.options[i][pick[i]];
    const OfferOption& to = p_.options[i][j];
    const std::size_t s = from.seller, t = to.seller;
    const SellerState &a = sellers_[s], &b = sellers_[t];
    Decimal delta = to.amount - from.amount - ship_at(s, a.goods, a.count);
    if (s == t) return delta + ship_at(s, a.goods - from.amount + to.amount, a.count);
    delta += ship_at(s, a.goods - from.amount, a.count - 1);
    return delta + ship_at(t, b.goods + to.amount, b.count + 1) - ship_at(t, b.goods, b.count);
  }

  void apply_move(std::vector<std::size_t>& pick, std::size_t i, std::size_t j) {
    const OfferOption& from = p_.options[i][pick[i]];
    const OfferOption& to = p_.options[i][j];
    sellers_[from.seller].goods -= from.amount;
    --sellers_[from.seller].count;
    sellers_[to.seller].goods += to.amount;
    ++sellers_[to.seller].count;
    pick[i] = j;
  }

  // §5: local search on an incumbent, so that a good choice is known early (and is what an
  // unproven quote returns): single-item moves, then emptying one seller into the others,
  // each kept only when it lowers the cost; a few passes.
  void improve(std::vector<std::size_t>& pick) {
    for (std::size_t i = 0; i < n_; ++i) {
      SellerState& seller = sellers_[p_.options[i][pick[i]].seller];
      seller.goods += p_.options[i][pick[i]].amount;
      ++seller.count;
    }
    for (int pass = 0; pass < 2; ++pass) {
      bool better = false;
      for (std::size_t i = 0; i < n_; ++i) {
        std::size_t best = pick[i];
        Decimal best_delta;
        for (std::size_t j : cand_.of(i)) {
          if (j == pick[i]) continue;
          const Decimal d = move_delta(pick, i, j);
          if (d < best_delta) best_delta = d, best = j;
        }
        if (best != pick[i]) apply_move(pick, i, best), better = true;
      }
      // Items by seller, then try to empty each seller in turn.
      steps_ += n_ + p_.sellers.size();
      for (SellerState& seller : sellers_)
        seller.first = n_;
      for (std::size_t i = n_; i-- > 0;) {
        SellerState& seller = sellers_[p_.options[i][pick[i]].seller];
        next_[i] = seller.first;
        seller.first = i;
      }
      for (std::size_t s = 0; s < p_.sellers.size(); ++s) {
        moved_.clear();
        Decimal total;
        bool moved_all = sellers_[s].first < n_;
        for (std::size_t i = sellers_[s].first; i < n_ && moved_all; i = next_[i]) {
          if (p_.options[i][pick[i]].seller != s) continue; // moved here by an earlier step
          std::size_t best = pick[i];
          Decimal best_delta;
          for (std::size_t j : cand_.of(i)) {
            if (p_.options[i][j].seller == s) continue;
            const Decimal d = move_delta(pick, i, j);
            if (best == pick[i] || d < best_delta) best_delta = d, best = j;
          }
          moved_all = best != pick[i];
          if (moved_all) {
            moved_.push_back({i, pick[i]});
            total += best_delta;
            apply_move(pick, i, best);
          }
        }
        if (moved_all && total.is_negative()) {
          better = true;
          continue;
        }
        for (const auto& [i, k] : moved_)
          apply_move(pick, i, k);
      }
      if (!better) break;
    }
  }

  /// Per seller, for the choice being improved.
  struct SellerState {
    Decimal goods;         ///< goods of its items
    std::size_t count = 0; ///< its items
    std::size_t first = 0; ///< its first item (a linked list through next_), n_ for none
  };

  const OfferProblem& p_;
  const KeptOffers& cand_;
  std::size_t n_;
  std::uint64_t steps_ = 0;
  std::vector<SellerState> sellers_;
  std::vector<std::size_t> next_;                          ///< items by seller (linked lists)
  std::vector<std::pair<std::size_t, std::size_t>> moved_; ///< (item, former offer)
};

} // namespace

std::uint64_t improve_choice(const OfferProblem& problem, const KeptOffers& kept,
                             std::vector<std::size_t>& pick) {
  return LocalSearch(problem, kept).run(pick);
}

} // namespace taoquote::detail
