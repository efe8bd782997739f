// Private: the ledger step 6 books charges into (docs/pipeline.md §6), shared by the
// one-parcel settlement (settlement.cpp) and a split's (split_landing.cpp).
#pragma once

#include "pipeline.hpp"

#include <optional>

namespace taoquote::detail {

/// Books charges into a landing: checkout charges converted and settled, delivery charges
/// kept in the destination currency. A charge may name the parcel of a split it belongs to.
class Ledger {
public:
  Ledger(const Context& ctx, Landing& q);

  /// Settlement point 12: source × mid(src→S) × (1 + markup when src ≠ S), settled to S.
  void checkout(std::string code, const Money& source, const Decimal& source_rate,
                std::optional<std::size_t> parcel = std::nullopt);
  /// A base-currency charge paid at checkout.
  void checkout_base(std::string code, const Money& source,
                     std::optional<std::size_t> parcel = std::nullopt);
  /// A destination-currency charge the carrier collects on delivery.
  void delivery(std::string code, const Money& amount,
                std::optional<std::size_t> parcel = std::nullopt);
  /// A customs charge (duty or a tax) booked the way `collect` says; zero books nothing.
  void customs(const std::string& code, const Money& amount, Collect collect,
               std::optional<std::size_t> parcel = std::nullopt);

private:
  void note_fx(const CurrencyInfo& from, const Decimal& rate);

  const Context& ctx_;
  Landing& q_;
};

/// Settlement point 15: the line's carrier fees for this destination, booked on delivery when
/// `customs_due` (duty and tax due on delivery) is not zero.
void book_delivery_fees(const Context& ctx, const ShippingLine& line, Ledger& ledger,
                        const Money& customs_due, std::optional<std::size_t> parcel = std::nullopt);

/// Settlement points 13 and 14 and the overflow check: cash rounding when requested, then the
/// landed total, then every settled amount below 10^15.
void close_books(const Context& ctx, Landing& q);

} // namespace taoquote::detail
