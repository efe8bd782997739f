// The quote diff (docs/diff.md): reads two canonical quotes, lists what changed between them and
// splits each charge's delta exactly into its causes. Exact decimals only (taoquote::Decimal).
#include "taoquote/diff.hpp"

#include "json_reader.hpp"

#include "taoquote/decimal.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace taoquote {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

/// The largest quote read for a diff (a quote of 200 items and every option is far smaller).
constexpr std::size_t max_quote_bytes = 4u << 20;

// ---------------------------------------------------------------------------------------------
// Reading: a JSON value with its pointer, so every complaint names the field it is about.

[[noreturn]] void bad(ErrorCode code, const std::string& path, const std::string& message) {
  fail(code, ErrorDoc::request, path, message);
}

/// A node of one input quote and its JSON Pointer in {"before": …, "after": …}.
class Node {
public:
  Node(const json& j, std::string path) : j_(&j), path_(std::move(path)) {}
  const std::string& path() const { return path_; }
  bool has(const char* key) const { return j_->is_object() && j_->contains(key); }
  bool is_null() const { return j_->is_null(); }

  /// The member `key` of this object (INVALID_FIELD when this is no object or it is missing).
  Node operator[](const char* key) const {
    if (!j_->is_object()) bad(ErrorCode::invalid_field, path_, "Expected an object.");
    const auto it = j_->find(key);
    if (it == j_->end())
      bad(ErrorCode::invalid_field, path_, "Missing required field \"" + std::string(key) + "\".");
    return Node(*it, pointer_join(path_, key));
  }
  /// Element `i` of this array.
  Node operator[](std::size_t i) const { return Node((*j_)[i], pointer_join(path_, i)); }
  /// The number of elements of this array (INVALID_FIELD when it is no array).
  std::size_t size() const {
    if (!j_->is_array()) bad(ErrorCode::invalid_field, path_, "Expected an array.");
    return j_->size();
  }
  /// This string (INVALID_FIELD otherwise).
  std::string str() const {
    if (!j_->is_string()) bad(ErrorCode::invalid_field, path_, "Expected a string.");
    return j_->get<std::string>();
  }
  /// This string, or "" for null.
  std::string str_or_empty() const { return is_null() ? std::string() : str(); }
  /// This whole number (INVALID_FIELD otherwise).
  std::int64_t integer() const {
    if (!j_->is_number_integer()) bad(ErrorCode::invalid_field, path_, "Expected a whole number.");
    return j_->get<std::int64_t>();
  }
  /// This boolean (INVALID_FIELD otherwise).
  bool boolean() const {
    if (!j_->is_boolean()) bad(ErrorCode::invalid_field, path_, "Expected true or false.");
    return j_->get<bool>();
  }
  /// This decimal string (INVALID_AMOUNT otherwise: a JSON number is never an amount).
  Decimal dec() const {
    Decimal d;
    if (!j_->is_string() ||
        Decimal::parse(j_->get_ref<const std::string&>(), d) != DecimalSyntax::ok)
      bad(ErrorCode::invalid_amount, path_, "Expected an amount as a decimal string.");
    return d;
  }

private:
  const json* j_;
  std::string path_;
};

/// Fraction digits of an amount string ("12.50" → 2, "1250" → 0): the currency's minor digits.
int minor_digits(const std::string& amount) {
  const auto dot = amount.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(amount.size() - dot - 1);
}

// ---------------------------------------------------------------------------------------------
// The fields of a quote the diff compares (docs/quote.md); everything else is ignored.

struct Charge {
  std::string code, collect, currency, source_currency;
  Decimal amount, source;
  int digits = 2; ///< minor digits of `currency`
};
struct Item {
  std::string id, seller, platform;
  std::int64_t quantity = 0, offer = 0;
  Decimal unit_price, amount;
};
struct Seller {
  std::string id;
  Decimal shipping;
};
struct Threshold {
  std::string id, applies_to, basis, value, max, currency;
  bool fired = false;
};
struct Tax {
  std::string id, code, exempt_by, rates, base;
};
struct FxRate {
  std::string from, to, mid, charged;
};
struct QuoteView {
  std::string rulebook_id, digest, at, country, dest_currency, currency, selected, fingerprint;
  std::string total_text, due_text, regime, collect, duty_rule, duty_id, duty_amount;
  std::string customs_value, markup;
  Decimal total, due;
  std::int64_t actual_g = 0, chargeable_g = -1; ///< chargeable_g of the selected option
  std::vector<Item> items;
  std::vector<Seller> sellers;
  std::vector<Charge> charges;
  std::vector<Threshold> thresholds;
  std::vector<Tax> taxes;
  std::vector<FxRate> fx;
};

void read_items(const Node& q, QuoteView& v) {
  const Node items = q["items"];
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Node n = items[i];
    v.items.push_back({n["id"].str(), n["seller"].str(), n["platform"].str(),
                       n["quantity"].integer(), n["offer"].integer(), n["unit_price"].dec(),
                       n["amount"].dec()});
  }
  const Node sellers = q["sellers"];
  for (std::size_t i = 0; i < sellers.size(); ++i)
    v.sellers.push_back({sellers[i]["id"].str(), sellers[i]["shipping"].dec()});
}

