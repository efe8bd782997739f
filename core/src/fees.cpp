// Step 2 of the pipeline (docs/pipeline.md §2): the agent's service fee and the warehouse's
// handling and consolidation fees, in the base currency.
#include "pipeline.hpp"

namespace taoquote::detail {

Fees compute_fees(const Context& ctx, const Money& goods) {
  const ServiceFee& sf = ctx.rulebook.service_fee;
  const Warehouse& w = ctx.rulebook.warehouse;
  const Decimal& g = goods.amount();
  Fees fees;
  // Settlement point 2: clamp(rate × goods, min, max), compared exactly before rounding.
  if (Decimal::compare_products(sf.rate.num, g, sf.min, sf.rate.den) < 0)
    fees.service_fee = ctx.settle_base(sf.min);
  else if (Decimal::compare_products(sf.rate.num, g, sf.max, sf.rate.den) > 0)
    fees.service_fee = ctx.settle_base(sf.max);
  else
    fees.service_fee = ctx.in_base(apply_rate(g, sf.rate, ctx.base_unit, ctx.rounding));
  std::int64_t units = 0;
  for (const Item& item : ctx.request.items)
    units += item.quantity;
  // Settlement point 3: handling per unit and consolidation per parcel.
  fees.handling = ctx.settle_base(w.handling_per_unit * units);
  fees.consolidation = ctx.settle_base(w.consolidation_per_parcel);
  return fees;
}

} // namespace taoquote::detail
