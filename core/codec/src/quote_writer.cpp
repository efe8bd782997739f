// Typed Quote → canonical JSON (docs/quote.md): fixed key order, amounts as strings with
// exactly the currency's minor digits, no floats, no whitespace.
#include "canonical_writer.hpp"
#include "codec_internal.hpp"
#include "taoquote/names.hpp"

namespace taoquote::codec {
namespace {

using W = CanonicalWriter;

void optional_string(W& w, std::string_view key, const std::optional<std::string>& v) {
  w.key(key);
  if (v)
    w.string(*v);
  else
    w.null();
}

void write_transit(W& w, const ShippingOption& o) {
  w.key("transit_days")
      .begin_object()
      .key("min")
      .integer(o.transit_days.min)
      .key("max")
      .integer(o.transit_days.max);
  w.end_object();
  w.key("eta")
      .begin_object()
      .member("dispatch", format_date(o.eta.dispatch))
      .member("earliest", format_date(o.eta.earliest))
      .member("latest", format_date(o.eta.latest))
      .end_object();
}

// An eligible line's weights and charges (base currency) and its settled price.
void write_charges_of(W& w, const ShippingOption& o) {
  w.key("volumetric_g").integer(o.volumetric_g).key("chargeable_g").integer(o.chargeable_g);
  w.member("freight", o.freight).key("surcharges").begin_array();
  for (const auto& s : o.surcharges)
    w.begin_object().member("code", s.code).member("amount", s.amount).end_object();
  w.end_array().key("insurance");
  if (o.insurance)
    w.money(*o.insurance);
  else
    w.null();
  w.member("total", o.total);
}

void write_option(W& w, const ShippingOption& o) {
  w.begin_object()
      .member("line", o.line)
      .member("name", o.name)
      .member("mode", mode_name(o.mode))
      .key("ddp")
      .boolean(o.ddp)
      .key("eligible")
      .boolean(o.eligible);
  if (!o.eligible) {
    w.member("reason", o.reason).member("message", o.message).end_object();
    return;
  }
  write_charges_of(w, o);
  w.member("price", o.price).member("checkout_total", o.checkout_total);
  w.key("due_on_delivery")
      .begin_object()
      .member("amount", o.due_on_delivery)
      .member("currency", o.due_on_delivery.currency().code)
      .end_object()
      .member("landed_total", o.landed_total);
  write_transit(w, o);
  w.end_object();
}

// A split's parcel: its contents and size, its line's figures, and its share of customs.
void write_parcel(W& w, const ShippedParcel& p) {
  w.begin_object().key("items").begin_array();
  for (const auto& i : p.items)
    w.begin_object().member("id", i.id).key("quantity").integer(i.quantity).end_object();
  w.end_array().key("actual_g").integer(p.size.actual_g).key("dimensions_cm").begin_array();
  for (const auto d : p.size.dimensions_cm)
    w.integer(d);
  w.end_array().member("goods", p.goods);
  const ShippingOption& o = p.option;
  w.member("line", o.line)
      .member("name", o.name)
      .member("mode", mode_name(o.mode))
      .key("ddp")
      .boolean(o.ddp);
  write_charges_of(w, o);
  w.member("consolidation", p.consolidation).member("price", p.price);
  w.member("duty", p.duty).key("taxes").begin_array();
  for (const auto& t : p.taxes)
    w.begin_object().member("code", t.code).member("amount", t.amount).end_object();
  w.end_array().member("collect", name_of(p.collect));
  write_transit(w, o);
  w.end_object();
}

void write_customs(W& w, const Customs& c) {
  w.begin_object().member("country", c.country).member("currency", c.currency.code);
  w.key("valuation").begin_object().member("basis", basis_name(c.valuation.basis));
  if (c.valuation.basis == Valuation::Basis::price_rate)
    w.member("rate", c.valuation.rate.to_string());
  w.end_object();
  w.member("goods_value", c.goods_value).member("customs_value", c.customs_value);
  if (c.assessment) w.member("assessment", name_of(*c.assessment));
  w.key("thresholds").begin_array();
  for (const auto& t : c.thresholds) {
    w.begin_object()
        .member("id", t.id)
        .member("applies_to", t.applies_to)
        .member("basis", basis_name(t.basis))
        .member("value", t.value)
        .member("max", t.max)
        .member("currency", t.max.currency().code)
        .key("fired")
        .boolean(t.fired);
    if (t.parcel) w.key("parcel").integer(static_cast<std::int64_t>(*t.parcel));
    w.end_object();
  }
  w.end_array().key("lines").begin_array();
  for (const auto& l : c.lines)
    w.begin_object()
        .member("item", l.item)
        .member("hs_code", l.hs_code)
        .member("goods", l.goods)
        .member("seller_shipping", l.seller_shipping)
        .member("freight", l.freight)
        .member("insurance", l.insurance)
        .member("fees", l.fees)
        .member("customs_value", l.customs_value)
        .member("duty", l.duty)
        .end_object();
  w.end_array().key("duty").begin_object().member("rule", c.duty.rule);
  optional_string(w, "id", c.duty.id);
  w.member("amount", c.duty.amount).end_object();
  w.key("taxes").begin_array();
  for (const auto& t : c.taxes) {
    w.begin_object().member("id", t.id).member("code", t.code);
    optional_string(w, "of", t.of);
    optional_string(w, "exempt_by", t.exempt_by);
    w.key("groups").begin_array();
    for (const auto& g : t.groups)
      w.begin_object()
          .member("rate", g.rate.to_string())
          .member("base", g.base)
          .member("amount", g.amount)
          .end_object();
    w.end_array().member("amount", t.amount).end_object();
  }
  w.end_array().member("collect", name_of(c.collect));
  optional_string(w, "regime", c.regime);
  w.end_object();
}

// The chosen items and sellers, and in a partial quote the items left out.
void write_cart(W& w, const Quote& q) {
  w.key("items").begin_array();
  for (const auto& i : q.items)
    w.begin_object()
        .member("id", i.id)
        .key("quantity")
        .integer(i.quantity)
        .key("offer")
        .integer(static_cast<std::int64_t>(i.offer))
        .member("seller", i.seller)
        .member("platform", platform_name(i.platform))
        .member("unit_price", i.unit_price)
        .member("amount", i.amount)
        .end_object();
  w.end_array().key("sellers").begin_array();
  for (const auto& s : q.sellers)
    w.begin_object()
        .member("id", s.id)
        .member("platform", platform_name(s.platform))
        .member("shipping", s.shipping)
        .end_object();
  w.end_array();
  if (q.partial) { // only in partial quotes (request `partial: true`)
    w.key("excluded").begin_array();
    for (const auto& x : q.excluded)
      w.begin_object()
          .member("item", x.item)
          .member("code", error_code_name(x.error.code))
          .member("path", x.error.path)
          .member("message", x.error.message)
          .end_object();
    w.end_array();
  }
}

} // namespace

std::string write_quote(const Quote& q) {
  W w;
  w.begin_object().member("schema", quote_schema);
  w.key("rulebook")
      .begin_object()
      .member("id", q.rulebook_id)
      .member("digest", q.rulebook_digest)
      .end_object();
  w.member("at", format_instant(q.at)).member("expires_at", format_instant(q.expires_at));
  w.key("destination")
      .begin_object()
      .member("country", q.country)
      .member("currency", q.customs.currency.code)
      .end_object();
  w.member("currency", q.currency.code);
  write_cart(w, q);
  w.key("parcel").begin_object().key("actual_g").integer(q.parcel.actual_g);
  w.key("dimensions_cm").begin_array();
  for (const auto d : q.parcel.dimensions_cm)
    w.integer(d);
  w.end_array().end_object().key("options").begin_array();
  for (const auto& o : q.options)
    write_option(w, o);
  w.end_array();
  if (q.parcels.empty()) {
    w.member("selected", q.selected);
  } else { // a split quote: each parcel names its line
    w.key("parcels").begin_array();
    for (const auto& p : q.parcels)
      write_parcel(w, p);
    w.end_array();
  }
  w.key("customs");
  write_customs(w, q.customs);
  w.key("charges").begin_array();
  for (const auto& c : q.charges) {
    w.begin_object()
        .member("code", c.code)
        .member("collect", name_of(c.collect))
        .member("amount", c.amount)
        .member("currency", c.amount.currency().code)
        .member("source_amount", c.source)
        .member("source_currency", c.source.currency().code);
    if (c.parcel) w.key("parcel").integer(static_cast<std::int64_t>(*c.parcel));
    w.end_object();
  }
  w.end_array().member("total", q.total);
  w.key("due_on_delivery")
      .begin_object()
      .member("amount", q.due_on_delivery)
      .member("currency", q.due_on_delivery.currency().code)
      .end_object();
  if (q.landed_total) w.member("landed_total", *q.landed_total);
  w.key("fx").begin_object().member("as_of", format_instant(q.fx_as_of));
  w.member("markup", q.fx_markup.to_string()).key("rates").begin_array();
  for (const auto& f : q.fx)
    w.begin_object()
        .member("from", f.from)
        .member("to", f.to)
        .key("mid")
        .decimal(f.mid)
        .key("charged")
        .decimal(f.charged)
        .end_object();
  w.end_array().end_object().key("warnings").begin_array();
  for (const auto& x : q.warnings)
    w.begin_object().member("code", x.code).member("message", x.message).end_object();
  w.end_array().end_object();
  return w.take();
}

} // namespace taoquote::codec