void read_charges(const Node& q, QuoteView& v) {
  const Node charges = q["charges"];
  for (std::size_t i = 0; i < charges.size(); ++i) {
    const Node c = charges[i];
    const Decimal amount = c["amount"].dec(); // INVALID_AMOUNT first: a number is no amount
    v.charges.push_back({c["code"].str(), c["collect"].str(), c["currency"].str(),
                         c["source_currency"].str(), amount, c["source_amount"].dec(),
                         minor_digits(c["amount"].str())});
  }
  const Node fx = q["fx"];
  v.markup = fx["markup"].str();
  const Node rates = fx["rates"];
  for (std::size_t i = 0; i < rates.size(); ++i)
    v.fx.push_back({rates[i]["from"].str(), rates[i]["to"].str(), rates[i]["mid"].str(),
                    rates[i]["charged"].str()});
}

void read_customs(const Node& q, QuoteView& v) {
  const Node c = q["customs"];
  v.customs_value = c["customs_value"].str();
  v.collect = c["collect"].str();
  v.regime = c["regime"].str_or_empty();
  const Node duty = c["duty"];
  v.duty_rule = duty["rule"].str();
  v.duty_id = duty["id"].str_or_empty();
  v.duty_amount = duty["amount"].str();
  const Node th = c["thresholds"];
  for (std::size_t i = 0; i < th.size(); ++i) {
    const Node t = th[i];
    v.thresholds.push_back({t["id"].str(), t["applies_to"].str(), t["basis"].str(),
                            t["value"].str(), t["max"].str(), t["currency"].str(),
                            t["fired"].boolean()});
  }
  const Node taxes = c["taxes"];
  for (std::size_t i = 0; i < taxes.size(); ++i) {
    const Node t = taxes[i];
    Tax tax{t["id"].str(), t["code"].str(), t["exempt_by"].str_or_empty(), "", ""};
    const Node groups = t["groups"];
    for (std::size_t g = 0; g < groups.size(); ++g) {
      tax.rates += (g ? "," : "") + groups[g]["rate"].str();
      tax.base += (g ? "," : "") + groups[g]["base"].str();
    }
    v.taxes.push_back(std::move(tax));
  }
}

// The line quoted; a split quote (docs/parcels.md) reads as its parcels' lines joined by "+",
// with no single chargeable weight.
void read_selected(const Node& q, QuoteView& v) {
  v.actual_g = q["parcel"]["actual_g"].integer();
  if (q.has("parcels") && !q.has("selected")) {
    const Node parcels = q["parcels"];
    for (std::size_t i = 0; i < parcels.size(); ++i)
      v.selected += (i ? "+" : "") + parcels[i]["line"].str();
    return;
  }
  v.selected = q["selected"].str();
  const Node options = q["options"];
  for (std::size_t i = 0; i < options.size(); ++i)
    if (options[i]["line"].str() == v.selected && options[i]["eligible"].boolean())
      v.chargeable_g = options[i]["chargeable_g"].integer();
}

QuoteView read_quote(std::string_view text, const std::string& root) {
  // The codec's strict reader: the same size, nesting and duplicate-key limits as every input.
  json doc;
  try {
    doc = codec::parse_strict(text, ErrorDoc::request, max_quote_bytes);
  } catch (const Failure& f) {
    bad(f.error.code, root,
        "The " + root.substr(1) + " quote " +
            (f.error.code == ErrorCode::invalid_json ? "is not JSON." : "is larger than 4 MiB."));
  }
  const Node q(doc, root);
  if (q.has("error"))
    bad(ErrorCode::invalid_field, root,
        "The " + root.substr(1) + " document is an error body, not a quote.");
  if (q["schema"].str() != "taoquote.quote/1")
    bad(ErrorCode::unsupported_schema, q["schema"].path(),
        "Expected a \"taoquote.quote/1\" quote.");
  QuoteView v;
  v.rulebook_id = q["rulebook"]["id"].str();
  v.digest = q["rulebook"]["digest"].str();
  v.at = q["at"].str();
  v.country = q["destination"]["country"].str();
  v.dest_currency = q["destination"]["currency"].str();
  v.currency = q["currency"].str();
  v.total_text = q["total"].str();
  v.total = q["total"].dec();
  v.due_text = q["due_on_delivery"]["amount"].str();
  v.due = q["due_on_delivery"]["amount"].dec();
  v.fingerprint = q.has("fingerprint") ? q["fingerprint"].str() : "";
  read_items(q, v);
  read_selected(q, v);
  read_customs(q, v);
  read_charges(q, v);
  return v;
}

// ---------------------------------------------------------------------------------------------
// What changed between the two quotes, independent of any charge.

struct Change {
  std::string kind, ref, before, after, text;
};

template <class T, class Key> const T* find_by(const std::vector<T>& list, const Key& key) {
  const auto it = std::find_if(list.begin(), list.end(), [&](const T& x) { return x.id == key; });
  return it == list.end() ? nullptr : &*it;
}

const FxRate* find_rate(const QuoteView& q, const std::string& from, const std::string& to) {
  for (const FxRate& r : q.fx)
    if (r.from == from && r.to == to) return &r;
  return nullptr;
}

const Tax* find_tax(const QuoteView& q, const std::string& code) {
  for (const Tax& t : q.taxes)
    if (t.code == code) return &t;
  return nullptr;
}

std::string threshold_text(const Threshold& t) {
  return t.basis + " " + t.value + " " + t.currency + (t.fired ? " within " : " over ") + t.max;
}

/// Fired flags that flipped on a threshold both quotes evaluated.
std::vector<std::pair<Threshold, Threshold>> flipped(const QuoteView& b, const QuoteView& a) {
  std::vector<std::pair<Threshold, Threshold>> out;
  for (const Threshold& t0 : b.thresholds)
    if (const Threshold* t1 = find_by(a.thresholds, t0.id); t1 && t1->fired != t0.fired)
      out.push_back({t0, *t1});
  return out;
}

