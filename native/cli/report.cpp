// The quote breakdown for people: every figure of the canonical quote, grouped and aligned,
// amounts and dates formatted by ICU in the chosen locale. Labels stay English.
#include "report.hpp"

#include "table.hpp"

#include "taoquote/codec.hpp"
#include "taoquote/names.hpp"

namespace taoquote::cli {
namespace {

std::string valuation_text(const Valuation& v) {
  switch (v.basis) {
  case Valuation::Basis::fob: return "FOB: goods and seller shipping";
  case Valuation::Basis::cif: return "CIF: goods, seller shipping, freight and insurance";
  case Valuation::Basis::price_rate: return "goods × " + v.rate.to_string();
  }
  return "";
}

// Money through ICU, from the same decimal string the canonical JSON holds.
class MoneyText {
public:
  explicit MoneyText(std::string_view locale) : locale_(locale) {}
  std::string operator()(const Money& m) const {
    return format_money(m.to_string(), m.currency().code, locale_);
  }
  /// Every digit kept (unit prices may have more than the currency's minor digits).
  std::string exact(const Money& m) const {
    return try_format_money_exact(m.to_string(), m.currency().code, locale_).text;
  }
  std::string date(CivilDate d) const { return try_format_civil_date(d, locale_).text; }

private:
  std::string_view locale_;
};

std::string title(std::string_view text) {
  return "\n" + std::string(text) + "\n";
}

std::string header(const Quote& q, std::string_view locale) {
  return "Quote for " + q.country + " in " + std::string(q.currency.code) + " (locale " +
         std::string(locale) + ")\n  rulebook  " + q.rulebook_id + "  " + q.rulebook_digest +
         "\n  at        " + format_instant(q.at) + ", valid until " + format_instant(q.expires_at) +
         "\n";
}

std::string items(const Quote& q, const MoneyText& money) {
  Table t({Align::left, Align::right, Align::left, Align::left, Align::right, Align::right});
  t.row({"item", "qty", "seller", "platform", "unit price", "amount"});
  for (const auto& i : q.items)
    t.row({i.id, std::to_string(i.quantity), i.seller, std::string(platform_name(i.platform)),
           money.exact(i.unit_price), money(i.amount)});
  Table s({Align::left, Align::left, Align::right});
  s.row({"seller", "platform", "shipping to the warehouse"});
  for (const auto& x : q.sellers)
    s.row({x.id, std::string(platform_name(x.platform)), money(x.shipping)});
  const auto& d = q.parcel.dimensions_cm;
  return title("Items") + t.render() + title("Sellers") + s.render() + title("Parcel") + "  " +
         std::to_string(q.parcel.actual_g) + " g, " + std::to_string(d[0]) + " × " +
         std::to_string(d[1]) + " × " + std::to_string(d[2]) + " cm\n";
}

std::string options(const Quote& q, const DisplayStrings& display, const MoneyText& money) {
  Table t({Align::left, Align::left, Align::left, Align::left, Align::right, Align::right,
           Align::right, Align::left});
  t.row({"", "line", "mode", "ddp", "chargeable", "cost", "price", "delivery"});
  std::string ineligible;
  const ShippingOption* selected = nullptr;
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    const ShippingOption& o = q.options[i];
    const OptionText& text = display.options.at(i);
    if (!o.eligible) {
      ineligible += "    " + o.line + ": " + o.reason + ": " + o.message + "\n";
      continue;
    }
    if (o.line == q.selected) selected = &o;
    t.row({o.line == q.selected ? "*" : "", o.line, std::string(mode_name(o.mode)),
           o.ddp ? "yes" : "no", std::to_string(o.chargeable_g) + " g", money(o.total),
           text.price.value_or(""),
           text.eta ? text.eta->earliest + " – " + text.eta->latest : std::string()});
  }
  std::string out = title("Shipping options (* selected; cost in " +
                          std::string(q.base_currency.code) + ", price with FX markup)") +
                    t.render();
  if (!ineligible.empty()) out += "  not eligible:\n" + ineligible;
  if (selected) {
    Table f({Align::left, Align::right});
    f.row({"freight (" + std::to_string(selected->chargeable_g) + " g chargeable, " +
               std::to_string(selected->volumetric_g) + " g volumetric)",
           money(selected->freight)});
    for (const auto& s : selected->surcharges)
      f.row({"surcharge " + s.code, money(s.amount)});
    if (selected->insurance) f.row({"insurance", money(*selected->insurance)});
    f.row({"total", money(selected->total)});
    out += title("Selected line: " + selected->name) + f.render() + "  transit " +
           std::to_string(selected->transit_days.min) + "–" +
           std::to_string(selected->transit_days.max) + " days after dispatch on " +
           money.date(selected->eta.dispatch) + "\n";
  }
  return out;
}

// A split quote's parcels: contents, size, line, shipping price, customs share and arrival.
std::string parcels(const Quote& q, const MoneyText& money) {
  if (q.parcels.empty()) return "";
  std::string out = title("Parcels (the cart ships as " + std::to_string(q.parcels.size()) +
                          " parcels, each by its cheapest line that can carry it)");
  for (std::size_t i = 0; i < q.parcels.size(); ++i) {
    const ShippedParcel& p = q.parcels[i];
    std::string items;
    for (const ParcelItem& it : p.items)
      items += (items.empty() ? "" : ", ") + it.id + " ×" + std::to_string(it.quantity);
    const auto& d = p.size.dimensions_cm;
    out += "  " + std::to_string(i + 1) + ". " + items + "\n     " +
           std::to_string(p.size.actual_g) + " g, " + std::to_string(d[0]) + " × " +
           std::to_string(d[1]) + " × " + std::to_string(d[2]) + " cm; " + p.option.line + " (" +
           p.option.name + "), " + money(p.price) + " with consolidation\n     duty " +
           money(p.duty);
    for (const CodedAmount& t : p.taxes)
      out += ", " + t.code + " " + money(t.amount);
    out += std::string(p.collect == Collect::checkout ? " at checkout" : " on delivery") +
           "; arrives " + money.date(p.option.eta.earliest) + " – " +
           money.date(p.option.eta.latest) + "\n";
  }
  return out;
}

std::string collection(const Quote& q, const DisplayStrings& display) {
  if (q.customs.assessment && q.customs.collect == Collect::delivery)
    return "per parcel (above); the carriers collect " + display.due_on_delivery +
           " from the buyer on delivery";
  const Customs& c = q.customs;
  if (c.collect == Collect::checkout && c.regime == std::optional<std::string>("ddp"))
    return "at checkout: the line is DDP, so duty and taxes are prepaid with the order";
  if (c.collect == Collect::checkout)
    return "at checkout: threshold " + c.regime.value_or("?") +
           " fired, so duty and taxes are charged with the order";
  return "on delivery: no checkout regime applies; the carrier collects " +
         display.due_on_delivery + " from the buyer";
}

std::string customs(const Quote& q, const DisplayStrings& display, const MoneyText& money) {
  const Customs& c = q.customs;
  const CurrencyInfo& cur = c.currency;
  Table v({Align::left, Align::left});
  v.row({"valuation", valuation_text(c.valuation)});
  v.row({"goods value", money(c.goods_value)});
  v.row({"customs value", money(c.customs_value)});
  if (c.assessment)
    v.row({"parcels", c.assessment == ParcelAssessment::together
                          ? "assessed together as one consignment"
                          : "each assessed on its own"});
  std::string out =
      title("Customs (" + c.country + ", " + std::string(cur.code) + ")") + v.render();

  if (!c.thresholds.empty()) {
    Table t({Align::left, Align::left, Align::left, Align::right, Align::right, Align::left,
             Align::right});
    t.row({"threshold", "applies to", "basis", "value", "max", "result",
           c.assessment == ParcelAssessment::separately ? "parcel" : ""});
    for (const auto& x : c.thresholds)
      t.row({x.id, x.applies_to, x.basis == Threshold::Basis::goods ? "goods" : "customs value",
             money(x.value), money(x.max), x.fired ? "fired" : "did not fire",
             x.parcel ? std::to_string(*x.parcel + 1) : std::string()});
    out += "  thresholds (in evaluation order; each list stops at the first that fires):\n" +
           t.render("    ");
  }

  Table l({Align::left, Align::left, Align::right, Align::right, Align::right, Align::right,
           Align::right, Align::right, Align::right});
  l.row({"item", "hs code", "goods", "shipping", "freight", "insurance", "fees", "customs value",
         "duty"});
  for (const auto& x : c.lines)
    l.row({x.item, x.hs_code, money(x.goods), money(x.seller_shipping), money(x.freight),
           money(x.insurance), money(x.fees), money(x.customs_value), money(x.duty)});
  out += "  lines:\n" + l.render("    ");

  std::string duty = "  duty: " + money(c.duty.amount) + " (" + c.duty.rule;
  if (c.duty.id) duty += " " + *c.duty.id;
  out += duty + ")\n";
  for (const auto& t : c.taxes) {
    out += "  tax " + t.code + " (" + t.id + "): " + money(t.amount);
    if (t.exempt_by) out += ", exempt by threshold " + *t.exempt_by;
    if (t.of) out += ", of " + *t.of;
    out += "\n";
    for (const auto& g : t.groups)
      out += "    " + g.rate.to_string() + " × " + money(g.base) + " = " + money(g.amount) + "\n";
  }
  return out + "  collected " + collection(q, display) + "\n";
}

std::string charges(const Quote& q, const DisplayStrings& display, const MoneyText& money) {
  const bool split = !q.parcels.empty();
  Table t({Align::left, Align::left, Align::right, Align::right, Align::right});
  t.row({"charge", "collected", "amount", "from", split ? "parcel" : ""});
  for (std::size_t i = 0; i < q.charges.size(); ++i) {
    const Charge& c = q.charges[i];
    const bool converted = c.source.currency().code != c.amount.currency().code;
    t.row({c.code, c.collect == Collect::checkout ? "at checkout" : "on delivery",
           display.charges.at(i).text, converted ? money(c.source) : std::string(),
           c.parcel ? std::to_string(*c.parcel + 1) : std::string()});
  }
  Table totals({Align::left, Align::right});
  totals.row({"Total at checkout", display.total});
  totals.row({"Due on delivery", display.due_on_delivery});
  return title("Charges") + t.render() + "\n" + totals.render("");
}

std::string fx(const Quote& q) {
  std::string out =
      title("FX as of " + format_instant(q.fx_as_of) + ", markup " + q.fx_markup.to_string());
  Table t({Align::left, Align::left, Align::left});
  for (const auto& f : q.fx)
    t.row({f.from + " → " + f.to, "mid " + f.mid.to_string(), "charged " + f.charged.to_string()});
  out += t.render();
  if (!q.warnings.empty()) {
    out += title("Warnings");
    for (const auto& w : q.warnings)
      out += "  " + w.code + ": " + w.message + "\n";
  }
  return out;
}

} // namespace

std::string describe_error(const Error& e) {
  std::string out = std::string(error_code_name(e.code)) + " at " +
                    (e.path.empty() ? std::string("\"\" (the whole document)") : e.path) + ": " +
                    e.message;
  for (const auto& d : e.detail)
    out += "\n  - " + d.id + ": " + d.reason + ": " + d.message;
  return out;
}

std::string quote_table(const Quote& q, const DisplayStrings& display, std::string_view locale) {
  const MoneyText money(locale);
  return header(q, locale) + items(q, money) + options(q, display, money) + parcels(q, money) +
         customs(q, display, money) + charges(q, display, money) + fx(q) + "\nfingerprint " +
         fingerprint(q) + "\n";
}

} // namespace taoquote::cli
