// Step 1 of the pipeline: tier prices, MOQ and the offer choice that counts each seller's
// domestic shipping once (the exact search itself is offer_search.cpp).
#include "offer_search.hpp"
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
  out.reserve(item.offers.size());
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
    // Settlement point 1: the line amount, unit price × quantity, settled to the base unit.
    const Decimal amount = (*price * item.quantity).round_to(ctx.base_unit, ctx.rounding);
    out.push_back({o, seller_index(ctx.request, offer.seller), *price, amount});
  }
  if (out.empty()) {
    const Path base = Path() / "items" / item_index;
    if (!other_reason)
      fail(ErrorCode::below_moq, ErrorDoc::request, base / "quantity",
           "Item '" + item.id + "' is ordered " + std::to_string(item.quantity) +
               " times, below the smallest minimum order quantity of its offers (" +
               std::to_string(smallest_moq) + ").");
    fail(ErrorCode::no_offer, ErrorDoc::request, base / "offers",
         "Item '" + item.id + "' has no offer with a price for quantity " +
             std::to_string(item.quantity) + ".");
  }
  return out;
}

} // namespace

OfferChoice choose_offers(const Context& ctx) {
  return choose_offers(ctx, default_offer_work_bound);
}

OfferChoice choose_offers(const Context& ctx, std::uint64_t work_bound) {
  const Request& rq = ctx.request;
  std::vector<std::vector<Candidate>> candidates;
  candidates.reserve(rq.items.size());
  OfferProblem problem;
  problem.unit = ctx.base_unit;
  problem.sellers.reserve(rq.sellers.size());
  problem.options.reserve(rq.items.size());
  for (const Seller& seller : rq.sellers) // settlement point 1b: each seller's shipping
    problem.sellers.push_back(
        {seller.shipping.round_to(ctx.base_unit, ctx.rounding), seller.free_over});
  for (std::size_t i = 0; i < rq.items.size(); ++i) {
    candidates.push_back(usable_offers(ctx, i));
    auto& options = problem.options.emplace_back();
    options.reserve(candidates.back().size());
    for (const Candidate& c : candidates.back())
      options.push_back({c.seller, c.amount});
  }
  const OfferSolution solution = solve_offer_choice(problem, work_bound);
  OfferChoice out;
  out.goods = out.seller_shipping = Money::zero(ctx.base);
  std::vector<Decimal> seller_goods(rq.sellers.size());
  std::vector<std::size_t> seller_order;
  seller_order.reserve(rq.sellers.size());
  out.items.reserve(solution.pick.size());
  for (std::size_t i = 0; i < solution.pick.size(); ++i) {
    const Candidate& c = candidates[i][solution.pick[i]];
    const Item& item = rq.items[i];
    const Seller& seller = rq.sellers[c.seller];
    out.items.push_back({item.id, item.quantity, c.offer, seller.id, seller.platform,
                         ctx.in_base(c.unit_price), ctx.in_base(c.amount)});
    out.goods += ctx.in_base(c.amount);
    if (!contains(seller_order, c.seller)) seller_order.push_back(c.seller);
    seller_goods[c.seller] += c.amount;
  }
  out.sellers.reserve(seller_order.size());
  for (std::size_t s : seller_order) {
    const SellerTerms& terms = problem.sellers[s];
    const bool waived = terms.free_over && seller_goods[s] >= *terms.free_over;
    const Money shipping = ctx.in_base(waived ? Decimal{} : terms.shipping);
    out.sellers.push_back({rq.sellers[s].id, rq.sellers[s].platform, shipping});
    out.seller_shipping += shipping;
  }
  if (!solution.proven) {
    const int digits = ctx.rulebook.base.minor_units;
    const std::string ccy(ctx.rulebook.base.code);
    out.warnings.push_back(
        {"OFFER_CHOICE_UNPROVEN",
         "The offer choice stopped at its work bound of " + std::to_string(work_bound) +
             " search steps before proving its choice optimal: the chosen offers cost " +
             solution.cost.to_string(digits) + " " + ccy +
             " (goods and seller shipping), and no choice costs less than " +
             solution.lower_bound.to_string(digits) + " " + ccy + "."});
  }
  return out;
}

} // namespace taoquote::detail
