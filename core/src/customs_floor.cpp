// A floor under the duty and taxes of every split of an order (docs/parcels.md, "The best
// split"): what customs charges at least, whatever the parcels, their lines and their freight.
// The split search adds it to its bound, so it prunes by landed total and not by shipping
// alone. Each piece is a lower bound on its own: freight, insurance and fees count as zero
// (seller shipping too, assessed separately); a threshold that could fire for some split is taken
// as firing where that costs less; every rounding is taken as rounding down by its full quantum.
//
// Assessed together, customs also grows with the split's shipping where the customs value or
// a tax base counts freight and insurance: `per_shipping` is the least rate at which it grows
// (each duty and tax at the least rate any line of the order could pay), so the search can
// charge customs on the shipping it has not yet placed.
#include "customs.hpp"
#include "split.hpp"

#include <algorithm>

namespace taoquote::detail {
namespace {

const Decimal& zero_or(const Decimal& d) {
  static const Decimal zero;
  return d.is_negative() ? zero : d;
}

class CustomsFloor {
public:
  CustomsFloor(const Context& ctx, const OfferChoice& offers)
      : ctx_(ctx), dest_(ctx.destination), unit_(ctx.destination_unit),
        parcels_(ctx.rulebook.warehouse.max_parcels),
        separately_(dest_.parcels == ParcelAssessment::separately) {
    // Assessed together, each line's share of the seller shipping is the one-parcel quote's
    // (point 8 allocates the order's seller shipping, which no split changes). Separately, a
    // parcel's share depends on the parcel, and counts as zero.
    if (!separately_)
      for (const CustomsLine& cl : order_customs_lines(ctx, offers, Money::zero(ctx.base)).lines)
        ship_.push_back(cl.seller_shipping.amount());
    ship_.resize(offers.items.size());
    for (std::size_t i = 0; i < offers.items.size(); ++i) {
      const ChosenItem& item = offers.items[i];
      line_goods_.push_back(convert(item.amount.amount(), Decimal::from_int(1),
                                    ctx.destination_rate, nullptr, unit_,
                                    ctx.destination_rounding));
      goods_value_ += line_goods_.back();
      // Point 7; assessed separately, each parcel settles its own share (≤ 1 unit each).
      Decimal g = convert(item.amount.amount(), Decimal::from_int(1), ctx.destination_rate, nullptr,
                          unit_, RoundingMode::floor);
      if (separately_) g = zero_or(g - unit_ * parcels_);
      goods_.push_back(g);
      value_.push_back(value_floor(g, ship_[i]));
      goods_total_ += g;
      value_total_ += value_.back();
    }
  }

  /// Duty and taxes in the destination currency, at least.
  Decimal destination() {
    std::vector<Decimal> duty = duty_floor();
    Decimal sum;
    for (const Decimal& d : duty)
      sum += d;
    for (const TaxRule& tax : dest_.taxes)
      if (tax.validity.covers(ctx_.request.at)) sum += tax_floor(tax, duty);
    return sum;
  }

  /// The least duty and tax (destination currency) one more unit of freight and insurance
  /// adds: each line's share (by goods) at the least rates that line can pay. Zero assessed
  /// separately, where a parcel's thresholds may fire. Taxes on taxes count none.
  Decimal per_shipping() const {
    if (separately_ || goods_.empty() || !(Decimal() < goods_value_)) return Decimal();
    const bool in_value = shipping_in_value();
    const bool duty_free = duty_exempt() || !in_value;
    const Decimal value = in_value ? Decimal::from_int(1) : Decimal();
    Decimal sum;
    for (std::size_t i = 0; i < goods_.size(); ++i) {
      const Decimal duty_rate = duty_free ? Decimal() : least_duty_rate(i);
      Decimal rate = duty_rate;
      for (const TaxRule& tax : dest_.taxes) {
        if (!tax.validity.covers(ctx_.request.at) || tax.of || any_could_fire(tax.exemptions))
          continue;
        const Rate* r = tax_rate_for(tax, ctx_.request.items[i].hs_code);
        if (!r) continue;
        Decimal base = shipping_in(tax.base, value, duty_rate);
        if (tax.checkout_base)
          base = std::min(base, shipping_in(*tax.checkout_base, value, duty_rate));
        rate += Decimal::product_rounded({base, r->num}, {r->den}, tiny(), RoundingMode::floor);
      }
      // Shipping is shared over the lines by goods (point 8).
      sum += Decimal::product_rounded({zero_or(rate), line_goods_[i]}, {goods_value_}, tiny(),
                                      RoundingMode::floor);
    }
    return sum;
  }

