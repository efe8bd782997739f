// Request JSON → typed Request (docs/schema.md).
#include "codec_internal.hpp"
#include "json_reader.hpp"

namespace taoquote::codec {
namespace {

constexpr std::size_t max_request_bytes = 1u << 20;

Offer offer(const Node& n) {
  n.expect_keys({"seller", "unit_price", "tiers", "moq"}, false);
  Offer o;
  o.seller = n.at("seller").id();
  if (n.has("unit_price") == n.has("tiers"))
    n.error(ErrorCode::invalid_field, "An offer has exactly one of \"unit_price\" and \"tiers\".");
  if (auto p = n.find("unit_price")) {
    o.tiers.push_back({1, p->amount()});
  } else {
    for (const Node& t : n.at("tiers").items(1, 32)) {
      t.expect_keys({"min_qty", "unit_price"}, false);
      o.tiers.push_back({t.at("min_qty").integer(1, 1'000'000), t.at("unit_price").amount()});
    }
  }
  if (auto m = n.find("moq")) o.moq = m->integer(1, 1'000'000);
  return o;
}

Item item(const Node& n) {
  n.expect_keys({"id", "title", "hs_code", "quantity", "weight_g", "dimensions_cm", "attributes",
                 "origin", "offers"},
                false);
  Item it;
  it.id = n.at("id").id();
  it.title = n.at("title").string(512);
  it.hs_code = n.at("hs_code").hs_code(4);
  it.quantity = n.at("quantity").integer(1, 1'000'000);
  it.weight_g = n.at("weight_g").integer(0, 100'000'000);
  const auto dims = n.at("dimensions_cm").items(3, 3);
  for (std::size_t k = 0; k < 3; ++k)
    it.dimensions_cm[k] = dims[k].integer(1, 1000);
  if (auto a = n.find("attributes"))
    for (const Node& x : a->items(0, 32))
      it.attributes.push_back(x.attribute());
  if (auto o = n.find("origin")) it.origin = o->country();
  for (const Node& o : n.at("offers").items(1, 32))
    it.offers.push_back(offer(o));
  return it;
}

} // namespace

Request parse_request_impl(std::string_view text) {
  const Json j = parse_strict(text, ErrorDoc::request, max_request_bytes);
  const Node root(j, "", ErrorDoc::request);
  root.expect_keys({"schema", "at", "destination", "currency", "locale", "line", "cash_rounding",
                    "sellers", "items"},
                   false);
  if (auto s = root.find("schema"); s && s->string(64) != "taoquote.request/1")
    fail(ErrorCode::unsupported_schema, ErrorDoc::request, "/schema",
         "This build reads requests of schema \"taoquote.request/1\".");
  Request rq;
  rq.at = root.at("at").instant();
  const Node dest = root.at("destination");
  dest.expect_keys({"country", "postal_code"}, false);
  rq.country = dest.at("country").country();
  if (auto p = dest.find("postal_code")) rq.postal_code = p->string(16);
  if (auto c = root.find("currency")) rq.currency = c->currency();
  if (auto l = root.find("locale")) {
    std::string tag = l->string(35);
    if (tag.empty() || tag.front() == '-' || tag.back() == '-' ||
        tag.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") !=
            std::string::npos)
      l->error(ErrorCode::invalid_field, "A locale is a BCP 47 tag like \"de-DE\".");
    rq.locale = std::move(tag);
  }
  if (auto l = root.find("line")) rq.line = l->id();
  if (auto c = root.find("cash_rounding")) rq.cash_rounding = c->boolean();
  for (const Node& s : root.at("sellers").items(1, 200)) {
    s.expect_keys({"id", "platform", "shipping", "free_over"}, false);
    Seller seller;
    seller.id = s.at("id").id();
    seller.platform = s.at("platform").named<Platform>();
    seller.shipping = s.at("shipping").amount();
    if (auto f = s.find("free_over")) seller.free_over = f->amount();
    rq.sellers.push_back(std::move(seller));
  }
  for (const Node& i : root.at("items").items(1, 200))
    rq.items.push_back(item(i));
  return rq; // cross-field rules are checked once, by compute_quote (validate_request)
}

} // namespace taoquote::codec
