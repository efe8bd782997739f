// Step 1 of the pipeline: tier prices, MOQ and the offer choice that counts each seller's
// domestic shipping once.
#include "pipeline.hpp"

#include <algorithm>
#include <limits>
#include <optional>

namespace taoquote::detail {
namespace {

struct Candidate {
  std::size_t offer = 0;
  std::size_t seller = 0; ///< index into request.sellers
  Decimal unit_price;
  Decimal amount;
};

constexpr std::size_t exhaustive_limit = 4096;
constexpr int max_passes = 64;

std::size_t seller_index(const Request& rq, const std::string& id) {
  for (std::size_t s = 0; s < rq.sellers.size(); ++s)
    if (rq.sellers[s].id == id) return s;
  return rq.sellers.size(); // unreachable after validate_request
}

std::optional<Decimal> unit_price_for(const Offer& offer, std::int64_t quantity) {
  const Tier* best = nullptr;
  for (const Tier& t : offer.tiers)
    if (t.min_qty <= quantity) best = &t;
  if (!best) return std::nullopt;
  return best->unit_price;
}

std::vector<Candidate> usable_offers(const Context& ctx, std::size_t item_index) {
  const Item& item = ctx.request.items[item_index];
  std::vector<Candidate> out;
  std::int64_t smallest_moq = std::numeric_limits<std::int64_t>::max();
  bool other_reason = false;
  for (std::size_t o = 0; o < item.offers.size(); ++o) {
    const Offer& offer = item.offers[o];
    if (item.quantity < offer.moq) {
      smallest_moq = std::min(smallest_moq, offer.moq);
      continue;
    }
    const auto price = unit_price_for(offer, item.quantity);
    if (!price) {
      other_reason = true;
      continue;
    }
    const Decimal amount = (*price * item.quantity).round_to(ctx.base_unit, ctx.rounding);
    out.push_back({o, seller_index(ctx.request, offer.seller), *price, amount});
  }
  if (out.empty()) {
    const std::string base = pointer_join("/items", item_index);
    if (!other_reason)
      fail(ErrorCode::below_moq, ErrorDoc::request, pointer_join(base, "quantity"),
           "Item '" + item.id + "' is ordered " + std::to_string(item.quantity) +
               " times, below the smallest minimum order quantity of its offers (" +
               std::to_string(smallest_moq) + ").");
    fail(ErrorCode::no_offer, ErrorDoc::request, pointer_join(base, "offers"),
         "Item '" + item.id + "' has no offer with a price for quantity " +
             std::to_string(item.quantity) + ".");
  }
  return out;
}

// Total cost of one choice: goods plus each used seller's shipping once.
class CostModel {
public:
  CostModel(const Context& ctx, const std::vector<std::vector<Candidate>>& candidates)
      : ctx_(ctx), candidates_(candidates), seller_goods_(ctx.request.sellers.size()),
        used_(ctx.request.sellers.size()) {}

  Decimal cost(const std::vector<std::size_t>& pick) {
    std::fill(seller_goods_.begin(), seller_goods_.end(), Decimal{});
    std::fill(used_.begin(), used_.end(), false);
    Decimal total;
    for (std::size_t i = 0; i < pick.size(); ++i) {
      const Candidate& c = candidates_[i][pick[i]];
      total += c.amount;
      seller_goods_[c.seller] += c.amount;
      used_[c.seller] = true;
    }
    for (std::size_t s = 0; s < used_.size(); ++s)
      if (used_[s]) total += shipping_of(s, seller_goods_[s]);
    return total;
  }

  Decimal shipping_of(std::size_t s, const Decimal& goods) const {
    const Seller& seller = ctx_.request.sellers[s];
    if (seller.free_over && goods >= *seller.free_over) return Decimal{};
    return seller.shipping.round_to(ctx_.base_unit, ctx_.rounding);
  }

private:
  const Context& ctx_;
  const std::vector<std::vector<Candidate>>& candidates_;
  std::vector<Decimal> seller_goods_;
  std::vector<bool> used_;
};

std::vector<std::size_t> exhaustive(CostModel& model,
                                    const std::vector<std::vector<Candidate>>& candidates) {
  std::vector<std::size_t> pick(candidates.size(), 0), best = pick;
  Decimal best_cost = model.cost(pick);
  for (;;) {
    // Advance the mixed-radix counter, last item least significant: lexicographic order.
    std::size_t i = candidates.size();
    while (i > 0) {
      --i;
      if (++pick[i] < candidates[i].size()) break;
      pick[i] = 0;
      if (i == 0) return best;
    }
    if (candidates.empty()) return best;
    const Decimal c = model.cost(pick);
    if (c < best_cost) {
      best_cost = c;
      best = pick;
    }
  }
}

std::vector<std::size_t> heuristic(CostModel& model,
                                   const std::vector<std::vector<Candidate>>& candidates) {
  std::vector<std::size_t> pick(candidates.size(), 0);
  for (std::size_t i = 0; i < candidates.size(); ++i)
    for (std::size_t k = 1; k < candidates[i].size(); ++k)
      if (candidates[i][k].amount < candidates[i][pick[i]].amount) pick[i] = k;
  for (int pass = 0; pass < max_passes; ++pass) {
    bool changed = false;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const std::size_t current = pick[i];
      Decimal best_cost = model.cost(pick);
      std::size_t best = current;
      for (std::size_t k = 0; k < candidates[i].size(); ++k) {
        if (k == current) continue;
        pick[i] = k;
        const Decimal c = model.cost(pick);
        if (c < best_cost) {
          best_cost = c;
          best = k;
        }
      }
      pick[i] = best;
      changed = changed || best != current;
    }
    if (!changed) break;
  }
  return pick;
}

} // namespace

OfferChoice choose_offers(const Context& ctx) {
  const Request& rq = ctx.request;
  std::vector<std::vector<Candidate>> candidates;
  candidates.reserve(rq.items.size());
  std::size_t combinations = 1;
  for (std::size_t i = 0; i < rq.items.size(); ++i) {
    candidates.push_back(usable_offers(ctx, i));
    combinations =
        combinations > exhaustive_limit ? combinations : combinations * candidates.back().size();
  }
  CostModel model(ctx, candidates);
  const auto pick = combinations <= exhaustive_limit ? exhaustive(model, candidates)
                                                     : heuristic(model, candidates);
  OfferChoice out;
  std::vector<Decimal> seller_goods(rq.sellers.size());
  std::vector<std::size_t> seller_order;
  for (std::size_t i = 0; i < pick.size(); ++i) {
    const Candidate& c = candidates[i][pick[i]];
    const Item& item = rq.items[i];
    const Seller& seller = rq.sellers[c.seller];
    out.items.push_back(
        {item.id, item.quantity, c.offer, seller.id, seller.platform, c.unit_price, c.amount});
    out.goods += c.amount;
    if (!contains(seller_order, c.seller)) seller_order.push_back(c.seller);
    seller_goods[c.seller] += c.amount;
  }
  for (std::size_t s : seller_order) {
    const Decimal shipping = model.shipping_of(s, seller_goods[s]);
    out.sellers.push_back({rq.sellers[s].id, rq.sellers[s].platform, shipping});
    out.seller_shipping += shipping;
  }
  return out;
}

} // namespace taoquote::detail
