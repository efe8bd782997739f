// The exact offer choice: dominance reduction, then a depth-first branch and bound over the
// items in order whose lower bound is a dual ascent on a facility-location relaxation.
// The argument for each step is in docs/offer-choice.md; the section numbers refer to it.
#include "offer_search.hpp"

#include <algorithm>

namespace taoquote::detail {
namespace {

Decimal shipping_of(const SellerTerms& s, const Decimal& goods) {
  if (s.free_over && goods >= *s.free_over) return Decimal{};
  return s.shipping;
}

const Decimal& min_of(const Decimal& a, const Decimal& b) {
  return b < a ? b : a;
}

class Search {
public:
  Search(const OfferProblem& p, std::uint64_t work_bound)
      : p_(p), n_(p.options.size()), bound_(work_bound), sellers_(p.sellers.size()), v_(n_),
        pick_(n_) {
    for (const auto& item : p.options)
      for (const OfferOption& o : item)
        weak_ = weak_ || o.amount.is_negative();
    for (std::size_t s = 0; s < p.sellers.size(); ++s) {
      const SellerTerms& t = p.sellers[s];
      weak_ = weak_ || t.shipping.is_negative();
      // §2: with non-negative amounts a free_over ≤ 0 is always reached.
      sellers_[s].ship = t.free_over && *t.free_over <= Decimal{} ? Decimal{} : t.shipping;
      sellers_[s].freeable = t.free_over && !sellers_[s].ship.is_zero();
    }
    reduce();
    arrange();
  }

  OfferSolution run() {
    OfferSolution out;
    Decimal root_lb;
    if (weak_) {
      // §6: no bound is valid for negative figures; plain enumeration under the work bound.
      for (const auto& item : p_.options) {
        Decimal m = item[0].amount;
        for (const OfferOption& o : item)
          m = min_of(m, o.amount);
        root_lb += m;
      }
      for (const SellerTerms& t : p_.sellers)
        if (t.shipping.is_negative()) root_lb += t.shipping;
      offer(std::vector<std::size_t>(n_, 0), evaluate(std::vector<std::size_t>(n_, 0)));
    } else {
      root_lb = lower_bound(0); // also gives the first incumbent
      root_lb_ = &root_lb;
    }
    dfs(0, true);
    out.pick = best_;
    out.cost = best_cost_;
    out.steps = steps_;
    out.proven = !stopped_;
    out.lower_bound = stopped_ ? min_of(weak_ ? root_lb : ceil(root_lb), best_cost_) : best_cost_;
    return out;
  }

private:
  /// What the search keeps per seller (one allocation for all of it).
  struct SellerState {
    Decimal ship;          ///< shipping as the search uses it (0 when always waived)
    Decimal goods;         ///< goods of the items fixed so far
    Decimal pot;           ///< most goods the items not fixed yet can add
    Decimal slack;         ///< unspent opening cost in the ascent
    Decimal trial;         ///< evaluate's goods
    std::size_t count = 0; ///< items fixed so far
    bool freeable = false; ///< the seller has a positive free_over and shipping
    bool open = false;     ///< try_dual_completion: the completion may use it
    bool used = false;     ///< evaluate: some item of the choice is sold by it
  };

  /// Item i's cheapest offer at one seller, for the bound (§4).
  struct Edge {
    std::size_t seller = 0;
    Decimal least; ///< least amount among the item's kept offers at this seller
    Decimal most;  ///< largest amount among them (what the item can add to the goods)
  };

