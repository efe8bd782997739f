// Step 5 of the pipeline: customs valuation at the mid rate, allocation of parcel amounts,
// thresholds, duty (rates, exemptions, per-category) and taxes, and who collects them.
#include "pipeline.hpp"

#include <algorithm>

namespace taoquote::detail {
namespace {

// Rulebook validation guarantees every threshold currency has a rate.
const Decimal& rate_for(const Context& ctx, const CurrencyInfo& c) {
  return *ctx.rulebook.rate_of(c.code);
}

class CustomsBuilder {
public:
  CustomsBuilder(const Context& ctx, const OfferChoice& offers, const ShippingLine& line)
      : ctx_(ctx), offers_(offers), line_(line), dest_(ctx.destination) {}

  Customs build(const Fees& fees, const ShippingOption& selected) {
    c_.country = dest_.country;
    c_.currency = dest_.currency;
    c_.valuation = dest_.valuation;
    value_lines(fees, selected);
    duty();
    regime();
    taxes();
    return std::move(c_);
  }

private:
  Decimal at_mid(const Decimal& base_amount) const {
    return convert(base_amount, ctx_.base_rate, ctx_.destination_rate, nullptr,
                   ctx_.destination_unit, ctx_.destination_rounding);
  }

  void value_lines(const Fees& fees, const ShippingOption& selected) {
    std::vector<Decimal> weights;
    for (std::size_t i = 0; i < offers_.items.size(); ++i) {
      CustomsLine cl;
      cl.item = offers_.items[i].id;
      cl.hs_code = ctx_.request.items[i].hs_code;
      cl.goods = at_mid(offers_.items[i].amount);
      weights.push_back(cl.goods);
      c_.lines.push_back(std::move(cl));
    }
    const Decimal freight = selected.total - selected.insurance.value_or(Decimal{});
    const auto ship = allocate(at_mid(offers_.seller_shipping), weights);
    const auto fr = allocate(at_mid(freight), weights);
    const auto ins = allocate(at_mid(selected.insurance.value_or(Decimal{})), weights);
    const auto fee = allocate(at_mid(fees.total()), weights);
    for (std::size_t i = 0; i < c_.lines.size(); ++i) {
      CustomsLine& cl = c_.lines[i];
      cl.seller_shipping = ship[i];
      cl.freight = fr[i];
      cl.insurance = ins[i];
      cl.fees = fee[i];
      switch (dest_.valuation.basis) {
      case Valuation::Basis::fob: cl.customs_value = cl.goods + cl.seller_shipping; break;
      case Valuation::Basis::cif:
        cl.customs_value = cl.goods + cl.seller_shipping + cl.freight + cl.insurance;
        break;
      case Valuation::Basis::price_rate:
        cl.customs_value = apply_rate(cl.goods, dest_.valuation.rate, ctx_.destination_unit,
                                      ctx_.destination_rounding);
        break;
      }
      c_.goods_value += cl.goods;
      c_.customs_value += cl.customs_value;
    }
  }

  std::vector<Decimal> allocate(const Decimal& total, const std::vector<Decimal>& weights) const {
    return allocate_largest_remainder(total, weights, ctx_.destination_unit);
  }

  bool applies(const Threshold& t) const {
    if (!t.validity.covers(ctx_.request.at)) return false;
    if (!t.modes.empty() && !contains(t.modes, line_.mode)) return false;
    for (const Item& item : ctx_.request.items)
      if (!t.origins.empty() && !contains(t.origins, ctx_.origin_of(item))) return false;
    for (const auto& attribute : t.unless_attributes)
      if (ctx_.any_item_has(attribute)) return false;
    return true;
  }

  // Evaluates an applicable threshold, records it, and says whether it fired.
  bool fires(const Threshold& t, const std::string& applies_to) {
    if (!applies(t)) return false;
    const Decimal& value = t.basis == Threshold::Basis::goods ? c_.goods_value : c_.customs_value;
    const int cmp =
        Decimal::compare_products(value, ctx_.destination_rate, t.max, rate_for(ctx_, t.currency));
    const bool fired = t.strict ? cmp < 0 : cmp <= 0;
    c_.thresholds.push_back({t.id, applies_to, t.basis, value, t.max, t.currency, fired});
    return fired;
  }

  RoundingMode mode_of(const Quantization& q) const {
    return q.rounding.value_or(ctx_.destination_rounding);
  }
  const Decimal& quantum_of(const Quantization& q) const {
    return q.quantum ? *q.quantum : ctx_.destination_unit;
  }
  Decimal base_of(const Quantization& q, const Decimal& value) const {
    return q.base_quantum ? value.round_to(*q.base_quantum, mode_of(q)) : value;
  }

  const DutyRate* duty_rate_for(const std::string& hs) const {
    const DutyRate* best = nullptr;
    for (const DutyRate& r : dest_.duty.rates) {
      if (!r.validity.covers(ctx_.request.at)) continue;
      if (!r.modes.empty() && !contains(r.modes, line_.mode)) continue;
      if (hs.compare(0, r.hs.size(), r.hs) != 0) continue;
      // Longest prefix wins; on equal prefixes a mode-specific row beats a general one,
      // then the earlier row.
      if (!best || r.hs.size() > best->hs.size() ||
          (r.hs.size() == best->hs.size() && !r.modes.empty() && best->modes.empty()))
        best = &r;
    }
    return best;
  }

