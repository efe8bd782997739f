// The DOM reference reader (see request_reference.hpp), written against the codec's Node.
#include "request_reference.hpp"

#include "json_reader.hpp"

namespace taoquote::test {
namespace {

using codec::Node;

Offer offer(const Node& n) {
  n.expect_keys({"seller", "unit_price", "tiers", "moq", "expires_at", "signature"}, false);
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
  if (auto e = n.find("expires_at")) o.expires_at = e->instant();
  if (auto g = n.find("signature")) {
    g->expect_keys({"kid", "alg", "value"}, false);
    OfferSignature sig;
    sig.kid = g->at("kid").id();
    const Node alg = g->at("alg");
    sig.alg = std::string(codec::read_signature_alg(alg.value(), alg.where()));
    const Node value = g->at("value");
    sig.value = std::string(codec::read_signature_value(value.value(), value.where()));
    o.signature = sig;
    if (!o.expires_at)
      fail(ErrorCode::invalid_field, ErrorDoc::request, n.path() + "/expires_at",
           "Missing required field \"expires_at\".");
  }
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

Seller seller(const Node& s) {
  s.expect_keys({"id", "platform", "shipping", "free_over"}, false);
  Seller out;
  out.id = s.at("id").id();
  out.platform = s.at("platform").named<Platform>();
  out.shipping = s.at("shipping").amount();
  if (auto f = s.find("free_over")) out.free_over = f->amount();
  return out;
}

} // namespace

Request reference_parse_request(std::string_view text) {
  const codec::Json j = codec::parse_strict(text, ErrorDoc::request, 1u << 20);
  const Node root(j, "", ErrorDoc::request);
  root.expect_keys({"$schema", "schema", "at", "destination", "currency", "locale", "line",
                    "cash_rounding", "choose", "partial", "split", "sellers", "items"},
                   false);
  if (auto e = root.find("$schema")) e->string(1024);
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
  if (auto l = root.find("locale"))
    rq.locale = std::string(codec::read_locale(l->value(), l->where()));
  if (auto l = root.find("line")) rq.line = l->id();
  if (auto c = root.find("cash_rounding")) rq.cash_rounding = c->boolean();
  if (auto c = root.find("choose")) rq.choose = c->named<Choose>();
  if (auto p = root.find("partial")) rq.partial = p->boolean();
  if (auto s = root.find("split")) rq.split = s->named<Split>();
  for (const Node& s : root.at("sellers").items(1, 200))
    rq.sellers.push_back(seller(s));
  for (const Node& i : root.at("items").items(1, 200))
    rq.items.push_back(item(i));
  return rq;
}

std::string describe(const Request& r) {
  std::string out = format_instant(r.at) + "|" + r.country + "|" + r.postal_code.value_or("-") +
                    "|" + std::string(r.currency ? r.currency->code : "-") + "|" +
                    r.locale.value_or("-") + "|" + r.line.value_or("-") + "|" +
                    (r.cash_rounding ? "cash" : "exact") + "|" +
                    std::to_string(static_cast<int>(r.choose)) + (r.partial ? "|partial" : "") +
                    "|split" + std::to_string(static_cast<int>(r.split)) + "\n";
  for (const Seller& s : r.sellers)
    out += "seller " + s.id + " " + std::to_string(static_cast<int>(s.platform)) + " " +
           s.shipping.to_string() + " " + (s.free_over ? s.free_over->to_string() : "-") + "\n";
  for (const Item& i : r.items) {
    out += "item " + i.id + " [" + i.title + "] " + i.hs_code + " " + std::to_string(i.quantity) +
           " " + std::to_string(i.weight_g) + " " + std::to_string(i.dimensions_cm[0]) + "x" +
           std::to_string(i.dimensions_cm[1]) + "x" + std::to_string(i.dimensions_cm[2]) + " " +
           i.origin.value_or("-");
    for (const auto& a : i.attributes)
      out += " #" + a;
    out += "\n";
    for (const Offer& o : i.offers) {
      out += "  offer " + o.seller + " moq " + std::to_string(o.moq);
      for (const Tier& t : o.tiers)
        out += " " + std::to_string(t.min_qty) + "@" + t.unit_price.to_string();
      if (o.expires_at) out += " until " + format_instant(*o.expires_at);
      if (o.signature)
        out += " signed " + o.signature->kid + " " + o.signature->alg + " " + o.signature->value;
      out += "\n";
    }
  }
  return out;
}

} // namespace taoquote::test