  // §3: drop every offer that some other offer of the same item beats whatever the other
  // items do; the lexicographically smallest optimum never uses a dropped offer.
  void reduce() {
    std::size_t options = 0;
    for (const auto& opts : p_.options)
      options += opts.size();
    cand_.offers.reserve(options);
    edge_list_.reserve(options); // an item has at most one edge per offer: no reallocation
    edge_of_.assign(options, 0);
    // Each start list gets item i's end as soon as item i is done, so of(i), edges(i) and
    // option_start_[i] hold from then on.
    cand_.start.assign(1, 0);
    edge_start_.assign(1, 0);
    option_start_.assign(1, 0);
    for (std::size_t i = 0; i < n_; ++i) {
      const auto& opts = p_.options[i];
      steps_ += opts.size() * opts.size();
      for (std::size_t k = 0; k < opts.size(); ++k) {
        bool dominated = false;
        for (std::size_t j = 0; j < opts.size() && !weak_ && !dominated; ++j) {
          if (j == k) continue;
          const SellerState &s = sellers_[opts[k].seller], &t = sellers_[opts[j].seller];
          Decimal extra = s.freeable ? s.ship : Decimal{};
          if (&t != &s) extra += t.ship;
          const Decimal moved = opts[j].amount + extra;
          dominated = moved < opts[k].amount || (moved == opts[k].amount && j < k);
        }
        if (!dominated) cand_.offers.push_back(k);
      }
      cand_.start.push_back(cand_.offers.size());
      const auto kept = cand_.of(i);
      for (std::size_t k : kept) {
        const OfferOption& o = opts[k];
        const auto first = edge_list_.begin() + static_cast<std::ptrdiff_t>(edge_start_[i]);
        auto e = std::find_if(first, edge_list_.end(),
                              [&](const Edge& x) { return x.seller == o.seller; });
        if (e == edge_list_.end()) {
          edge_list_.push_back({o.seller, o.amount, o.amount});
          continue;
        }
        e->least = min_of(e->least, o.amount);
        if (e->most < o.amount) e->most = o.amount;
      }
      edge_start_.push_back(edge_list_.size());
      const auto item_edges = edges(i);
      for (const Edge& e : item_edges)
        sellers_[e.seller].pot += e.most;
      std::size_t* item_edge_of = edge_of_.data() + option_start_[i];
      for (std::size_t k : kept)
        while (item_edges[item_edge_of[k]].seller != opts[k].seller)
          ++item_edge_of[k];
      option_start_.push_back(option_start_[i] + opts.size());
    }
  }

  // Item i's edges, one per seller of its kept offers.
  Run<Edge> edges(std::size_t i) const {
    return {edge_list_.data() + edge_start_[i], edge_start_[i + 1] - edge_start_[i]};
  }
  // Item i's kept offers, cheapest first.
  Run<std::size_t> tries(std::size_t i) const {
    return {tries_.data() + cand_.start[i], cand_.start[i + 1] - cand_.start[i]};
  }
  // The edge of item i's offer k.
  std::size_t edge_of(std::size_t i, std::size_t k) const { return edge_of_[option_start_[i] + k]; }

