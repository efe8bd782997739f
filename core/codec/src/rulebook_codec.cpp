// Rulebook JSON → typed Rulebook (docs/schema.md), then cross-field validation.
#include "codec_internal.hpp"
#include "json_reader.hpp"
#include "taoquote/fx.hpp"
#include "taoquote/sha256.hpp"

#include <algorithm>

namespace taoquote::codec {
namespace {

const std::int64_t max_grams = 100'000'000'000;

std::vector<std::string> countries(const Node& n) {
  std::vector<std::string> out;
  for (const Node& c : n.items(0, 300))
    out.push_back(c.country());
  return out;
}

std::vector<LineMode> modes(const Node& parent) {
  std::vector<LineMode> out;
  if (auto m = parent.find("modes"))
    for (const Node& x : m->items(1, 3))
      out.push_back(x.named<LineMode>());
  return out;
}

Threshold threshold(const Node& n, std::initializer_list<std::string_view> extra = {}) {
  std::vector<std::string_view> keys{
      "id",    "basis",      "max",      "currency",          "strict",   "origins",
      "modes", "valid_from", "valid_to", "unless_attributes", "unless_hs"};
  keys.insert(keys.end(), extra.begin(), extra.end());
  if (!n.json().is_object()) n.error(ErrorCode::invalid_field, "Expected an object.");
  for (const auto& [key, value] : n.json().items()) {
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    if (key == "note" || key == "source") continue;
    fail(ErrorCode::invalid_field, n.doc(), pointer_join(n.path(), key),
         "Unknown field \"" + key + "\".");
  }
  Threshold t;
  t.id = n.at("id").id();
  t.validity = read_validity(n);
  t.basis = n.at("basis").named<Threshold::Basis>();
  t.max = n.at("max").amount();
  t.currency = n.at("currency").currency();
  if (auto s = n.find("strict")) t.strict = s->boolean();
  if (auto o = n.find("origins")) t.origins = countries(*o);
  t.modes = modes(n);
  if (auto u = n.find("unless_attributes"))
    for (const Node& a : u->items(1, 32))
      t.unless_attributes.push_back(a.attribute());
  if (auto u = n.find("unless_hs"))
    for (const Node& h : u->items(1, 64))
      t.unless_hs.push_back(h.hs_code(2));
  return t;
}

std::vector<Threshold> thresholds(const Node& parent, std::string_view key) {
  std::vector<Threshold> out;
  if (auto list = parent.find(key))
    for (const Node& n : list->items(0, 64))
      out.push_back(threshold(n));
  return out;
}

Decimal positive(const Node& n) {
  const Decimal d = n.amount();
  if (d.is_zero()) n.error(ErrorCode::invalid_amount, "Must be greater than zero.");
  return d;
}

Quantization quantization(const Node& n) {
  Quantization q;
  if (auto r = n.find("rounding")) q.rounding = r->named<RoundingMode>();
  if (auto b = n.find("base_quantum")) q.base_quantum = positive(*b);
  if (auto a = n.find("quantum")) q.quantum = positive(*a);
  return q;
}

Pricing pricing(const Node& n) {
  Pricing p;
  const Node kind = n.at("kind");
  p.kind = kind.named<Pricing::Kind>();
  switch (p.kind) {
  case Pricing::Kind::first_continued:
    n.expect_keys({"kind", "first_g", "first", "continued_g", "continued"}, true);
    p.first_g = n.at("first_g").integer(0, max_grams);
    p.first = n.at("first").amount();
    p.continued_g = n.at("continued_g").integer(1, max_grams);
    p.continued = n.at("continued").amount();
    break;
  case Pricing::Kind::brackets:
    n.expect_keys({"kind", "brackets"}, true);
    for (const Node& b : n.at("brackets").items(1, 200)) {
      b.expect_keys({"up_to_g", "price"}, true);
      p.brackets.push_back({b.at("up_to_g").integer(1, max_grams), b.at("price").amount()});
    }
    break;
  case Pricing::Kind::per_kg:
    n.expect_keys({"kind", "per_kg", "min"}, true);
    p.per_kg = n.at("per_kg").amount();
    p.min = n.at("min").amount();
    break;
  }
  return p;
}

Surcharge surcharge(const Node& n) {
  Surcharge s;
  s.code = n.at("code").id();
  s.kind = n.at("kind").named<Surcharge::Kind>();
  switch (s.kind) {
  case Surcharge::Kind::rate:
    n.expect_keys({"code", "kind", "rate"}, true);
    s.rate = n.at("rate").rate();
    break;
  case Surcharge::Kind::fixed:
    n.expect_keys({"code", "kind", "amount"}, true);
    s.amount = n.at("amount").amount();
    break;
  case Surcharge::Kind::attribute:
    n.expect_keys({"code", "kind", "attribute", "amount"}, true);
    s.attribute = n.at("attribute").attribute();
    s.amount = n.at("amount").amount();
    break;
  }
  return s;
}

DeliveryFee delivery_fee(const Node& n) {
  n.expect_keys(
      {"code", "countries", "currency", "fixed", "rate", "min", "max", "valid_from", "valid_to"},
      true);
  DeliveryFee f;
  f.code = n.at("code").id();
  f.validity = read_validity(n);
  f.countries = countries(n.at("countries"));
  f.currency = n.at("currency").currency();
  if (auto x = n.find("fixed")) f.fixed = x->amount();
  if (auto r = n.find("rate")) f.rate = r->rate();
  if (auto m = n.find("min")) f.min = m->amount();
  if (auto m = n.find("max")) f.max = m->amount();
  if (n.has("fixed") == n.has("rate"))
    n.error(ErrorCode::invalid_field, "A delivery fee has exactly one of \"fixed\" and \"rate\".");
  if (!f.rate && (f.min || f.max))
    n.error(ErrorCode::invalid_field, "\"min\" and \"max\" bound a \"rate\" fee only.");
  return f;
}

ShippingLine line(const Node& n) {
  n.expect_keys({"id", "name", "mode", "ddp", "volumetric", "step_g", "pricing", "zones",
                 "surcharges", "insurance", "restrictions", "transit_days", "delivery_fees",
                 "valid_from", "valid_to"},
                true);
  ShippingLine l;
  l.id = n.at("id").id();
  l.name = n.at("name").string(128);
  l.validity = read_validity(n);
  l.mode = n.at("mode").named<LineMode>();
  if (auto d = n.find("ddp")) l.ddp = d->boolean();
  if (auto v = n.find("volumetric")) {
    v->expect_keys({"divisor", "when_side_over_cm"}, true);
    ShippingLine::Volumetric vol;
    vol.divisor = v->at("divisor").integer(1, 1'000'000);
    if (auto w = v->find("when_side_over_cm")) vol.when_side_over_cm = w->integer(0, 100'000);
    l.volumetric = vol;
  }
  l.step_g = n.at("step_g").integer(1, 1'000'000);
  l.pricing = pricing(n.at("pricing"));
  if (auto zones = n.find("zones"))
    for (const Node& z : zones->items(0, 64)) {
      z.expect_keys({"countries", "pricing"}, true);
      l.zones.push_back({countries(z.at("countries")), pricing(z.at("pricing"))});
    }
  if (auto list = n.find("surcharges"))
    for (const Node& s : list->items(0, 32))
      l.surcharges.push_back(surcharge(s));
  if (auto ins = n.find("insurance")) {
    ins->expect_keys({"rate", "min"}, true);
    l.insurance = ShippingLine::Insurance{ins->at("rate").rate(), ins->at("min").amount()};
  }
  const Node r = n.at("restrictions");
  r.expect_keys({"countries", "max_weight_g", "max_side_cm", "max_girth_cm", "prohibited"}, true);
  l.countries = countries(r.at("countries"));
  if (auto w = r.find("max_weight_g")) l.max_weight_g = w->integer(1, max_grams);
  if (auto s = r.find("max_side_cm")) l.max_side_cm = s->integer(1, 100'000);
  if (auto g = r.find("max_girth_cm")) l.max_girth_cm = g->integer(1, 1'000'000);
  if (auto p = r.find("prohibited"))
    for (const Node& a : p->items(0, 32))
      l.prohibited.push_back(a.attribute());
  const Node t = n.at("transit_days");
  t.expect_keys({"min", "max"}, true);
  l.transit_days.min = static_cast<int>(t.at("min").integer(0, 365));
  l.transit_days.max = static_cast<int>(t.at("max").integer(0, 365));
  if (auto fees = n.find("delivery_fees"))
    for (const Node& f : fees->items(0, 64))
      l.delivery_fees.push_back(delivery_fee(f));
  return l;
}

std::vector<Component> components(const Node& n) {
  std::vector<Component> out;
  for (const Node& c : n.items(0, 7))
    out.push_back(c.named<Component>());
  return out;
}

TaxRule tax(const Node& n) {
  n.expect_keys({"id", "code", "rates", "rate", "of", "base", "checkout_base", "exemptions",
                 "rounding", "base_quantum", "quantum", "valid_from", "valid_to"},
                true);
  TaxRule t;
  t.id = n.at("id").id();
  t.code = n.at("code").id();
  t.validity = read_validity(n);
  if (n.has("rate") == n.has("rates"))
    n.error(ErrorCode::invalid_field, "A tax has exactly one of \"rate\" and \"rates\".");
  if (auto r = n.find("rate")) t.rates.push_back({"", r->rate()});
  if (auto rs = n.find("rates"))
    for (const Node& r : rs->items(1, 256)) {
      r.expect_keys({"hs", "rate"}, true);
      t.rates.push_back({r.at("hs").hs_code(0), r.at("rate").rate()});
    }
  if (auto o = n.find("of")) t.of = o->id();
  if (auto b = n.find("base")) t.base = components(*b);
  if (auto cb = n.find("checkout_base")) t.checkout_base = components(*cb);
  t.exemptions = thresholds(n, "exemptions");
  t.quantization = quantization(n);
  return t;
}

DutyRate default_duty(const Node& n) {
  n.expect_keys({"ad_valorem", "specific"}, true);
  DutyRate rate;
  if (auto a = n.find("ad_valorem")) rate.ad_valorem = a->rate();
  if (auto s = n.find("specific")) rate.specific = s->amount();
  if (!rate.ad_valorem && !rate.specific)
    n.error(ErrorCode::invalid_field, "A duty rate needs \"ad_valorem\" or \"specific\".");
  return rate;
}

DutyRules duty(const Node& n) {
  n.expect_keys(
      {"rates", "default", "exemptions", "per_category", "rounding", "base_quantum", "quantum"},
      true);
  DutyRules d;
  if (auto rs = n.find("rates"))
    for (const Node& r : rs->items(0, 4096)) {
      r.expect_keys({"hs", "ad_valorem", "specific", "modes", "valid_from", "valid_to"}, true);
      DutyRate rate;
      rate.hs = r.at("hs").hs_code(0);
      rate.validity = read_validity(r);
      if (auto a = r.find("ad_valorem")) rate.ad_valorem = a->rate();
      if (auto s = r.find("specific")) rate.specific = s->amount();
      if (!rate.ad_valorem && !rate.specific)
        r.error(ErrorCode::invalid_field, "A duty rate needs \"ad_valorem\" or \"specific\".");
      rate.modes = modes(r);
      d.rates.push_back(std::move(rate));
    }
  if (auto def = n.find("default")) d.default_rate = default_duty(*def);
  d.exemptions = thresholds(n, "exemptions");
  if (auto pcs = n.find("per_category"))
    for (const Node& pc : pcs->items(0, 16)) {
      CategoryDuty c;
      c.when = threshold(pc, {"amount", "hs_digits"});
      c.amount = pc.at("amount").amount();
      c.hs_digits = static_cast<int>(pc.at("hs_digits").integer(1, 10));
      d.per_category.push_back(std::move(c));
    }
  d.quantization = quantization(n);
  return d;
}

Destination destination(const Node& n) {
  n.expect_keys(
      {"country", "currency", "rounding", "valuation", "duty", "taxes", "checkout", "parcels"},
      true);
  Destination d;
  d.country = n.at("country").country();
  d.currency = n.at("currency").currency();
  if (auto r = n.find("rounding")) d.rounding = r->named<RoundingMode>();
  const Node v = n.at("valuation");
  d.valuation.basis = v.at("basis").named<Valuation::Basis>();
  if (d.valuation.basis == Valuation::Basis::price_rate) {
    v.expect_keys({"basis", "rate", "add"}, true);
    d.valuation.rate = v.at("rate").rate();
    if (auto add = v.find("add"))
      for (const Node& a : add->items(0, 3)) {
        const Component k = a.named<Component>();
        if (k != Component::seller_shipping && k != Component::freight && k != Component::insurance)
          a.error(ErrorCode::invalid_field,
                  "A valuation adds seller_shipping, freight or insurance only.");
        if (std::find(d.valuation.add.begin(), d.valuation.add.end(), k) != d.valuation.add.end())
          a.error(ErrorCode::invalid_field, "This part is already added to the customs value.");
        d.valuation.add.push_back(k);
      }
  } else {
    v.expect_keys({"basis"}, true);
  }
  if (auto du = n.find("duty")) d.duty = duty(*du);
  if (auto ts = n.find("taxes"))
    for (const Node& t : ts->items(0, 16))
      d.taxes.push_back(tax(t));
  d.checkout = thresholds(n, "checkout");
  if (auto p = n.find("parcels")) d.parcels = p->named<ParcelAssessment>();
  return d;
}

// Rates quoted against another currency (ECB style) are rebased to the pivot, half-even.
void read_fx(const Node& n, Rulebook& rb) {
  n.expect_keys({"as_of", "max_age_hours", "on_stale", "markup", "quoted_in", "rates"}, true);
  FxTable& fx = rb.fx;
  fx.as_of = n.at("as_of").instant();
  fx.max_age_hours = static_cast<int>(n.at("max_age_hours").integer(1, std::int64_t{24} * 3660));
  fx.on_stale = n.at("on_stale").named<StalePolicy>();
  fx.markup = n.at("markup").rate();
  CurrencyInfo quoted = rb.base;
  if (auto q = n.find("quoted_in")) quoted = q->currency();
  const Node rates = n.at("rates");
  if (!rates.json().is_object()) rates.error(ErrorCode::invalid_field, "Expected an object.");
  if (rates.json().size() > 400) rates.error(ErrorCode::limit_exceeded, "Too many rates.");
  std::vector<std::pair<std::string, Decimal>> raw;
  for (const auto& [code, value] : rates.json().items()) {
    const Node r(value, pointer_join(rates.path(), code), ErrorDoc::rulebook);
    if (!find_currency(code))
      r.error(ErrorCode::unknown_currency, "\"" + code + "\" is not an active ISO 4217 currency.");
    raw.emplace_back(code, positive(r));
  }
  if (quoted.code == rb.base.code) {
    for (auto& [code, value] : raw)
      if (code != rb.base.code) fx.rates.emplace_back(code, value);
  } else if (!rebase_to_pivot(std::string(rb.base.code), std::string(quoted.code), raw,
                              rb.rate_scale, fx.rates)) {
    rates.error(ErrorCode::fx_rate_missing, "Rates quoted in " + std::string(quoted.code) +
                                                " must include the base currency " +
                                                std::string(rb.base.code) + ".");
  }
  for (auto& [code, value] : fx.rates)
    if (value.is_zero())
      fail(ErrorCode::invalid_amount, ErrorDoc::rulebook, pointer_join(rates.path(), code),
           "The rebased rate rounds to zero at rate_scale places.");
  std::sort(fx.rates.begin(), fx.rates.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
}

std::vector<std::pair<std::string, Decimal>> cash_increments(const Node& ci) {
  if (!ci.json().is_object()) ci.error(ErrorCode::invalid_field, "Expected an object.");
  std::vector<std::pair<std::string, Decimal>> out;
  for (const auto& [code, value] : ci.json().items()) {
    const Node v(value, pointer_join(ci.path(), code), ErrorDoc::rulebook);
    if (!find_currency(code))
      v.error(ErrorCode::unknown_currency, "\"" + code + "\" is not an active ISO 4217 currency.");
    out.emplace_back(code, positive(v));
  }
  return out;
}

Warehouse warehouse(const Node& w) {
  w.expect_keys({"handling_per_unit", "consolidation_per_parcel", "packaging",
                 "inbound_business_days", "weekend", "closures", "max_parcels"},
                true);
  Warehouse out;
  out.handling_per_unit = w.at("handling_per_unit").amount();
  out.consolidation_per_parcel = w.at("consolidation_per_parcel").amount();
  const Node pk = w.at("packaging");
  pk.expect_keys({"weight_g", "padding_cm"}, true);
  out.packaging_weight_g = pk.at("weight_g").integer(0, 1'000'000);
  out.padding_cm = pk.at("padding_cm").integer(0, 100);
  out.inbound_business_days = static_cast<int>(w.at("inbound_business_days").integer(0, 60));
  if (auto mp = w.find("max_parcels")) out.max_parcels = static_cast<int>(mp->integer(1, 4));
  if (auto wk = w.find("weekend")) {
    out.weekend.clear();
    for (const Node& d : wk->items(0, 6))
      out.weekend.push_back(static_cast<unsigned>(d.integer(1, 7)));
  }
  if (auto cl = w.find("closures"))
    for (const Node& c : cl->items(0, 200)) {
      c.expect_keys({"name", "from", "to"}, true);
      out.closures.push_back({c.at("name").string(128), c.at("from").date(), c.at("to").date()});
    }
  return out;
}

// The editor's `$schema` link says where the file's schema lives, not what it rules: leaving it
// out of the digest keeps the digest of the same rules the same wherever the file is kept.
std::string digest_of(const Json& j) {
  return "sha256:" + sha256_hex(dump_without(j, "$schema"));
}

Rulebook read_rulebook(const Json& j) {
  const Node root(j, "", ErrorDoc::rulebook);
  root.expect_keys({"$schema", "schema", "id", "origin_country", "base_currency", "rounding",
                    "rate_scale", "quote_valid_minutes", "fx", "cash_increments", "service_fee",
                    "warehouse", "lines", "destinations"},
                   true);
  if (auto editor_schema = root.find("$schema")) editor_schema->string(1024);
  if (root.at("schema").string(64) != "taoquote.rulebook/1")
    fail(ErrorCode::unsupported_schema, ErrorDoc::rulebook, "/schema",
         "This build reads rulebooks of schema \"taoquote.rulebook/1\".");
  Rulebook rb;
  rb.id = root.at("id").id();
  rb.origin_country = root.at("origin_country").country();
  rb.base = root.at("base_currency").currency();
  rb.rounding = root.at("rounding").named<RoundingMode>();
  if (auto s = root.find("rate_scale")) rb.rate_scale = static_cast<int>(s->integer(0, 12));
  rb.quote_valid_minutes = static_cast<int>(root.at("quote_valid_minutes").integer(1, 10080));
  read_fx(root.at("fx"), rb);
  if (auto ci = root.find("cash_increments")) rb.cash_increments = cash_increments(*ci);
  const Node sf = root.at("service_fee");
  sf.expect_keys({"rate", "min", "max"}, true);
  rb.service_fee = {sf.at("rate").rate(), sf.at("min").amount(), sf.at("max").amount()};
  rb.warehouse = warehouse(root.at("warehouse"));
  for (const Node& l : root.at("lines").items(1, 64))
    rb.lines.push_back(line(l));
  for (const Node& d : root.at("destinations").items(1, 250))
    rb.destinations.push_back(destination(d));
  rb.digest = digest_of(j);
  return rb;
}

} // namespace

Result<std::shared_ptr<const Rulebook>> load_rulebook_impl(std::string_view text) {
  const Json j = parse_strict(text, ErrorDoc::rulebook, max_rulebook_bytes);
  auto rb = std::make_shared<Rulebook>(read_rulebook(j));
  validate_rulebook(*rb);
  return std::shared_ptr<const Rulebook>(std::move(rb));
}

} // namespace taoquote::codec
