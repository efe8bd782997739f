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
      : p_(p), n_(p.options.size()), bound_(work_bound), ship_(p.sellers.size()),
        freeable_(p.sellers.size()), goods_(p.sellers.size()), count_(p.sellers.size()),
        pot_(p.sellers.size()), slack_(p.sellers.size()), open_(p.sellers.size()), v_(n_),
        pick_(n_), scratch_goods_(p.sellers.size()), scratch_used_(p.sellers.size()) {
    for (const auto& item : p.options)
      for (const OfferOption& o : item)
        weak_ = weak_ || o.amount.is_negative();
    for (std::size_t s = 0; s < p.sellers.size(); ++s) {
      const SellerTerms& t = p.sellers[s];
      weak_ = weak_ || t.shipping.is_negative();
      // §2: with non-negative amounts a free_over ≤ 0 is always reached.
      ship_[s] = t.free_over && *t.free_over <= Decimal{} ? Decimal{} : t.shipping;
      freeable_[s] = t.free_over && !ship_[s].is_zero();
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
  /// Item i's cheapest offer at one seller, for the bound (§4).
  struct Edge {
    std::size_t seller = 0;
    Decimal least; ///< least amount among the item's kept offers at this seller
    Decimal most;  ///< largest amount among them (what the item can add to the goods)
  };

  // §3: drop every offer that some other offer of the same item beats whatever the other
  // items do; the lexicographically smallest optimum never uses a dropped offer.
  void reduce() {
    cand_.resize(n_);
    edges_.resize(n_);
    edge_of_.reserve(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      const auto& opts = p_.options[i];
      steps_ += opts.size() * opts.size();
      cand_[i].reserve(opts.size());
      edges_[i].reserve(opts.size());
      for (std::size_t k = 0; k < opts.size(); ++k) {
        bool dominated = false;
        for (std::size_t j = 0; j < opts.size() && !weak_ && !dominated; ++j) {
          if (j == k) continue;
          const std::size_t s = opts[k].seller, t = opts[j].seller;
          Decimal extra = freeable_[s] ? ship_[s] : Decimal{};
          if (t != s) extra += ship_[t];
          const Decimal moved = opts[j].amount + extra;
          dominated = moved < opts[k].amount || (moved == opts[k].amount && j < k);
        }
        if (!dominated) cand_[i].push_back(k);
      }
      for (std::size_t k : cand_[i]) {
        const OfferOption& o = opts[k];
        auto e = std::find_if(edges_[i].begin(), edges_[i].end(),
                              [&](const Edge& x) { return x.seller == o.seller; });
        if (e == edges_[i].end()) {
          edges_[i].push_back({o.seller, o.amount, o.amount});
          continue;
        }
        e->least = min_of(e->least, o.amount);
        if (e->most < o.amount) e->most = o.amount;
      }
      for (const Edge& e : edges_[i])
        pot_[e.seller] += e.most;
      edge_of_.emplace_back(opts.size(), 0);
      for (std::size_t k : cand_[i])
        while (edges_[i][edge_of_[i][k]].seller != opts[k].seller)
          ++edge_of_[i][k];
    }
  }

  // §5: branch first on the items whose choice matters most (the largest gap between their two
  // cheapest sellers), and try each item's offers cheapest first; pruning does not depend
  // on this order, only the speed does.
  void arrange() {
    std::vector<Decimal> regret(n_);
    std::vector<bool> single(n_);
    tries_.reserve(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      const auto& opts = p_.options[i];
      tries_.push_back(cand_[i]);
      // Ties keep the offers' order (cand_ is ascending): std::sort with the index as the
      // tie-break gives stable_sort's order without its buffer.
      std::sort(tries_[i].begin(), tries_[i].end(), [&](std::size_t a, std::size_t b) {
        if (opts[a].amount < opts[b].amount) return true;
        return !(opts[b].amount < opts[a].amount) && a < b;
      });
      single[i] = edges_[i].size() == 1;
      // The gap between the two least prices at distinct sellers.
      if (edges_[i].size() > 1) {
        Decimal lo = edges_[i][0].least, next = edges_[i][1].least;
        if (next < lo) std::swap(lo, next);
        for (std::size_t e = 2; e < edges_[i].size(); ++e) {
          const Decimal& x = edges_[i][e].least;
          if (x < lo) {
            next = lo;
            lo = x;
          } else if (x < next) {
            next = x;
          }
        }
        regret[i] = next - lo;
      }
    }
    order_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i)
      order_[i] = i;
    std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
      if (single[a] != single[b]) return static_cast<bool>(single[a]);
      if (regret[b] < regret[a]) return true;
      return !(regret[a] < regret[b]) && a < b; // ties in item order, as stable_sort
    });
    rank_.resize(n_);
    for (std::size_t d = 0; d < n_; ++d)
      rank_[order_[d]] = d;
  }

  // §4: a lower bound on every completion of the items before `d` (not yet rounded up to the
  // unit); leaves the dual in v_ and slack_. Also offers the completion that the dual suggests as
  // an incumbent (§5).
  Decimal lower_bound(std::size_t d) {
    Decimal lb = fixed_;
    for (std::size_t s = 0; s < ship_.size(); ++s) {
      // A seller that can still reach free_over may end up costing nothing (§4).
      const bool reach = freeable_[s] && goods_[s] + pot_[s] >= *p_.sellers[s].free_over;
      if (count_[s] > 0) {
        slack_[s] = Decimal{};
        if (!reach) lb += ship_[s];
      } else {
        slack_[s] = reach ? Decimal{} : ship_[s];
      }
    }
    steps_ += ship_.size();
    for (std::size_t j = d; j < n_; ++j) {
      const std::size_t i = order_[j];
      v_[i] = edges_[i][0].least;
      for (const Edge& e : edges_[i])
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
    f.v.assign(v_.begin(), v_.end());
    f.slack.assign(slack_.begin(), slack_.end());
    steps_ += n_ + ship_.size();
  }

  // §4: what fixing `item` to offer k adds to the bound of the top frame: its amount above
  // its cheapest price at that seller, its reduced cost there, and the seller's unspent
  // opening cost when the seller was not used yet.
  Decimal reduced_cost(std::size_t item, std::size_t k) const {
    const Frame& f = frames_[frames_used_ - 1];
    const OfferOption& o = p_.options[item][k];
    const Decimal& least = edges_[item][edge_of_[item][k]].least;
    Decimal r = o.amount - least;
    if (f.v[item] < least) r += least - f.v[item];
    if (count_[o.seller] == 0) r += f.slack[o.seller];
    return r;
  }

  // One step of the ascent for item i: raise v_i to its next breakpoint or until a seller it
  // already pays into has no slack left.
  bool raise(std::size_t i) {
    const auto& edges = edges_[i];
    steps_ += edges.size();
    const Decimal* allowed = nullptr;
    const Decimal* next = nullptr;
    for (const Edge& e : edges) {
      const Decimal& pr = e.least;
      if (pr <= v_[i]) {
        if (!allowed || slack_[e.seller] < *allowed) allowed = &slack_[e.seller];
      } else if (!next || pr < *next) {
        next = &pr;
      }
    }
    if (!allowed || allowed->is_zero()) return false;
    Decimal delta = *allowed;
    if (next && *next - v_[i] < delta) delta = *next - v_[i];
    for (const Edge& e : edges)
      if (e.least <= v_[i]) slack_[e.seller] -= delta;
    v_[i] += delta;
    return true;
  }

  // §5: sellers already used or whose opening cost the dual exhausted are "open"; each
  // remaining item takes its cheapest kept offer at an open seller.
  void try_dual_completion(std::size_t d) {
    for (std::size_t s = 0; s < ship_.size(); ++s)
      open_[s] = count_[s] > 0 || slack_[s].is_zero();
    std::vector<std::size_t>& trial = trial_;
    trial.assign(pick_.begin(), pick_.end());
    for (std::size_t j = d; j < n_; ++j) {
      const std::size_t i = order_[j];
      const auto& opts = p_.options[i];
      std::size_t best = cand_[i][0];
      bool found = false;
      steps_ += cand_[i].size();
      for (std::size_t k : cand_[i]) {
        if (!open_[opts[k].seller]) continue;
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
    steps_ += n_ + scratch_goods_.size();
    std::fill(scratch_goods_.begin(), scratch_goods_.end(), Decimal{});
    std::fill(scratch_used_.begin(), scratch_used_.end(), false);
    Decimal total;
    for (std::size_t i = 0; i < n_; ++i) {
      const OfferOption& o = p_.options[i][pick[i]];
      total += o.amount;
      scratch_goods_[o.seller] += o.amount;
      scratch_used_[o.seller] = true;
    }
    for (std::size_t s = 0; s < scratch_used_.size(); ++s)
      if (scratch_used_[s]) total += shipping_of(p_.sellers[s], scratch_goods_[s]);
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
      const std::size_t k = rank_[i] < d ? pick_[i] : cand_[i][0];
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
    for (const Edge& e : edges_[item])
      pot_[e.seller] -= e.most;
    for (std::size_t k : tries_[item]) {
      const OfferOption& o = p_.options[item][k];
      fixed_ += o.amount;
      pick_[item] = k;
      const Decimal added = weak_ ? Decimal{} : reduced_cost(item, k);
      if (!weak_) frames_[frames_used_ - 1].added += added;
      goods_[o.seller] += o.amount;
      ++count_[o.seller];
      dfs(d + 1, off_path || k != tries_[item][0]);
      if (!weak_) frames_[frames_used_ - 1].added -= added;
      goods_[o.seller] -= o.amount;
      --count_[o.seller];
      fixed_ -= o.amount;
      if (stopped_) break;
    }
    for (const Edge& e : edges_[item])
      pot_[e.seller] += e.most;
    frames_used_ = frames_before;
  }

  const OfferProblem& p_;
  std::size_t n_;
  std::uint64_t bound_, steps_ = 0;
  const Decimal* root_lb_ = nullptr;
  bool weak_ = false, stopped_ = false, have_best_ = false;
  std::vector<Decimal> ship_;  ///< shipping as the search uses it (0 when always waived)
  std::vector<bool> freeable_; ///< the seller has a positive free_over and shipping
  std::vector<std::vector<std::size_t>> cand_;  ///< kept offers per item, in offer order
  std::vector<std::vector<std::size_t>> tries_; ///< the same, cheapest first (§5)
  std::vector<std::size_t> order_;              ///< order_[d]: the item branched on at depth d
  std::vector<std::size_t> rank_;               ///< rank_[order_[d]] == d
  std::vector<std::vector<Edge>> edges_;
  std::vector<Decimal> goods_;     ///< goods of the items fixed so far, per seller
  std::vector<std::size_t> count_; ///< items fixed so far, per seller
  std::vector<Decimal> pot_;       ///< most goods the items not fixed yet can add, per seller
  std::vector<Decimal> slack_;     ///< unspent opening cost in the ascent
  std::vector<bool> open_;
  std::vector<Decimal> v_;
  Decimal fixed_;
  std::vector<std::size_t> pick_, best_, trial_;
  /// The dual of a node whose bound was computed by ascent, and what fixing items since
  /// then has added to it (§4).
  struct Frame {
    Decimal raw, added;
    std::size_t depth = 0;
    std::vector<Decimal> v, slack;
  };
  std::vector<Frame> frames_;
  std::size_t frames_used_ = 0;
  std::vector<std::vector<std::size_t>> edge_of_; ///< edge_of_[i][k]: item i's edge of offer k
  Decimal best_cost_;
  std::vector<Decimal> scratch_goods_;
  std::vector<bool> scratch_used_;
  std::vector<Decimal> ls_goods_; ///< local search: goods per seller of the choice improved
  std::vector<std::size_t> ls_count_;
  std::vector<std::size_t> ls_first_, ls_next_;               ///< items by seller (linked lists)
  std::vector<std::pair<std::size_t, std::size_t>> ls_moved_; ///< (item, former offer)
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