/// Why the same rulebook picked different rules: the instants of the two quotes (`added`: the
/// rule is in force in the after quote only), or that the rulebook itself changed.
std::string rule_context(const QuoteView& b, const QuoteView& a, bool added = true) {
  if (b.digest != a.digest)
    return " (rulebook " + b.rulebook_id + " -> " + a.rulebook_id + ", digest changed)";
  if (b.at != a.at)
    return " (same rulebook; in force at " + (added ? a.at : b.at) + ", not at " +
           (added ? b.at : a.at) + ")";
  return "";
}

void context_changes(const QuoteView& b, const QuoteView& a, std::vector<Change>& out) {
  if (b.digest != a.digest || b.rulebook_id != a.rulebook_id)
    out.push_back({"rulebook", a.rulebook_id, b.rulebook_id + " " + b.digest,
                   a.rulebook_id + " " + a.digest,
                   "rulebook " + b.rulebook_id + " (" + b.digest + ") -> " + a.rulebook_id + " (" +
                       a.digest + ")"});
  if (b.at != a.at) out.push_back({"at", "", b.at, a.at, "quote instant " + b.at + " -> " + a.at});
  if (b.country != a.country || b.dest_currency != a.dest_currency)
    out.push_back({"destination", a.country, b.country + " " + b.dest_currency,
                   a.country + " " + a.dest_currency,
                   "destination " + b.country + " (" + b.dest_currency + ") -> " + a.country +
                       " (" + a.dest_currency + ")"});
  if (b.currency != a.currency)
    out.push_back({"currency", "", b.currency, a.currency,
                   "settlement currency " + b.currency + " -> " + a.currency});
  if (b.markup != a.markup)
    out.push_back({"markup", "", b.markup, a.markup, "FX markup " + b.markup + " -> " + a.markup});
  for (const FxRate& r1 : a.fx) {
    const FxRate* r0 = find_rate(b, r1.from, r1.to);
    if (r0 && r0->mid == r1.mid && r0->charged == r1.charged) continue;
    const std::string pair = r1.from + "/" + r1.to;
    out.push_back(
        {"fx", pair, r0 ? r0->charged : "", r1.charged,
         r0 ? "FX " + pair + " charged " + r0->charged + " -> " + r1.charged + " (mid " + r0->mid +
                  " -> " + r1.mid + ")"
            : "FX " + pair + " now used, charged " + r1.charged + " (mid " + r1.mid + ")"});
  }
}

void item_change(const Item& i0, const Item& i1, std::vector<Change>& out) {
  const bool offer = i0.offer != i1.offer || i0.seller != i1.seller || i0.platform != i1.platform;
  const std::string price = i0.unit_price.to_string(2) + " -> " + i1.unit_price.to_string(2);
  if (offer)
    out.push_back({"offer", i1.id, i0.seller + " offer " + std::to_string(i0.offer),
                   i1.seller + " offer " + std::to_string(i1.offer),
                   "item " + i1.id + ": offer " + std::to_string(i0.offer) + " of " + i0.seller +
                       " (" + i0.platform + ") -> offer " + std::to_string(i1.offer) + " of " +
                       i1.seller + " (" + i1.platform + "), unit price " + price});
  if (i0.quantity != i1.quantity)
    out.push_back({"quantity", i1.id, std::to_string(i0.quantity), std::to_string(i1.quantity),
                   "item " + i1.id + ": quantity " + std::to_string(i0.quantity) + " -> " +
                       std::to_string(i1.quantity)});
  if (!offer && i0.unit_price != i1.unit_price)
    out.push_back({i0.quantity != i1.quantity ? "tier" : "unit_price", i1.id,
                   i0.unit_price.to_string(2), i1.unit_price.to_string(2),
                   "item " + i1.id + ": unit price " + price +
                       (i0.quantity != i1.quantity ? " (quantity tier step)" : "")});
}

void item_changes(const QuoteView& b, const QuoteView& a, std::vector<Change>& out) {
  for (const Item& i0 : b.items) {
    if (const Item* i1 = find_by(a.items, i0.id))
      item_change(i0, *i1, out);
    else
      out.push_back(
          {"item_removed", i0.id, i0.amount.to_string(2), "", "item " + i0.id + " removed"});
  }
  for (const Item& i1 : a.items)
    if (!find_by(b.items, i1.id))
      out.push_back({"item_added", i1.id, "", i1.amount.to_string(2), "item " + i1.id + " added"});
  for (const Seller& s0 : b.sellers) {
    const Seller* s1 = find_by(a.sellers, s0.id);
    if (!s1)
      out.push_back({"seller_removed", s0.id, s0.shipping.to_string(2), "",
                     "seller " + s0.id + " no longer used"});
    else if (s1->shipping != s0.shipping)
      out.push_back({"seller_shipping", s0.id, s0.shipping.to_string(2), s1->shipping.to_string(2),
                     "seller " + s0.id + ": shipping " + s0.shipping.to_string(2) + " -> " +
                         s1->shipping.to_string(2)});
  }
  for (const Seller& s1 : a.sellers)
    if (!find_by(b.sellers, s1.id))
      out.push_back(
          {"seller_added", s1.id, "", s1.shipping.to_string(2), "seller " + s1.id + " now used"});
}