  /// What per_shipping's rounding can lose (destination currency): one quantum for each line's
  /// duty, each tax group and each conversion of a shipping part.
  Decimal per_shipping_slack() const {
    const auto lines = static_cast<std::int64_t>(goods_.size());
    const DutyRules& rules = dest_.duty;
    Decimal slack = (rules.quantization.quantum ? *rules.quantization.quantum : unit_) * lines;
    for (const TaxRule& tax : dest_.taxes)
      slack += (tax.quantization.quantum ? *tax.quantization.quantum : unit_) * lines;
    return slack + unit_ * (4 * lines + 4);
  }

private:
  static Decimal tiny() { return Decimal::from_mantissa(1); }

  // Whether a line's customs value counts its share of both freight and insurance.
  bool shipping_in_value() const {
    const Valuation& v = dest_.valuation;
    if (v.basis == Valuation::Basis::cif) return true;
    return v.basis == Valuation::Basis::price_rate && contains(v.add, Component::freight) &&
           contains(v.add, Component::insurance);
  }

  bool duty_exempt() const {
    for (const CategoryDuty& pc : dest_.duty.per_category)
      if (could_fire(pc.when)) return true;
    return any_could_fire(dest_.duty.exemptions);
  }

  // The least ad valorem rate of any duty row that could apply to line i (0 without one).
  Decimal least_duty_rate(std::size_t i) const {
    std::optional<Decimal> least;
    auto consider = [&](const DutyRate& r) {
      const Decimal rate = r.ad_valorem
                               ? Decimal::product_rounded({r.ad_valorem->num}, {r.ad_valorem->den},
                                                          tiny(), RoundingMode::floor)
                               : Decimal();
      if (!least || rate < *least) least = rate;
    };
    for_each_row(i, consider);
    return least.value_or(Decimal());
  }

  // How much of one more unit of freight and insurance a tax base made of `list` counts.
  static Decimal shipping_in(const std::vector<Component>& list, const Decimal& value,
                             const Decimal& duty_rate) {
    Decimal sum;
    const bool both = contains(list, Component::freight) && contains(list, Component::insurance);
    for (Component k : list) {
      if (k == Component::customs_value) sum += value;
      if (k == Component::duty) sum += duty_rate;
    }
    return both ? sum + Decimal::from_int(1) : sum;
  }

  // The customs value of a line without freight and insurance, with goods `g` and seller
  // shipping `ship` (at most the line's).
  Decimal value_floor(const Decimal& g, const Decimal& ship) const {
    const Valuation& v = dest_.valuation;
    if (v.basis != Valuation::Basis::price_rate) return g + ship;
    const Decimal rated =
        Decimal::product_rounded({g, v.rate.num}, {v.rate.den}, unit_, RoundingMode::floor);
    return contains(v.add, Component::seller_shipping) ? rated + ship : rated;
  }

  // True unless the threshold cannot fire for any split: together, the order's value only
  // grows from its floor; separately, a parcel's value may be anything down to zero.
  bool could_fire(const Threshold& t) const {
    if (!t.validity.covers(ctx_.request.at)) return false;
    if (separately_) return true;
    const Decimal* rate = ctx_.rulebook.rate_of(t.currency.code);
    if (!rate) return true;
    const Decimal& value = t.basis == Threshold::Basis::goods ? goods_total_ : value_total_;
    const int cmp = Decimal::compare_products(value, ctx_.destination_rate, t.max, *rate);
    return t.strict ? cmp < 0 : cmp <= 0;
  }

  bool any_could_fire(const std::vector<Threshold>& list) const {
    return std::any_of(list.begin(), list.end(), [&](const Threshold& t) { return could_fire(t); });
  }

  // `rate` × `base` less one base quantum, rounded down to the quantum; assessed separately,
  // one such loss per parcel.
  Decimal rated(const Decimal& base, const Rate& rate, const Quantization& q) const {
    const int losses = separately_ ? parcels_ : 1;
    Decimal b = base;
    if (q.base_quantum) b = zero_or(b - *q.base_quantum * losses);
    const Decimal& quantum = q.quantum ? *q.quantum : unit_;
    const Decimal amount =
        Decimal::product_rounded({b, rate.num}, {rate.den}, quantum, RoundingMode::floor);
    return zero_or(amount - (separately_ ? quantum * (parcels_ - 1) : Decimal()));
  }