  // §5: branch first on the items whose choice matters most (the largest gap between their two
  // cheapest sellers), and try each item's offers cheapest first; pruning does not depend
  // on this order, only the speed does.
  void arrange() {
    // Per item: the gap between its two cheapest sellers, and whether it has only one.
    std::vector<std::pair<Decimal, bool>> regret(n_);
    tries_ = cand_.offers;
    for (std::size_t i = 0; i < n_; ++i) {
      const auto& opts = p_.options[i];
      const auto first = tries_.begin() + static_cast<std::ptrdiff_t>(cand_.start[i]);
      const auto last = tries_.begin() + static_cast<std::ptrdiff_t>(cand_.start[i + 1]);
      // Ties keep the offers' order (cand_ is ascending): std::sort with the index as the
      // tie-break gives stable_sort's order without its buffer.
      std::sort(first, last, [&](std::size_t a, std::size_t b) {
        if (opts[a].amount < opts[b].amount) return true;
        return !(opts[b].amount < opts[a].amount) && a < b;
      });
      const auto item_edges = edges(i);
      regret[i].second = item_edges.size() == 1;
      // The gap between the two least prices at distinct sellers.
      if (item_edges.size() > 1) {
        Decimal lo = item_edges[0].least, next = item_edges[1].least;
        if (next < lo) std::swap(lo, next);
        for (std::size_t e = 2; e < item_edges.size(); ++e) {
          const Decimal& x = item_edges[e].least;
          if (x < lo) {
            next = lo;
            lo = x;
          } else if (x < next) {
            next = x;
          }
        }
        regret[i].first = next - lo;
      }
    }
    order_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i)
      order_[i] = i;
    std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
      const auto& [regret_a, single_a] = regret[a];
      const auto& [regret_b, single_b] = regret[b];
      if (single_a != single_b) return single_a;
      if (regret_b < regret_a) return true;
      return !(regret_a < regret_b) && a < b; // ties in item order, as stable_sort
    });
    rank_.resize(n_);
    for (std::size_t d = 0; d < n_; ++d)
      rank_[order_[d]] = d;
  }

  // §4: a lower bound on every completion of the items before `d` (not yet rounded up to the
  // unit); leaves the dual in v_ and the sellers' slack. Also offers the completion that the dual
  // suggests as an incumbent (§5).
  Decimal lower_bound(std::size_t d) {
    Decimal lb = fixed_;
    for (std::size_t s = 0; s < sellers_.size(); ++s) {
      SellerState& seller = sellers_[s];
      // A seller that can still reach free_over may end up costing nothing (§4).
      const bool reach = seller.freeable && seller.goods + seller.pot >= *p_.sellers[s].free_over;
      if (seller.count > 0) {
        seller.slack = Decimal{};
        if (!reach) lb += seller.ship;
      } else {
        seller.slack = reach ? Decimal{} : seller.ship;
      }
    }
    steps_ += sellers_.size();
    for (std::size_t j = d; j < n_; ++j) {
      const std::size_t i = order_[j];
      const auto item_edges = edges(i);
      v_[i] = item_edges[0].least;
      for (const Edge& e : item_edges)
        v_[i] = min_of(v_[i], e.least);
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t j = d; j < n_; ++j)
        changed = raise(order_[j]) || changed;
    }
    for (std::size_t j = d; j < n_; ++j)
      lb += v_[order_[j]];
    try_dual_completion(d);
    return lb;
  }

  // Every cost is a multiple of the unit, so a bound may be rounded up to one.
  Decimal ceil(const Decimal& lb) const { return lb.round_to(p_.unit, RoundingMode::ceiling); }

  // §4: keeps the dual of a node so that its descendants get a bound without an ascent.
  void push_frame(const Decimal& raw, std::size_t depth) {
    if (frames_used_ == frames_.size()) frames_.emplace_back();
    Frame& f = frames_[frames_used_++];
    f.raw = raw;
    f.depth = depth;
    f.added = Decimal{};
    f.dual.assign(v_.begin(), v_.end());
    for (const SellerState& s : sellers_)
      f.dual.push_back(s.slack);
    steps_ += n_ + sellers_.size();
  }

  // §4: what fixing `item` to offer k adds to the bound of the top frame: its amount above
  // its cheapest price at that seller, its reduced cost there, and the seller's unspent
  // opening cost when the seller was not used yet.
  Decimal reduced_cost(std::size_t item, std::size_t k) const {
    const Frame& f = frames_[frames_used_ - 1];
    const OfferOption& o = p_.options[item][k];
    const Decimal& least = edges(item)[edge_of(item, k)].least;
    const Decimal& v = f.dual[item];
    Decimal r = o.amount - least;
    if (v < least) r += least - v;
    if (sellers_[o.seller].count == 0) r += f.dual[n_ + o.seller];
    return r;
  }

  // One step of the ascent for item i: raise v_i to its next breakpoint or until a seller it
  // already pays into has no slack left.
  bool raise(std::size_t i) {
    const auto item_edges = edges(i);
    steps_ += item_edges.size();
    const Decimal* allowed = nullptr;
    const Decimal* next = nullptr;
    for (const Edge& e : item_edges) {
      const Decimal& pr = e.least;
      const Decimal& slack = sellers_[e.seller].slack;
      if (pr <= v_[i]) {
        if (!allowed || slack < *allowed) allowed = &slack;
      } else if (!next || pr < *next) {
        next = &pr;
      }
    }
    if (!allowed || allowed->is_zero()) return false;
    Decimal delta = *allowed;
    if (next && *next - v_[i] < delta) delta = *next - v_[i];
    for (const Edge& e : item_edges)
      if (e.least <= v_[i]) sellers_[e.seller].slack -= delta;
    v_[i] += delta;
    return true;
  }

  // §5: sellers already used or whose opening cost the dual exhausted are "open"; each
  // remaining item takes its cheapest kept offer at an open seller.
  void try_dual_completion(std::size_t d) {
    for (SellerState& s : sellers_)
      s.open = s.count > 0 || s.slack.is_zero();
    std::vector<std::size_t>& trial = trial_;
    trial.assign(pick_.begin(), pick_.end());
    for (std::size_t j = d; j < n_; ++j) {
      const std::size_t i = order_[j];
      const auto& opts = p_.options[i];
      const auto kept = cand_.of(i);
      std::size_t best = kept[0];
      bool found = false;
      steps_ += kept.size();
      for (std::size_t k : kept) {
        if (!sellers_[opts[k].seller].open) continue;
        if (!found || opts[k].amount < opts[best].amount) best = k;
        found = true;
      }
      trial[i] = best;
    }
    // Local search where it pays: at the root, and on completions cheaper than the best.
    const Decimal raw = evaluate(trial);
    if (d > 0 && have_best_ && !(raw < best_cost_)) {
      offer(trial, raw);
      return;
    }
    steps_ += improve_choice(p_, cand_, trial);
    offer(trial, evaluate(trial));
  }

  Decimal evaluate(const std::vector<std::size_t>& pick) {
    steps_ += n_ + sellers_.size();
    for (SellerState& s : sellers_) {
      s.trial = Decimal{};
      s.used = false;
    }
    Decimal total;
    for (std::size_t i = 0; i < n_; ++i) {
      const OfferOption& o = p_.options[i][pick[i]];
      total += o.amount;
      sellers_[o.seller].trial += o.amount;
      sellers_[o.seller].used = true;
    }
    for (std::size_t s = 0; s < sellers_.size(); ++s)
      if (sellers_[s].used) total += shipping_of(p_.sellers[s], sellers_[s].trial);
    return total;
  }

  // The incumbent is the least (cost, pick) pair seen, pick compared lexicographically.
  void offer(const std::vector<std::size_t>& pick, const Decimal& cost) {
    if (have_best_ && (best_cost_ < cost || (best_cost_ == cost && !(pick < best_)))) return;
    best_ = pick;
    best_cost_ = cost;
    have_best_ = true;
  }

  // §4: a node can be skipped when its bound exceeds the incumbent, or equals it and its
  // lexicographically smallest completion is not smaller than the incumbent.
  bool prune(const Decimal& lb, std::size_t d) const {
    if (!have_best_ || lb < best_cost_) return false;
    if (best_cost_ < lb) return true;
    for (std::size_t i = 0; i < n_; ++i) {
      const std::size_t k = rank_[i] < d ? pick_[i] : cand_.of(i)[0];
      if (k != best_[i]) return k > best_[i];
    }
    return true;
  }

  // §5: a node gets its own ascent when it is off the cheapest-first path since the last
  // ascent, or when a quarter of the items then unfixed have been fixed since; elsewhere the
  // bound inherited from the last ascent (§4) decides.
  bool needs_ascent(std::size_t d, bool off_path) const {
    if (frames_used_ == 0 || off_path) return true;
    return (n_ - d) * 4 <= (n_ - frames_[frames_used_ - 1].depth) * 3;
  }

  void dfs(std::size_t d, bool off_path) {
    if (stopped_) return;
    if (steps_ >= bound_) {
      stopped_ = true;
      return;
    }
    if (d == n_) {
      offer(pick_, evaluate(pick_));
      return;
    }
    const std::size_t frames_before = frames_used_;
    if (!weak_) {
      if (frames_used_ > 0) {
        const Frame& f = frames_[frames_used_ - 1];
        if (prune(ceil(f.raw + f.added), d)) return;
      }
      if (needs_ascent(d, off_path)) {
        const Decimal raw = d == 0 && root_lb_ ? *root_lb_ : lower_bound(d);
        if (prune(ceil(raw), d)) return;
        push_frame(raw, d);
        off_path = false;
      }
    }
    const std::size_t item = order_[d];
    for (const Edge& e : edges(item))
      sellers_[e.seller].pot -= e.most;
    const auto item_tries = tries(item);
    for (std::size_t k : item_tries) {
      const OfferOption& o = p_.options[item][k];
      SellerState& seller = sellers_[o.seller];
      fixed_ += o.amount;
      pick_[item] = k;
      const Decimal added = weak_ ? Decimal{} : reduced_cost(item, k);
      if (!weak_) frames_[frames_used_ - 1].added += added;
      seller.goods += o.amount;
      ++seller.count;
      dfs(d + 1, off_path || k != item_tries[0]);
      if (!weak_) frames_[frames_used_ - 1].added -= added;
      seller.goods -= o.amount;
      --seller.count;
      fixed_ -= o.amount;
      if (stopped_) break;
    }
    for (const Edge& e : edges(item))
      sellers_[e.seller].pot += e.most;
    frames_used_ = frames_before;
  }

  const OfferProblem& p_;
  std::size_t n_;
  std::uint64_t bound_, steps_ = 0;
  const Decimal* root_lb_ = nullptr;
  bool weak_ = false, stopped_ = false, have_best_ = false;
  std::vector<SellerState> sellers_;
  KeptOffers cand_;                       ///< kept offers per item, in offer order
  std::vector<std::size_t> tries_;        ///< the same, each item's cheapest first (§5)
  std::vector<std::size_t> order_;        ///< order_[d]: the item branched on at depth d
  std::vector<std::size_t> rank_;         ///< rank_[order_[d]] == d
  std::vector<Edge> edge_list_;           ///< every item's edges, item by item (edges())
  std::vector<std::size_t> edge_start_;   ///< item i's edges start at edge_start_[i]
  std::vector<std::size_t> edge_of_;      ///< per offer of every item: its edge (edge_of())
  std::vector<std::size_t> option_start_; ///< item i's offers start at option_start_[i]
  std::vector<Decimal> v_;
  Decimal fixed_;
  std::vector<std::size_t> pick_, best_, trial_;
  /// The dual of a node whose bound was computed by ascent, and what fixing items since
  /// then has added to it (§4).
  struct Frame {
    Decimal raw, added;
    std::size_t depth = 0;
    std::vector<Decimal> dual; ///< v per item, then slack per seller
  };
  std::vector<Frame> frames_;
  std::size_t frames_used_ = 0;
  Decimal best_cost_;
};

} // namespace

Decimal offer_choice_cost(const OfferProblem& problem, const std::vector<std::size_t>& pick) {
  std::vector<Decimal> goods(problem.sellers.size());
  std::vector<bool> used(problem.sellers.size());
  Decimal total;
  for (std::size_t i = 0; i < pick.size(); ++i) {
    const OfferOption& o = problem.options[i][pick[i]];
    total += o.amount;
    goods[o.seller] += o.amount;
    used[o.seller] = true;
  }
  for (std::size_t s = 0; s < used.size(); ++s)
    if (used[s]) total += shipping_of(problem.sellers[s], goods[s]);
  return total;
}

OfferSolution solve_offer_choice(const OfferProblem& problem, std::uint64_t work_bound) {
  return Search(problem, work_bound).run();
}

} // namespace taoquote::detail