void line_changes(const QuoteView& b, const QuoteView& a, std::vector<Change>& out) {
  if (b.actual_g != a.actual_g)
    out.push_back({"parcel", "", std::to_string(b.actual_g), std::to_string(a.actual_g),
                   "parcel weight " + std::to_string(b.actual_g) + " g -> " +
                       std::to_string(a.actual_g) + " g"});
  if (b.selected != a.selected)
    out.push_back({"line", a.selected, b.selected, a.selected,
                   "shipping line " + b.selected + " -> " + a.selected});
  else if (b.chargeable_g != a.chargeable_g)
    out.push_back({"weight", a.selected, std::to_string(b.chargeable_g),
                   std::to_string(a.chargeable_g),
                   "chargeable weight on " + a.selected + " " + std::to_string(b.chargeable_g) +
                       " g -> " + std::to_string(a.chargeable_g) + " g"});
}

void customs_changes(const QuoteView& b, const QuoteView& a, std::vector<Change>& out) {
  for (const auto& [t0, t1] : flipped(b, a))
    out.push_back({"threshold", t1.id, t0.fired ? "fired" : "not fired",
                   t1.fired ? "fired" : "not fired",
                   "threshold " + t1.id + " (" + t1.applies_to + ") " +
                       (t1.fired ? "now fires: " : "no longer fires: ") + threshold_text(t0) +
                       " -> " + threshold_text(t1)});
  for (const Threshold& t0 : b.thresholds)
    if (!find_by(a.thresholds, t0.id))
      out.push_back({"rule", t0.id, t0.applies_to, "",
                     "rule " + t0.id + " (" + t0.applies_to + ") no longer applies" +
                         rule_context(b, a, false)});
  for (const Threshold& t1 : a.thresholds)
    if (!find_by(b.thresholds, t1.id))
      out.push_back(
          {"rule", t1.id, "", t1.applies_to,
           "rule " + t1.id + " (" + t1.applies_to + ") now applies" + rule_context(b, a)});
  if (b.duty_rule != a.duty_rule || b.duty_id != a.duty_id)
    out.push_back(
        {"duty_rule", a.duty_id, b.duty_rule + " " + b.duty_id, a.duty_rule + " " + a.duty_id,
         "duty " + a.duty_rule + (a.duty_id.empty() ? "" : " " + a.duty_id) + " instead of " +
             b.duty_rule + (b.duty_id.empty() ? "" : " " + b.duty_id) + rule_context(b, a)});
  for (const Tax& t1 : a.taxes)
    if (const Tax* t0 = find_tax(b, t1.code); t0 && t0->rates != t1.rates)
      out.push_back({"tax_rate", t1.id, t0->rates, t1.rates,
                     "tax " + t1.id + " (" + t1.code + ") rate " + t0->rates + " -> " + t1.rates +
                         rule_context(b, a)});
  if (b.regime != a.regime || b.collect != a.collect)
    out.push_back({"regime", a.regime, b.collect + " " + b.regime, a.collect + " " + a.regime,
                   "duty and tax collected at " + b.collect +
                       (b.regime.empty() ? "" : " (" + b.regime + ")") + " -> " + a.collect +
                       (a.regime.empty() ? "" : " (" + a.regime + ")")});
}

// ---------------------------------------------------------------------------------------------
// Causes of one charge's delta.

/// A cause of a charge's source change, measured exactly in the charge's source currency.
struct SourcePart {
  std::string kind, ref, text;
  Decimal source;
};
/// A cause with its share of the delta, in the charge's currency.
struct Cause {
  std::string kind, ref, text;
  Decimal amount;
};

struct Pair {
  const QuoteView& b;
  const QuoteView& a;
};

void goods_parts(const Pair& p, std::vector<SourcePart>& out) {
  for (const Item& i0 : p.b.items) {
    const Item* i1 = find_by(p.a.items, i0.id);
    if (!i1) {
      out.push_back({"item_removed", i0.id, "item " + i0.id + " removed", -i0.amount});
      continue;
    }
    if (i1->amount == i0.amount) continue;
    const bool offer =
        i0.offer != i1->offer || i0.seller != i1->seller || i0.platform != i1->platform;
    Decimal rest = i1->amount - i0.amount;
    if (i0.quantity != i1->quantity && (offer || i0.unit_price != i1->unit_price)) {
      // The quantity effect at the old unit price; the rest is the price's (offer's or tier's).
      const Decimal qty = i0.unit_price * (i1->quantity - i0.quantity);
      out.push_back({"quantity", i0.id,
                     "item " + i0.id + ": quantity " + std::to_string(i0.quantity) + " -> " +
                         std::to_string(i1->quantity),
                     qty});
      rest -= qty;
    }
    const std::string price = i0.unit_price.to_string(2) + " -> " + i1->unit_price.to_string(2);
    if (offer)
      out.push_back({"offer", i0.id,
                     "item " + i0.id + ": offer of " + i0.seller + " -> " + i1->seller +
                         " (offer " + std::to_string(i0.offer) + " -> " +
                         std::to_string(i1->offer) + "), unit price " + price,
                     rest});
    else if (i0.quantity != i1->quantity && i0.unit_price != i1->unit_price)
      out.push_back(
          {"tier", i0.id, "item " + i0.id + ": quantity tier step, unit price " + price, rest});
    else if (i0.quantity != i1->quantity)
      out.push_back({"quantity", i0.id,
                     "item " + i0.id + ": quantity " + std::to_string(i0.quantity) + " -> " +
                         std::to_string(i1->quantity),
                     rest});
    else
      out.push_back({"unit_price", i0.id, "item " + i0.id + ": unit price " + price, rest});
  }
  for (const Item& i1 : p.a.items)
    if (!find_by(p.b.items, i1.id))
      out.push_back({"item_added", i1.id, "item " + i1.id + " added", i1.amount});
}

