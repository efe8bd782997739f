// Typed Quote → canonical JSON (docs/quote.md): fixed key order, amounts as strings with
// exactly the currency's minor digits, no floats, no whitespace.
#include "codec_internal.hpp"

#include <nlohmann/json.hpp>

namespace taoquote::codec {
namespace {

using Out = nlohmann::ordered_json;

std::string money(const Decimal &d, const CurrencyInfo &c) {
  return d.to_string(c.minor_units);
}

const char *platform_name(Platform p) {
  switch (p) {
  case Platform::p1688: return "1688";
  case Platform::taobao: return "taobao";
  case Platform::pinduoduo: return "pinduoduo";
  }
  return "";
}

const char *mode_name(LineMode m) {
  switch (m) {
  case LineMode::courier: return "courier";
  case LineMode::postal: return "postal";
  case LineMode::freight: return "freight";
  }
  return "";
}

const char *basis_name(Valuation::Basis b) {
  switch (b) {
  case Valuation::Basis::fob: return "fob";
  case Valuation::Basis::cif: return "cif";
  case Valuation::Basis::price_rate: return "price_rate";
  }
  return "";
}

Out option_json(const ShippingOption &o, const Quote &q, const CurrencyInfo &base) {
  Out j = Out::object();
  j["line"] = o.line;
  j["name"] = o.name;
  j["mode"] = mode_name(o.mode);
  j["ddp"] = o.ddp;
  j["eligible"] = o.eligible;
  if (!o.eligible) {
    j["reason"] = o.reason;
    j["message"] = o.reason_detail;
    return j;
  }
  j["volumetric_g"] = o.volumetric_g;
  j["chargeable_g"] = o.chargeable_g;
  j["freight"] = money(o.freight, base);
  Out sc = Out::array();
  for (const auto &s : o.surcharges)
    sc.push_back(Out{{"code", s.code}, {"amount", money(s.amount, base)}});
  j["surcharges"] = std::move(sc);
  j["insurance"] = o.insurance ? Out(money(*o.insurance, base)) : Out(nullptr);
  j["total"] = money(o.total, base);
  j["price"] = money(o.price, q.currency);
  j["transit_days"] = Out{{"min", o.transit_min}, {"max", o.transit_max}};
  j["eta"] = Out{{"dispatch", format_date(o.dispatch)},
                 {"earliest", format_date(o.earliest)},
                 {"latest", format_date(o.latest)}};
  return j;
}

Out customs_json(const Customs &c) {
  const CurrencyInfo &cur = c.currency;
  Out j = Out::object();
  j["country"] = c.country;
  j["currency"] = std::string(cur.code);
  Out val{{"basis", basis_name(c.valuation.basis)}};
  if (c.valuation.basis == Valuation::Basis::price_rate) val["rate"] = c.valuation.rate.to_string();
  j["valuation"] = std::move(val);
  j["goods_value"] = money(c.goods_value, cur);
  j["customs_value"] = money(c.customs_value, cur);
  Out th = Out::array();
  for (const auto &t : c.thresholds)
    th.push_back(Out{{"id", t.id},
                     {"applies_to", t.applies_to},
                     {"basis", t.basis == Threshold::Basis::goods ? "goods" : "customs_value"},
                     {"value", money(t.value, cur)},
                     {"max", t.max.to_string(t.currency.minor_units)},
                     {"currency", std::string(t.currency.code)},
                     {"fired", t.fired}});
  j["thresholds"] = std::move(th);
  Out lines = Out::array();
  for (const auto &l : c.lines)
    lines.push_back(Out{{"item", l.item},
                        {"hs_code", l.hs_code},
                        {"goods", money(l.goods, cur)},
                        {"seller_shipping", money(l.seller_shipping, cur)},
                        {"freight", money(l.freight, cur)},
                        {"insurance", money(l.insurance, cur)},
                        {"fees", money(l.fees, cur)},
                        {"customs_value", money(l.customs_value, cur)},
                        {"duty", money(l.duty, cur)}});
  j["lines"] = std::move(lines);
  j["duty"] = Out{{"rule", c.duty_rule},
                  {"id", c.duty_rule_id ? Out(*c.duty_rule_id) : Out(nullptr)},
                  {"amount", money(c.duty, cur)}};
  Out taxes = Out::array();
  for (const auto &t : c.taxes) {
    Out groups = Out::array();
    for (const auto &g : t.groups)
      groups.push_back(Out{{"rate", g.rate.to_string()},
                           {"base", g.base.to_string(cur.minor_units)},
                           {"amount", money(g.amount, cur)}});
    taxes.push_back(Out{{"id", t.id},
                        {"code", t.code},
                        {"of", t.of ? Out(*t.of) : Out(nullptr)},
                        {"exempt_by", t.exempt_by ? Out(*t.exempt_by) : Out(nullptr)},
                        {"groups", std::move(groups)},
                        {"amount", money(t.amount, cur)}});
  }
  j["taxes"] = std::move(taxes);
  j["collect"] = c.collect_at_checkout ? "checkout" : "delivery";
  j["regime"] = c.regime ? Out(*c.regime) : Out(nullptr);
  return j;
}

Out quote_object(const Quote &q) {
  Out j = Out::object();
  j["schema"] = std::string(quote_schema);
  j["rulebook"] = Out{{"id", q.rulebook_id}, {"digest", q.rulebook_digest}};
  j["at"] = format_instant(q.at);
  j["expires_at"] = format_instant(q.expires_at);
  j["destination"] =
      Out{{"country", q.country}, {"currency", std::string(q.customs.currency.code)}};
  j["currency"] = std::string(q.currency.code);
  const CurrencyInfo &cny = q.base_currency;
  Out items = Out::array();
  for (const auto &i : q.items)
    items.push_back(Out{{"id", i.id},
                        {"quantity", i.quantity},
                        {"offer", i.offer},
                        {"seller", i.seller},
                        {"platform", platform_name(i.platform)},
                        {"unit_price", i.unit_price.to_string(cny.minor_units)},
                        {"amount", money(i.amount, cny)}});
  j["items"] = std::move(items);
  Out sellers = Out::array();
  for (const auto &s : q.sellers)
    sellers.push_back(Out{{"id", s.id},
                          {"platform", platform_name(s.platform)},
                          {"shipping", money(s.shipping, cny)}});
  j["sellers"] = std::move(sellers);
  j["parcel"] =
      Out{{"actual_g", q.actual_g},
          {"dimensions_cm", Out{q.dimensions_cm[0], q.dimensions_cm[1], q.dimensions_cm[2]}}};
  Out options = Out::array();
  for (const auto &o : q.options)
    options.push_back(option_json(o, q, cny));
  j["options"] = std::move(options);
  j["selected"] = q.selected;
  j["customs"] = customs_json(q.customs);
  Out charges = Out::array();
  for (const auto &c : q.charges)
    charges.push_back(Out{{"code", c.code},
                          {"collect", c.at_checkout ? "checkout" : "delivery"},
                          {"amount", money(c.amount, c.currency)},
                          {"currency", std::string(c.currency.code)},
                          {"source_amount", money(c.source_amount, c.source_currency)},
                          {"source_currency", std::string(c.source_currency.code)}});
  j["charges"] = std::move(charges);
  j["total"] = money(q.total, q.currency);
  j["due_on_delivery"] = Out{{"amount", money(q.due_on_delivery, q.customs.currency)},
                             {"currency", std::string(q.customs.currency.code)}};
  Out rates = Out::array();
  for (const auto &f : q.fx)
    rates.push_back(Out{{"from", f.from},
                        {"to", f.to},
                        {"mid", f.mid.to_string()},
                        {"charged", f.charged.to_string()}});
  j["fx"] = Out{{"as_of", format_instant(q.fx_as_of)},
                {"markup", q.fx_markup.to_string()},
                {"rates", std::move(rates)}};
  Out warnings = Out::array();
  for (const auto &w : q.warnings)
    warnings.push_back(Out{{"code", w.code}, {"message", w.message}});
  j["warnings"] = std::move(warnings);
  return j;
}

} // namespace

std::string write_quote(const Quote &quote) {
  return quote_object(quote).dump();
}

} // namespace taoquote::codec
