// Step 3 of the pipeline (docs/pipeline.md §3): the consolidated parcel's actual weight and
// padded, sorted dimensions.
#include "pipeline.hpp"

#include <algorithm>
#include <functional>

namespace taoquote::detail {

Parcel build_parcel(const Context& ctx) {
  Parcel p;
  std::int64_t longest = 0, middle = 0;
  Decimal height, weight = Decimal::from_int(ctx.rulebook.warehouse.packaging_weight_g);
  for (const Item& item : ctx.request.items) {
    auto d = item.dimensions_cm;
    std::sort(d.begin(), d.end(), std::greater<>());
    longest = std::max(longest, d[0]);
    middle = std::max(middle, d[1]);
    height += Decimal::from_int(d[2]) * item.quantity;
    weight += Decimal::from_int(item.weight_g) * item.quantity;
  }
  const std::int64_t pad = 2 * ctx.rulebook.warehouse.padding_cm;
  const auto h = height.to_int();
  const auto g = weight.to_int();
  if (!h || !g || *h > 1'000'000'000 || *g > 1'000'000'000'000)
    fail(ErrorCode::overflow, ErrorDoc::request, Path() / "items", "The parcel is absurdly large.");
  p.actual_g = *g;
  p.dimensions_cm = {longest + pad, middle + pad, *h + pad};
  std::sort(p.dimensions_cm.begin(), p.dimensions_cm.end(), std::greater<>());
  const auto& d = p.dimensions_cm;
  p.girth_cm = d[0] + 2 * (d[1] + d[2]);
  return p;
}

} // namespace taoquote::detail