void seller_parts(const Pair& p, std::vector<SourcePart>& out) {
  for (const Seller& s0 : p.b.sellers) {
    const Seller* s1 = find_by(p.a.sellers, s0.id);
    if (!s1)
      out.push_back({"seller_removed", s0.id, "seller " + s0.id + " no longer used (offer choice)",
                     -s0.shipping});
    else if (s1->shipping != s0.shipping)
      out.push_back({"seller_shipping", s0.id,
                     "seller " + s0.id + ": shipping " + s0.shipping.to_string(2) + " -> " +
                         s1->shipping.to_string(2) + " (free_over or seller terms)",
                     s1->shipping - s0.shipping});
  }
  for (const Seller& s1 : p.a.sellers)
    if (!find_by(p.b.sellers, s1.id))
      out.push_back(
          {"seller_added", s1.id, "seller " + s1.id + " now used (offer choice)", s1.shipping});
}

std::optional<SourcePart> threshold_cause(const Pair& p,
                                          bool (*relevant)(const std::string&, const std::string&),
                                          const std::string& subject) {
  for (const auto& [t0, t1] : flipped(p.b, p.a))
    if (relevant(t1.applies_to, subject))
      return SourcePart{"threshold",
                        t1.id,
                        "threshold " + t1.id + " crossed: " + threshold_text(t0) + " -> " +
                            threshold_text(t1),
                        {}};
  return std::nullopt;
}

bool duty_threshold(const std::string& applies_to, const std::string&) {
  return applies_to == "duty" || applies_to == "per_category";
}
bool checkout_threshold(const std::string& applies_to, const std::string&) {
  return applies_to == "checkout";
}
bool tax_threshold(const std::string& applies_to, const std::string& tax_id) {
  return applies_to == "tax:" + tax_id;
}

Decimal goods_source(const QuoteView& q) {
  for (const Charge& c : q.charges)
    if (c.code == "GOODS") return c.source;
  return Decimal();
}

/// The customs value's change as a cause: "fx" when only a mid rate into the destination
/// currency moved (same goods, line and weight), else "customs_value". `what` opens the text.
SourcePart customs_value_cause(const Pair& p, const std::string& what) {
  const std::string text =
      what + p.b.customs_value + " -> " + p.a.customs_value + " " + p.a.dest_currency;
  const bool same_inputs = goods_source(p.b) == goods_source(p.a) && p.b.selected == p.a.selected &&
                           p.b.chargeable_g == p.a.chargeable_g;
  for (const FxRate& r1 : p.a.fx)
    if (const FxRate* r0 = find_rate(p.b, r1.from, r1.to);
        same_inputs && r1.to == p.a.dest_currency && r0 && r0->mid != r1.mid)
      return SourcePart{
          "fx", r1.from + "/" + r1.to, text + " at the mid rate " + r0->mid + " -> " + r1.mid, {}};
  return SourcePart{"customs_value", "", text, {}};
}

std::optional<SourcePart> duty_cause(const Pair& p) {
  if (auto t = threshold_cause(p, duty_threshold, "")) return t;
  if (p.b.duty_rule != p.a.duty_rule || p.b.duty_id != p.a.duty_id)
    return SourcePart{
        "rule",
        p.a.duty_id,
        "duty rule " + p.a.duty_id + " (" + p.a.duty_rule + ") applied instead of " +
            (p.b.duty_id.empty() ? p.b.duty_rule : p.b.duty_id + " (" + p.b.duty_rule + ")") +
            rule_context(p.b, p.a),
        {}};
  if (p.b.customs_value != p.a.customs_value) return customs_value_cause(p, "customs value ");
  return std::nullopt;
}

std::optional<SourcePart> tax_cause(const Pair& p, const std::string& code) {
  const Tax* t0 = find_tax(p.b, code);
  const Tax* t1 = find_tax(p.a, code);
  const std::string id = t1 ? t1->id : t0 ? t0->id : code;
  if (t0 && t1 && t0->rates != t1->rates)
    return SourcePart{"tax_rate",
                      id,
                      "tax " + id + " rate " + t0->rates + " -> " + t1->rates +
                          rule_context(p.b, p.a),
                      {}};
  if (auto t = threshold_cause(p, tax_threshold, id)) return t;
  if (t0 && t1 && t0->exempt_by != t1->exempt_by)
    return SourcePart{"rule",
                      t1->exempt_by.empty() ? t0->exempt_by : t1->exempt_by,
                      "tax " + id + " exemption " +
                          (t0->exempt_by.empty() ? "none" : t0->exempt_by) + " -> " +
                          (t1->exempt_by.empty() ? "none" : t1->exempt_by) + rule_context(p.b, p.a),
                      {}};
  if (auto t = threshold_cause(p, checkout_threshold, "")) return t;
  const std::string base = t0 && t1 ? " base " + t0->base + " -> " + t1->base : "";
  if (p.b.duty_amount != p.a.duty_amount && p.b.customs_value == p.a.customs_value)
    return SourcePart{"duty",
                      p.a.duty_id,
                      "tax " + id + base + ", charged on duty too: duty " + p.b.duty_amount +
                          " -> " + p.a.duty_amount,
                      {}};
  if (p.b.customs_value != p.a.customs_value || !base.empty())
    return customs_value_cause(p, "tax " + id + base + ", follows the customs value ");
  return std::nullopt;
}