  // Per line: the least duty it can pay, by the rates or by a per-category flat duty that
  // could fire instead (assessed separately, a flat duty that could fire counts none).
  // When one of them must fire, the rates never apply.
  std::vector<Decimal> duty_floor() const {
    std::optional<std::vector<Decimal>> out;
    const auto take = [&](const std::vector<Decimal>& d) {
      if (!out) out = d;
      for (std::size_t i = 0; i < d.size(); ++i)
        (*out)[i] = std::min((*out)[i], d[i]);
    };
    for (const CategoryDuty& pc : dest_.duty.per_category) {
      if (!could_fire(pc.when)) continue;
      if (separately_) return std::vector<Decimal>(goods_.size());
      take(category_floor(pc));
      if (must_fire(pc.when)) return *out;
    }
    take(rates_floor());
    return *out;
  }

  // True when the threshold fires for every split: assessed together, on the order's goods
  // value (which no split changes), with no condition a split's lines could fail.
  bool must_fire(const Threshold& t) const {
    if (separately_ || t.basis != Threshold::Basis::goods || !t.modes.empty() ||
        !t.validity.covers(ctx_.request.at))
      return false;
    for (const Item& item : ctx_.request.items)
      if (!t.origins.empty() && !contains(t.origins, ctx_.origin_of(item))) return false;
    for (const auto& attribute : t.unless_attributes)
      if (ctx_.any_item_has(attribute)) return false;
    const Decimal* rate = ctx_.rulebook.rate_of(t.currency.code);
    if (!rate) return false;
    const int cmp = Decimal::compare_products(goods_value_, ctx_.destination_rate, t.max, *rate);
    return t.strict ? cmp < 0 : cmp <= 0;
  }

  // A per-category flat duty as the order pays it when it fires: its amount, rounded down, on
  // the first line of each category.
  std::vector<Decimal> category_floor(const CategoryDuty& pc) const {
    std::vector<Decimal> out(goods_.size());
    std::vector<std::string> seen;
    const Quantization& q = dest_.duty.quantization;
    for (std::size_t i = 0; i < out.size(); ++i) {
      const std::string category =
          ctx_.request.items[i].hs_code.substr(0, static_cast<std::size_t>(pc.hs_digits));
      if (contains(seen, category)) continue;
      seen.push_back(category);
      out[i] = zero_or(pc.amount.round_to(q.quantum ? *q.quantum : unit_, RoundingMode::floor));
    }
    return out;
  }

  // Calls `f` with each duty row that could be line i's for some split: the longest matching
  // row without modes, and rows with modes at least as long (they win where their modes
  // apply); with no matching row without modes, every matching row and the default.
  template <class F> void for_each_row(std::size_t i, F&& f) const {
    const DutyRules& rules = dest_.duty;
    const std::string& hs = ctx_.request.items[i].hs_code;
    const auto matches = [&](const DutyRate& r) {
      return r.validity.covers(ctx_.request.at) && hs.compare(0, r.hs.size(), r.hs) == 0;
    };
    const DutyRate* general = nullptr;
    for (const DutyRate& r : rules.rates)
      if (matches(r) && r.modes.empty() && (!general || r.hs.size() > general->hs.size()))
        general = &r;
    if (general) f(*general);
    for (const DutyRate& r : rules.rates)
      if (matches(r) && !r.modes.empty() && (!general || r.hs.size() >= general->hs.size())) f(r);
    if (!general && rules.default_rate) f(*rules.default_rate);
  }

  // Per line: the least duty any row that could apply charges;
  // zero for every line when an exemption could fire.
  std::vector<Decimal> rates_floor() const {
    const DutyRules& rules = dest_.duty;
    std::vector<Decimal> out(goods_.size());
    if (any_could_fire(rules.exemptions)) return out;
    for (std::size_t i = 0; i < goods_.size(); ++i) {
      std::optional<Decimal> least;
      auto consider = [&](const DutyRate& r) {
        Decimal d;
        if (r.ad_valorem) d += rated(value_[i], *r.ad_valorem, rules.quantization);
        // Specific duty per unit: split over parcels it rounds per parcel, so count none.
        if (r.specific && !separately_) {
          const Decimal& quantum = rules.quantization.quantum ? *rules.quantization.quantum : unit_;
          d += zero_or((*r.specific * ctx_.request.items[i].quantity)
                           .round_to(quantum, RoundingMode::floor));
        }
        if (!least || d < *least) least = d;
      };
      for_each_row(i, consider);
      out[i] = least.value_or(Decimal());
    }
    return out;
  }

