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
  LocalSearch(const OfferProblem& p, const std::vector<std::vector<std::size_t>>& cand)
      : p_(p), cand_(cand), n_(p.options.size()) {}

  std::uint64_t run(std::vector<std::size_t>& pick) {
    improve(pick);
    return steps_;
  }

private:
  // Shipping of seller s with `count` chosen lines worth `goods` (the true rule).
  Decimal ship_at(std::size_t s, const Decimal& goods, std::size_t count) const {
    return count == 0 ? Decimal{} : shipping_of(p_.sellers[s], goods);
  }

  // Cost change of moving item i from its offer in `pick` to offer j, in the ls_ state.
  Decimal move_delta(const std::vector<std::size_t>& pick, std::size_t i, std::size_t j) {
    steps_ += 8; // about eight times an ascent edge, measured
    const OfferOption& from = p_.options[i][pick[i]];
    const OfferOption& to = p_.options[i][j];
    const std::size_t s = from.seller, t = to.seller;
    Decimal delta = to.amount - from.amount - ship_at(s, ls_goods_[s], ls_count_[s]);
    if (s == t) return delta + ship_at(s, ls_goods_[s] - from.amount + to.amount, ls_count_[s]);
    delta += ship_at(s, ls_goods_[s] - from.amount, ls_count_[s] - 1);
    return delta + ship_at(t, ls_goods_[t] + to.amount, ls_count_[t] + 1) -
           ship_at(t, ls_goods_[t], ls_count_[t]);
  }

  void apply_move(std::vector<std::size_t>& pick, std::size_t i, std::size_t j) {
    const OfferOption& from = p_.options[i][pick[i]];
    const OfferOption& to = p_.options[i][j];
    ls_goods_[from.seller] -= from.amount;
    --ls_count_[from.seller];
    ls_goods_[to.seller] += to.amount;
    ++ls_count_[to.seller];
    pick[i] = j;
  }

  // §5: local search on an incumbent, so that a good choice is known early (and is what an
  // unproven quote returns): single-item moves, then emptying one seller into the others,
  // each kept only when it lowers the cost; a few passes.
  void improve(std::vector<std::size_t>& pick) {
    ls_goods_.assign(p_.sellers.size(), Decimal{});
    ls_count_.assign(p_.sellers.size(), 0);
    for (std::size_t i = 0; i < n_; ++i) {
      ls_goods_[p_.options[i][pick[i]].seller] += p_.options[i][pick[i]].amount;
      ++ls_count_[p_.options[i][pick[i]].seller];
    }
    for (int pass = 0; pass < 2; ++pass) {
      bool better = false;
      for (std::size_t i = 0; i < n_; ++i) {
        std::size_t best = pick[i];
        Decimal best_delta;
        for (std::size_t j : cand_[i]) {
          if (j == pick[i]) continue;
          const Decimal d = move_delta(pick, i, j);
          if (d < best_delta) best_delta = d, best = j;
        }
        if (best != pick[i]) apply_move(pick, i, best), better = true;
      }
      // Items by seller, then try to empty each seller in turn.
      steps_ += n_ + p_.sellers.size();
      ls_first_.assign(p_.sellers.size(), n_);
      ls_next_.assign(n_, n_);
      for (std::size_t i = n_; i-- > 0;) {
        const std::size_t s = p_.options[i][pick[i]].seller;
        ls_next_[i] = ls_first_[s];
        ls_first_[s] = i;
      }
      for (std::size_t s = 0; s < p_.sellers.size(); ++s) {
        ls_moved_.clear();
        Decimal total;
        bool moved_all = ls_first_[s] < n_;
        for (std::size_t i = ls_first_[s]; i < n_ && moved_all; i = ls_next_[i]) {
          if (p_.options[i][pick[i]].seller != s) continue; // moved here by an earlier step
          std::size_t best = pick[i];
          Decimal best_delta;
          for (std::size_t j : cand_[i]) {
            if (p_.options[i][j].seller == s) continue;
            const Decimal d = move_delta(pick, i, j);
            if (best == pick[i] || d < best_delta) best_delta = d, best = j;
          }
          moved_all = best != pick[i];
          if (moved_all) {
            ls_moved_.push_back({i, pick[i]});
            total += best_delta;
            apply_move(pick, i, best);
          }
        }
        if (moved_all && total.is_negative()) {
          better = true;
          continue;
        }
        for (const auto& [i, k] : ls_moved_)
          apply_move(pick, i, k);
      }
      if (!better) break;
    }
  }

  const OfferProblem& p_;
  const std::vector<std::vector<std::size_t>>& cand_;
  std::size_t n_;
  std::uint64_t steps_ = 0;
  std::vector<Decimal> ls_goods_; ///< goods per seller of the choice being improved
  std::vector<std::size_t> ls_count_;
  std::vector<std::size_t> ls_first_, ls_next_;               ///< items by seller (linked lists)
  std::vector<std::pair<std::size_t, std::size_t>> ls_moved_; ///< (item, former offer)
};

} // namespace

std::uint64_t improve_choice(const OfferProblem& problem,
                             const std::vector<std::vector<std::size_t>>& kept,
                             std::vector<std::size_t>& pick) {
  return LocalSearch(problem, kept).run(pick);
}

} // namespace taoquote::detail