SourcePart goods_cause(const Pair& p, const std::string& code) {
  return SourcePart{"goods",
                    "",
                    code + " follows the goods subtotal " + goods_source(p.b).to_string(2) +
                        " -> " + goods_source(p.a).to_string(2),
                    {}};
}

std::optional<SourcePart> carriage_cause(const Pair& p, const std::string& code) {
  if (p.b.selected != p.a.selected)
    return SourcePart{
        "line", p.a.selected, "shipping line " + p.b.selected + " -> " + p.a.selected, {}};
  if (p.b.chargeable_g != p.a.chargeable_g)
    return SourcePart{"weight",
                      p.a.selected,
                      "chargeable weight " + std::to_string(p.b.chargeable_g) + " g -> " +
                          std::to_string(p.a.chargeable_g) + " g",
                      {}};
  if (code == "INSURANCE" && goods_source(p.b) != goods_source(p.a)) return goods_cause(p, code);
  return std::nullopt;
}

std::int64_t units(const QuoteView& q) {
  std::int64_t n = 0;
  for (const Item& i : q.items)
    n += i.quantity;
  return n;
}

/// The one cause of a charge that is not split between several causes.
std::optional<SourcePart> single_cause(const Pair& p, const std::string& code,
                                       const std::string& collect) {
  std::optional<SourcePart> c;
  if (code == "DUTY")
    c = duty_cause(p);
  else if (find_tax(p.a, code) || find_tax(p.b, code))
    c = tax_cause(p, code);
  else if (code == "SERVICE_FEE" && goods_source(p.b) != goods_source(p.a))
    c = goods_cause(p, code);
  else if (code == "WAREHOUSE_HANDLING" && units(p.b) != units(p.a))
    c = SourcePart{"quantity",
                   "",
                   "units handled " + std::to_string(units(p.b)) + " -> " +
                       std::to_string(units(p.a)),
                   {}};
  else if (code == "CASH_ROUNDING")
    c = SourcePart{"rounding", "", "cash rounding of the total", {}};
  else if (collect == "delivery")
    c = SourcePart{"due", "", "carrier fee on the duty and tax due on delivery", {}};
  else if (code != "WAREHOUSE_HANDLING" && code != "WAREHOUSE_CONSOLIDATION" &&
           code != "SERVICE_FEE")
    c = carriage_cause(p, code);
  if (!c && p.b.digest != p.a.digest)
    c = SourcePart{"rulebook",
                   p.a.rulebook_id,
                   "rulebook " + p.b.rulebook_id + " -> " + p.a.rulebook_id + " (digest changed)",
                   {}};
  return c;
}

/// True when the charge moved between checkout and delivery (the other side books it there).
bool moved(const QuoteView& other, const Charge& c) {
  for (const Charge& o : other.charges)
    if (o.code == c.code && o.collect != c.collect) return true;
  return false;
}

std::optional<SourcePart> regime_cause(const Pair& p, const Charge& c, bool added) {
  if (!moved(added ? p.b : p.a, c)) return std::nullopt;
  const std::string where =
      added ? "now collected at " + c.collect : "no longer collected at " + c.collect;
  if (auto t = threshold_cause(p, checkout_threshold, ""))
    return SourcePart{"threshold", t->ref, where + ": " + t->text, {}};
  return SourcePart{"regime",
                    p.a.regime,
                    where + " (regime " + (p.b.regime.empty() ? "none" : p.b.regime) + " -> " +
                        (p.a.regime.empty() ? "none" : p.a.regime) + ")",
                    {}};
}

/// The charged rate from `from` to `to` in `q` (1 when they are the same currency).
std::optional<Rate> charged_rate(const QuoteView& q, const std::string& from,
                                 const std::string& to) {
  if (from == to) return Rate{Decimal::from_int(1)};
  const FxRate* r = find_rate(q, from, to);
  Rate rate;
  if (!r || !Rate::parse(r->charged, rate)) return std::nullopt;
  return rate;
}

Decimal convert(const Decimal& source, const Rate& rate, int digits) {
  return Decimal::product_rounded({source, rate.num}, {rate.den}, Decimal::quantum(digits),
                                  RoundingMode::half_up);
}

struct ChargeDiff {
  std::string code, collect, currency;
  int digits = 2;
  std::optional<Decimal> before, after;
  Decimal delta;
  std::vector<Cause> causes;
};

/// Splits the source share `share` of a charge among `parts` (docs/diff.md): each part converted
/// at `rate`, the conversion's remainder a "rounding" cause; a part-less share is "other".
void split_source(const Decimal& share, const std::vector<SourcePart>& parts,
                  const std::optional<Rate>& rate, ChargeDiff& d) {
  if (parts.size() == 1 || (!parts.empty() && !rate)) {
    d.causes.push_back({parts[0].kind, parts[0].ref, parts[0].text, share});
    for (std::size_t i = 1; i < parts.size(); ++i)
      d.causes.push_back({parts[i].kind, parts[i].ref, parts[i].text, Decimal()});
    return;
  }
  Decimal left = share;
  for (const SourcePart& part : parts) {
    const Decimal amount = convert(part.source, *rate, d.digits);
    d.causes.push_back({part.kind, part.ref, part.text, amount});
    left -= amount;
  }
  if (!left.is_zero() || parts.empty())
    d.causes.push_back({parts.empty() ? "other" : "rounding", "",
                        parts.empty() ? "not traced to a change the two quotes show"
                                      : "rounding of the converted parts to the minor unit",
                        left});
}

