// Step 5 of the pipeline, taxes (docs/pipeline.md §5.7): VAT/GST by rate group on the rule's
// base components, or a rate of an earlier tax (settlement point 11).
#include "customs.hpp"

#include <algorithm>

namespace taoquote::detail {

Money CustomsBuilder::component(const CustomsLine& cl, Component k) const {
  switch (k) {
  case Component::customs_value: return cl.customs_value;
  case Component::goods: return cl.goods;
  case Component::seller_shipping: return cl.seller_shipping;
  case Component::freight: return cl.freight;
  case Component::insurance: return cl.insurance;
  case Component::duty: return cl.duty;
  case Component::fees: return cl.fees;
  }
  return Money::zero(dest_.currency);
}

namespace {

// The rulebook pointer of a tax rule (both live in the rulebook's vectors).
Path tax_path(const Rulebook& rb, const Destination& dest, const TaxRule& tax) {
  return Path() / "destinations" / static_cast<std::size_t>(&dest - rb.destinations.data()) /
         "taxes" / static_cast<std::size_t>(&tax - dest.taxes.data());
}

} // namespace

const Rate* tax_rate_for(const TaxRule& tax, const std::string& hs) {
  const TaxRate* best = nullptr;
  for (const TaxRate& r : tax.rates)
    if (hs.compare(0, r.hs.size(), r.hs) == 0 && (!best || r.hs.size() > best->hs.size()))
      best = &r;
  return best ? &best->rate : nullptr;
}

// A tax on another tax (Japan's local consumption tax): rate × the named tax's amount.
void CustomsBuilder::tax_on_tax(const TaxRule& tax, TaxResult& tr) const {
  const Quantization& q = tax.quantization;
  const TaxResult* named_tax = nullptr;
  for (const TaxResult& earlier : c_.taxes)
    if (earlier.id == *tax.of) named_tax = &earlier;
  if (!named_tax)
    fail(ErrorCode::tax_rate_missing, ErrorDoc::rulebook,
         tax_path(ctx_.rulebook, dest_, tax) / "of",
         "Tax '" + tax.id + "' is a rate of tax '" + *tax.of +
             "', which is not in force at the quote instant.");
  const Money named = named_tax->amount;
  const Rate& rate = tax.rates.front().rate;
  tr.amount = apply_rate(named, rate, quantum_of(q), mode_of(q)); // point 11
  tr.groups.push_back({rate, named, tr.amount});
}

// Lines grouped by rate (groups in order of first line); each group taxed once on its base.
void CustomsBuilder::tax_on_lines(const TaxRule& tax, TaxResult& tr,
                                  const Threshold* partial) const {
  const Quantization& q = tax.quantization;
  // Only a checkout regime (a threshold that fired) switches to checkout_base: a DDP line
  // changes who collects import VAT, not its base (decision 8).
  const bool regime_fired = c_.regime && *c_.regime != "ddp";
  const auto& parts = regime_fired && tax.checkout_base ? *tax.checkout_base : tax.base;
  for (std::size_t i = 0; i < c_.lines.size(); ++i) {
    const CustomsLine& cl = c_.lines[i];
    if (partial && !excluded_by(*partial, cl.hs_code)) continue;
    const Rate* rate = tax_rate_for(tax, cl.hs_code);
    if (!rate)
      fail(ErrorCode::tax_rate_missing, ErrorDoc::request, Path() / "items" / i / "hs_code",
           "Tax '" + tax.id + "' of " + dest_.country + " has no rate for HS code " + cl.hs_code +
               ".");
    Money line_base = Money::zero(dest_.currency);
    for (Component k : parts)
      line_base += component(cl, k);
    auto group = std::find_if(tr.groups.begin(), tr.groups.end(),
                              [&](const TaxGroup& g) { return g.rate == *rate; });
    if (group == tr.groups.end()) {
      tr.groups.push_back({*rate, Money::zero(dest_.currency), Money::zero(dest_.currency)});
      group = tr.groups.end() - 1;
    }
    group->base += line_base;
  }
  for (TaxGroup& g : tr.groups) {
    g.base = base_of(q, g.base);
    g.amount = apply_rate(g.base, g.rate, quantum_of(q), mode_of(q)); // point 11
    tr.amount += g.amount;
  }
}

void CustomsBuilder::taxes() {
  for (const TaxRule& tax : dest_.taxes) {
    if (!tax.validity.covers(ctx_.request.at)) continue;
    TaxResult tr{tax.id, tax.code, Money::zero(dest_.currency), {}, tax.of, std::nullopt};
    const Threshold* exemption = nullptr;
    for (const Threshold& t : tax.exemptions) {
      if (fires(t, "tax:" + tax.id)) {
        exemption = &t;
        tr.exempt_by = t.id;
        break;
      }
    }
    // A fired exemption still taxes the lines its unless_hs names (Japan).
    const bool taxed =
        !exemption || std::any_of(c_.lines.begin(), c_.lines.end(), [&](const CustomsLine& cl) {
          return excluded_by(*exemption, cl.hs_code);
        });
    if (taxed) {
      if (tax.of)
        tax_on_tax(tax, tr);
      else
        tax_on_lines(tax, tr, exemption);
    }
    c_.taxes.push_back(std::move(tr));
  }
}

} // namespace taoquote::detail