  // A tax on the lines: for each rate group, the rate × the least of its base and checkout
  // base made of goods, customs value and duty floors. Zero when an exemption could fire or
  // for a tax on another tax.
  Decimal tax_floor(const TaxRule& tax, const std::vector<Decimal>& duty) const {
    if (tax.of || any_could_fire(tax.exemptions)) return Decimal();
    std::vector<std::pair<Rate, Decimal>> groups;
    for (std::size_t i = 0; i < goods_.size(); ++i) {
      const std::string& hs = ctx_.request.items[i].hs_code;
      const Rate* rate = tax_rate_for(tax, hs);
      if (!rate) continue; // the quote fails with TAX_RATE_MISSING anyway
      Decimal base = parts(tax.base, i, duty);
      if (tax.checkout_base) base = std::min(base, parts(*tax.checkout_base, i, duty));
      auto g = std::find_if(groups.begin(), groups.end(),
                            [&](const auto& x) { return x.first == *rate; });
      if (g == groups.end())
        groups.emplace_back(*rate, base);
      else
        g->second += base;
    }
    Decimal sum;
    for (const auto& [rate, base] : groups)
      sum += rated(base, rate, tax.quantization);
    return sum;
  }

  Decimal parts(const std::vector<Component>& list, std::size_t i,
                const std::vector<Decimal>& duty) const {
    Decimal sum;
    for (Component k : list) {
      if (k == Component::goods) sum += goods_[i];
      if (k == Component::seller_shipping) sum += ship_[i];
      if (k == Component::customs_value) sum += value_[i];
      if (k == Component::duty) sum += duty[i];
    }
    return sum;
  }

  const Context& ctx_;
  const Destination& dest_;
  const Decimal& unit_;
  const int parcels_;
  const bool separately_;
  std::vector<Decimal> goods_, value_;
  std::vector<Decimal> ship_; ///< each line's seller shipping at least (point 8)
  Decimal goods_total_, value_total_;
  std::vector<Decimal> line_goods_; ///< each line's goods exactly as customs sees them (point 7)
  Decimal goods_value_;             ///< their sum
};

} // namespace

CustomsGrowth customs_growth(const Context& ctx, const OfferChoice& offers) {
  const CustomsFloor floor(ctx, offers);
  CustomsGrowth g;
  g.per_shipping = floor.per_shipping();
  // Shipping is settled with the markup; customs may be converted at mid.
  if (ctx.settlement.code != ctx.base.code) {
    const Rate& m = ctx.rulebook.fx.markup;
    g.per_shipping = Decimal::product_rounded({g.per_shipping, m.den}, {m.den + m.num},
                                              Decimal::from_mantissa(1), RoundingMode::floor);
  }
  g.slack = Money(convert(floor.per_shipping_slack(), ctx.destination_rate, ctx.settlement_rate,
                          nullptr, ctx.settlement_unit, RoundingMode::ceiling) +
                      ctx.settlement_unit,
                  ctx.settlement);
  return g;
}

Decimal::Mantissa CustomsGrowth::on(Decimal::Mantissa shipping) const {
  using Mantissa = Decimal::Mantissa;
  constexpr Mantissa one = 1'000'000'000'000;
  constexpr Mantissa largest_shipping = one * one; // 10^12 units
  constexpr Mantissa largest_rate = one * 100;
  const Mantissa grown =
      std::min(shipping, largest_shipping) * std::min(per_shipping.mantissa(), largest_rate) / one;
  return std::max<Mantissa>(0, grown - slack.amount().mantissa());
}

Money CustomsGrowth::on(const Money& shipping) const {
  return Money(Decimal::from_mantissa(on(shipping.amount().mantissa())), shipping.currency());
}

Money customs_floor(const Context& ctx, const OfferChoice& offers) {
  const Decimal owed = CustomsFloor(ctx, offers).destination();
  // Each customs charge is converted on its own (checkout, with a markup ≥ 0) or with the rest
  // of what is due on delivery (point 14): at worst one settlement unit lost per charge.
  const Decimal settled = convert(owed, ctx.destination_rate, ctx.settlement_rate, nullptr,
                                  ctx.settlement_unit, RoundingMode::floor);
  const std::size_t taxes = ctx.destination.taxes.size();
  const Decimal slack =
      ctx.settlement_unit *
      static_cast<std::int64_t>(ctx.rulebook.warehouse.max_parcels * (taxes + 1) + 1);
  return Money(zero_or(settled - slack), ctx.settlement);
}

} // namespace taoquote::detail