std::vector<SourcePart> source_parts(const Pair& p, const Charge* c0, const Charge* c1) {
  const Charge& c = c1 ? *c1 : *c0;
  std::vector<SourcePart> parts;
  if (!c0 || !c1)
    if (auto r = regime_cause(p, c, c1 != nullptr)) return {*r};
  if (c.code == "GOODS")
    goods_parts(p, parts);
  else if (c.code == "SELLER_SHIPPING")
    seller_parts(p, parts);
  else if (auto s = single_cause(p, c.code, c.collect))
    parts.push_back(*s);
  return parts;
}

ChargeDiff diff_charge(const Pair& p, const Charge* c0, const Charge* c1) {
  const Charge& c = c1 ? *c1 : *c0;
  ChargeDiff d{c.code, c.collect, c.currency, c.digits, {}, {}, {}, {}};
  if (c0) d.before = c0->amount;
  if (c1) d.after = c1->amount;
  d.delta = (c1 ? c1->amount : Decimal()) - (c0 ? c0->amount : Decimal());
  if (c0 && c1 && c0->source_currency != c1->source_currency) {
    d.causes.push_back({"currency", "",
                        "source currency " + c0->source_currency + " -> " + c1->source_currency,
                        d.delta});
    return d;
  }
  const auto r0 = c0 ? charged_rate(p.b, c0->source_currency, c0->currency) : std::nullopt;
  const auto r1 = c1 ? charged_rate(p.a, c1->source_currency, c1->currency) : std::nullopt;
  Decimal share = d.delta;
  if (c0 && c1 && r0 && r1 && !(*r0 == *r1)) {
    // Source change at the old rate, then the rate change on the new source (docs/diff.md).
    const Decimal moved_source =
        c0->source == c1->source ? c0->amount : convert(c1->source, *r0, d.digits);
    share = moved_source - c0->amount;
    const FxRate* f0 = find_rate(p.b, c.source_currency, c.currency);
    const FxRate* f1 = find_rate(p.a, c.source_currency, c.currency);
    d.causes.push_back({"fx", c.source_currency + "/" + c.currency,
                        "FX " + c.source_currency + "/" + c.currency + " charged " + f0->charged +
                            " -> " + f1->charged + " (mid " + f0->mid + " -> " + f1->mid + ")",
                        c1->amount - moved_source});
  }
  if (!share.is_zero()) split_source(share, source_parts(p, c0, c1), c0 ? r0 : r1, d);
  return d;
}

/// True when the currency a charge is booked in is the same in both quotes.
bool comparable(const Pair& p, const Charge& c) {
  return c.collect == "delivery" ? p.a.dest_currency == p.b.dest_currency
                                 : p.a.currency == p.b.currency;
}

std::vector<ChargeDiff> diff_charges(const Pair& p) {
  std::vector<ChargeDiff> out;
  std::vector<bool> used(p.b.charges.size(), false);
  const auto match = [&](const Charge& c1) -> const Charge* {
    for (std::size_t i = 0; i < p.b.charges.size(); ++i)
      if (!used[i] && p.b.charges[i].code == c1.code && p.b.charges[i].collect == c1.collect) {
        used[i] = true;
        return &p.b.charges[i];
      }
    return nullptr;
  };
  for (const Charge& c1 : p.a.charges) {
    const Charge* c0 = match(c1);
    if ((c0 && c0->currency != c1.currency) || (!c0 && !comparable(p, c1)))
      continue; // not comparable: told in the notes
    out.push_back(diff_charge(p, c0, &c1));
  }
  for (std::size_t i = 0; i < p.b.charges.size(); ++i)
    if (!used[i] && comparable(p, p.b.charges[i]))
      out.push_back(diff_charge(p, &p.b.charges[i], nullptr));
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](const ChargeDiff& d) {
                             return d.delta.is_zero() &&
                                    std::all_of(d.causes.begin(), d.causes.end(),
                                                [](const Cause& c) { return c.amount.is_zero(); });
                           }),
            out.end());
  return out;
}

// ---------------------------------------------------------------------------------------------
// The diff document.

ojson side_json(const QuoteView& q) {
  return ojson{{"rulebook", ojson{{"id", q.rulebook_id}, {"digest", q.digest}}},
               {"at", q.at},
               {"currency", q.currency},
               {"selected", q.selected},
               {"total", q.total_text},
               {"due_on_delivery", ojson{{"amount", q.due_text}, {"currency", q.dest_currency}}},
               {"fingerprint", q.fingerprint}};
}

ojson charge_json(const ChargeDiff& d) {
  ojson causes = ojson::array();
  for (const Cause& c : d.causes)
    causes.push_back(ojson{{"kind", c.kind},
                           {"ref", c.ref},
                           {"amount", c.amount.to_string(d.digits)},
                           {"text", c.text}});
  const auto amount = [&](const std::optional<Decimal>& v) {
    return v ? ojson(v->to_string(d.digits)) : ojson(nullptr);
  };
  const ojson before = amount(d.before), after = amount(d.after);
  return ojson{{"code", d.code},   {"collect", d.collect}, {"currency", d.currency},
               {"before", before}, {"after", after},       {"delta", d.delta.to_string(d.digits)},
               {"causes", causes}};
}

