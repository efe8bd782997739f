// Private: the customs step (docs/pipeline.md §5), split over customs.cpp (valuation,
// thresholds, regime), duty.cpp and taxes.cpp.
#pragma once

#include "pipeline.hpp"

namespace taoquote::detail {

/// True when a fired exemption leaves a line of this HS code dutiable or taxed (`unless_hs`).
bool excluded_by(const Threshold& exemption, const std::string& hs);

/// The rate a tax charges on an HS code (its longest matching prefix), or null.
const Rate* tax_rate_for(const TaxRule& tax, const std::string& hs);

/// The international shipping customs values: the lines the goods travel by (one, or one per
/// parcel of a split) and their charges in the base currency.
struct CustomsShipping {
  std::vector<const ShippingLine*> lines;
  Money freight;   ///< freight and surcharges
  Money insurance; ///< zero when uninsured
};

/// Builds the Customs of one quote for the selected line(s): every figure in the destination
/// currency, each settlement point rounding once.
class CustomsBuilder {
public:
  /// `order` (optional): the order's customs lines already valued with the fees `build` gets.
  CustomsBuilder(const Context& ctx, const OfferChoice& offers, const CustomsShipping& shipping,
                 const OrderCustomsLines* order = nullptr);
  Customs build(const Money& fees);
  /// Points 7 and 8 for what does not depend on the international shipping.
  OrderCustomsLines order_lines(const Money& fees) const;

private:
  Money at_mid(const Money& base_amount) const;
  std::vector<Money> allocate(const Money& total, const std::vector<Decimal>& weights) const;
  void value_lines(const Money& fees);
  /// True when every line the goods travel by has one of `modes`.
  bool all_modes_in(const std::vector<LineMode>& modes) const;
  Money line_value(const CustomsLine& cl) const;
  bool applies(const Threshold& t) const;
  /// Evaluates an applicable threshold, records it, and says whether it fired.
  bool fires(const Threshold& t, const std::string& applies_to);
  RoundingMode mode_of(const Quantization& q) const;
  const Decimal& quantum_of(const Quantization& q) const;
  Money base_of(const Quantization& q, const Money& value) const;

  // duty.cpp
  void duty();
  void duty_on_line(std::size_t i);
  bool per_category_duty();
  const DutyRate* duty_rate_for(const std::string& hs) const;

  void regime();

  // taxes.cpp
  void taxes();
  /// `partial`: a fired exemption; only the lines it excludes (unless_hs) are taxed.
  void tax_on_lines(const TaxRule& tax, TaxResult& tr, const Threshold* partial) const;
  void tax_on_tax(const TaxRule& tax, TaxResult& tr) const;
  Money component(const CustomsLine& cl, Component k) const;

  const Context& ctx_;
  const OfferChoice& offers_;
  const CustomsShipping& shipping_;
  const OrderCustomsLines* order_;
  const Destination& dest_;
  Customs c_;
};

} // namespace taoquote::detail
