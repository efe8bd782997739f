// Step 5 of the pipeline, duty (docs/pipeline.md §5.5): a per-category flat duty, an exemption,
// or rates by longest HS prefix per line (settlement point 10).
#include "customs.hpp"

namespace taoquote::detail {

const DutyRate* CustomsBuilder::duty_rate_for(const std::string& hs) const {
  const DutyRate* best = nullptr;
  for (const DutyRate& r : dest_.duty.rates) {
    if (!r.validity.covers(ctx_.request.at)) continue;
    if (!r.modes.empty() && !all_modes_in(r.modes)) continue;
    if (hs.compare(0, r.hs.size(), r.hs) != 0) continue;
    // Longest prefix wins; on equal prefixes a mode-specific row beats a general one,
    // then the earlier row.
    if (!best || r.hs.size() > best->hs.size() ||
        (r.hs.size() == best->hs.size() && !r.modes.empty() && best->modes.empty()))
      best = &r;
  }
  return best;
}

// One amount per distinct HS category, booked on the category's first line.
bool CustomsBuilder::per_category_duty() {
  const DutyRules& rules = dest_.duty;
  for (const CategoryDuty& pc : rules.per_category) {
    if (!fires(pc.when, "per_category")) continue;
    c_.duty.rule = "per_category";
    c_.duty.id = pc.when.id;
    std::vector<std::string> seen;
    for (CustomsLine& cl : c_.lines) {
      const std::string category = cl.hs_code.substr(0, static_cast<std::size_t>(pc.hs_digits));
      if (contains(seen, category)) continue;
      seen.push_back(category);
      cl.duty = Money(pc.amount.round_to(ctx_.destination_unit, mode_of(rules.quantization)),
                      dest_.currency);
      c_.duty.amount += cl.duty;
    }
    return true;
  }
  return false;
}

// An exemption that fires exempts every line except those its `unless_hs` names, which pay
// duty by the rates as if no exemption applied.
void CustomsBuilder::duty() {
  const DutyRules& rules = dest_.duty;
  if (per_category_duty()) return;
  const Threshold* exemption = nullptr;
  for (const Threshold& t : rules.exemptions) {
    if (fires(t, "duty")) {
      exemption = &t;
      break;
    }
  }
  c_.duty.rule = exemption ? "exempt" : "rates";
  if (exemption) c_.duty.id = exemption->id;
  for (std::size_t i = 0; i < c_.lines.size(); ++i)
    if (!exemption || excluded_by(*exemption, c_.lines[i].hs_code)) duty_on_line(i);
}

void CustomsBuilder::duty_on_line(std::size_t i) {
  const DutyRules& rules = dest_.duty;
  const Quantization& q = rules.quantization;
  CustomsLine& cl = c_.lines[i];
  const DutyRate* r = duty_rate_for(cl.hs_code);
  if (!r) r = rules.default_rate ? &*rules.default_rate : nullptr;
  if (!r)
    fail(ErrorCode::duty_rate_missing, ErrorDoc::request, Path() / "items" / i / "hs_code",
         "No duty rate of " + dest_.country + " covers HS code " + cl.hs_code +
             " at the quote instant, and the destination declares no default rate.");
  // Settlement point 10: ad valorem on the (quantised) value, plus specific × quantity.
  if (r->ad_valorem)
    cl.duty += apply_rate(base_of(q, cl.customs_value), *r->ad_valorem, quantum_of(q), mode_of(q));
  if (r->specific)
    cl.duty +=
        Money((*r->specific * ctx_.request.items[i].quantity).round_to(quantum_of(q), mode_of(q)),
              dest_.currency);
  c_.duty.amount += cl.duty;
}

} // namespace taoquote::detail
