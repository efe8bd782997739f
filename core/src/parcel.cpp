// Step 3 of the pipeline (docs/pipeline.md §3): the consolidated parcel's actual weight and
// padded, sorted dimensions.
#include "pipeline.hpp"

#include <algorithm>
#include <functional>

namespace taoquote::detail {

Contents whole_cart(const Context& ctx) {
  Contents all;
  all.reserve(ctx.request.items.size());
  for (const Item& item : ctx.request.items)
    all.push_back(item.quantity);
  return all;
}

bool contents_have(const Context& ctx, const Contents& contents, std::string_view attribute) {
  for (std::size_t i = 0; i < contents.size(); ++i)
    if (contents[i] > 0)
      for (const auto& a : ctx.request.items[i].attributes)
        if (a == attribute) return true;
  return false;
}

Parcel build_parcel(const Context& ctx) {
  return build_parcel(ctx, whole_cart(ctx));
}

Parcel build_parcel(const Context& ctx, const Contents& contents) {
  Parcel p;
  std::int64_t longest = 0, middle = 0;
  Decimal height, weight = Decimal::from_int(ctx.rulebook.warehouse.packaging_weight_g);
  for (std::size_t i = 0; i < contents.size(); ++i) {
    if (contents[i] == 0) continue;
    const Item& item = ctx.request.items[i];
    auto d = item.dimensions_cm;
    std::sort(d.begin(), d.end(), std::greater<>());
    longest = std::max(longest, d[0]);
    middle = std::max(middle, d[1]);
    height += Decimal::from_int(d[2]) * contents[i];
    weight += Decimal::from_int(item.weight_g) * contents[i];
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