  void duty() {
    const DutyRules& rules = dest_.duty;
    for (const CategoryDuty& pc : rules.per_category) {
      if (!fires(pc.when, "per_category")) continue;
      c_.duty_rule = "per_category";
      c_.duty_rule_id = pc.when.id;
      std::vector<std::string> seen;
      for (CustomsLine& cl : c_.lines) {
        const std::string category = cl.hs_code.substr(0, static_cast<std::size_t>(pc.hs_digits));
        if (contains(seen, category)) continue;
        seen.push_back(category);
        cl.duty = pc.amount.round_to(ctx_.destination_unit, mode_of(rules.quantization));
        c_.duty += cl.duty;
      }
      return;
    }
    for (const Threshold& t : rules.exemptions) {
      if (fires(t, "duty")) {
        c_.duty_rule = "exempt";
        c_.duty_rule_id = t.id;
        return;
      }
    }
    c_.duty_rule = "rates";
    const Quantization& q = rules.quantization;
    for (std::size_t i = 0; i < c_.lines.size(); ++i) {
      CustomsLine& cl = c_.lines[i];
      const DutyRate* r = duty_rate_for(cl.hs_code);
      if (!r) continue;
      if (r->ad_valorem)
        cl.duty +=
            apply_rate(base_of(q, cl.customs_value), *r->ad_valorem, quantum_of(q), mode_of(q));
      if (r->specific)
        cl.duty +=
            (*r->specific * ctx_.request.items[i].quantity).round_to(quantum_of(q), mode_of(q));
      c_.duty += cl.duty;
    }
  }

  void regime() {
    for (const Threshold& t : dest_.checkout) {
      if (fires(t, "checkout")) {
        c_.collect_at_checkout = true;
        c_.regime = t.id;
        return;
      }
    }
    if (line_.ddp) {
      c_.collect_at_checkout = true;
      c_.regime = "ddp";
    }
  }

  Decimal component(const CustomsLine& cl, Component k) const {
    switch (k) {
    case Component::customs_value: return cl.customs_value;
    case Component::goods: return cl.goods;
    case Component::seller_shipping: return cl.seller_shipping;
    case Component::freight: return cl.freight;
    case Component::insurance: return cl.insurance;
    case Component::duty: return cl.duty;
    case Component::fees: return cl.fees;
    }
    return Decimal{};
  }

  const Rate* tax_rate_for(const TaxRule& tax, const std::string& hs) const {
    const TaxRate* best = nullptr;
    for (const TaxRate& r : tax.rates)
      if (hs.compare(0, r.hs.size(), r.hs) == 0 && (!best || r.hs.size() > best->hs.size()))
        best = &r;
    return best ? &best->rate : nullptr;
  }

  void taxes() {
    for (const TaxRule& tax : dest_.taxes) {
      if (!tax.validity.covers(ctx_.request.at)) continue;
      TaxResult tr{tax.id, tax.code, Decimal{}, {}, tax.of, std::nullopt};
      for (const Threshold& t : tax.exemptions) {
        if (fires(t, "tax:" + tax.id)) {
          tr.exempt_by = t.id;
          break;
        }
      }
      if (!tr.exempt_by) {
        const Quantization& q = tax.quantization;
        if (tax.of) {
          Decimal named;
          for (const TaxResult& earlier : c_.taxes)
            if (earlier.id == *tax.of) named = earlier.amount;
          const Rate& rate = tax.rates.front().rate;
          tr.amount = apply_rate(named, rate, quantum_of(q), mode_of(q));
          tr.groups.push_back({rate, named, tr.amount});
        } else {
          const auto& parts =
              c_.collect_at_checkout && tax.checkout_base ? *tax.checkout_base : tax.base;
          for (const CustomsLine& cl : c_.lines) {
            const Rate* rate = tax_rate_for(tax, cl.hs_code);
            if (!rate) continue;
            Decimal line_base;
            for (Component k : parts)
              line_base += component(cl, k);
            auto group = std::find_if(tr.groups.begin(), tr.groups.end(),
                                      [&](const TaxGroup& g) { return g.rate == *rate; });
            if (group == tr.groups.end()) {
              tr.groups.push_back({*rate, Decimal{}, Decimal{}});
              group = tr.groups.end() - 1;
            }
            group->base += line_base;
          }
          for (TaxGroup& g : tr.groups) {
            g.base = base_of(q, g.base);
            g.amount = apply_rate(g.base, g.rate, quantum_of(q), mode_of(q));
            tr.amount += g.amount;
          }
        }
      }
      c_.taxes.push_back(std::move(tr));
    }
  }

  const Context& ctx_;
  const OfferChoice& offers_;
  const ShippingLine& line_;
  const Destination& dest_;
  Customs c_;
};

} // namespace

Customs compute_customs(const Context& ctx, const OfferChoice& offers, const Fees& fees,
                        const ShippingOption& selected, const ShippingLine& line) {
  return CustomsBuilder(ctx, offers, line).build(fees, selected);
}

} // namespace taoquote::detail