/// {"before","after","delta"} of two amount strings of one currency, or null deltas when not
/// comparable.
ojson figure_json(const std::string& b, const std::string& a, bool comparable) {
  Decimal d0, d1;
  Decimal::parse(b, d0);
  Decimal::parse(a, d1);
  const int digits = std::max(minor_digits(b), minor_digits(a));
  return ojson{{"before", b},
               {"after", a},
               {"delta", comparable ? ojson((d1 - d0).to_string(digits)) : ojson(nullptr)}};
}

std::string build_json(const QuoteView& b, const QuoteView& a) {
  const Pair p{b, a};
  std::vector<Change> changes;
  context_changes(b, a, changes);
  item_changes(b, a, changes);
  line_changes(b, a, changes);
  customs_changes(b, a, changes);
  ojson out{
      {"schema", std::string(diff_schema)}, {"before", side_json(b)}, {"after", side_json(a)}};
  const bool same = b.currency == a.currency, same_dest = b.dest_currency == a.dest_currency;
  out["comparable"] = same;
  out["currency"] = a.currency;
  out["total"] = figure_json(b.total_text, a.total_text, same);
  ojson due = figure_json(b.due_text, a.due_text, same_dest);
  due["currency"] = a.dest_currency;
  out["due_on_delivery"] = due;
  ojson ch = ojson::array();
  for (const Change& c : changes)
    ch.push_back(ojson{{"kind", c.kind},
                       {"ref", c.ref},
                       {"before", c.before},
                       {"after", c.after},
                       {"text", c.text}});
  out["changes"] = ch;
  ojson charges = ojson::array();
  for (const ChargeDiff& d : diff_charges(p))
    charges.push_back(charge_json(d));
  out["charges"] = charges;
  ojson notes = ojson::array();
  if (!same)
    notes.push_back(
        "The settlement currencies differ (" + b.currency + ", " + a.currency +
        "): checkout charges and the total are not compared; only the changes are listed.");
  if (!same_dest)
    notes.push_back("The destination currencies differ (" + b.dest_currency + ", " +
                    a.dest_currency + "): charges due on delivery are not compared.");
  out["notes"] = notes;
  return out.dump();
}

// ---------------------------------------------------------------------------------------------
// Text rendering of the diff document.

std::string signed_amount(const std::string& amount) {
  return amount.empty() || amount[0] == '-' ? amount : "+" + amount;
}

std::string pad(std::string s, std::size_t width) {
  s.append(s.size() < width ? width - s.size() : 1, ' ');
  return s;
}

std::string figure_text(const char* label, const ojson& f, const std::string& currency) {
  std::string s = std::string(label) + " " + currency + ": " + f["before"].get<std::string>() +
                  " -> " + f["after"].get<std::string>();
  return s + (f["delta"].is_null() ? " (not comparable)\n"
                                   : " (" + signed_amount(f["delta"].get<std::string>()) + ")\n");
}

std::string render_text(const ojson& d) {
  std::string s = "Quote diff (" + std::string(diff_schema) + ")\n";
  for (const char* side : {"before", "after"}) {
    const ojson& q = d[side];
    s += pad(std::string(side) + ":", 8) + q["rulebook"]["id"].get<std::string>() + " at " +
         q["at"].get<std::string>() + ", line " + q["selected"].get<std::string>() + ", " +
         q["fingerprint"].get<std::string>() + "\n";
  }
  s += figure_text("Total", d["total"], d["currency"].get<std::string>());
  s += figure_text("Due on delivery", d["due_on_delivery"],
                   d["due_on_delivery"]["currency"].get<std::string>());
  s += d["changes"].empty() ? "No changes.\n" : "Changes:\n";
  for (const ojson& c : d["changes"])
    s += "  " + pad(c["kind"].get<std::string>(), 15) + c["text"].get<std::string>() + "\n";
  if (!d["charges"].empty()) s += "Charges:\n";
  for (const ojson& c : d["charges"]) {
    const auto amount = [](const ojson& v) {
      return v.is_null() ? std::string("-") : v.get<std::string>();
    };
    s += "  " +
         pad(c["code"].get<std::string>() + " (" + c["collect"].get<std::string>() + ", " +
                 c["currency"].get<std::string>() + ")",
             34) +
         amount(c["before"]) + " -> " + amount(c["after"]) + " (" +
         signed_amount(c["delta"].get<std::string>()) + ")\n";
    for (const ojson& k : c["causes"])
      s += "    " + pad(signed_amount(k["amount"].get<std::string>()), 10) +
           pad(k["kind"].get<std::string>(), 15) + k["text"].get<std::string>() + "\n";
  }
  for (const ojson& n : d["notes"])
    s += "Note: " + n.get<std::string>() + "\n";
  return s;
}

Result<std::string> diff_impl(std::string_view before, std::string_view after) {
  return guarded(ErrorDoc::request, [&]() -> Result<std::string> {
    const QuoteView b = read_quote(before, "/before");
    const QuoteView a = read_quote(after, "/after");
    return build_json(b, a);
  });
}

} // namespace

Result<std::string> diff_quotes_json(std::string_view before, std::string_view after) {
  return diff_impl(before, after);
}

Result<std::string> diff_quotes_text(std::string_view before, std::string_view after) {
  auto out = diff_impl(before, after);
  if (!out) return out.error();
  return guarded(ErrorDoc::request,
                 [&]() -> Result<std::string> { return render_text(ojson::parse(out.value())); });
}

} // namespace taoquote
