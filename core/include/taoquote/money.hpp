// An amount of one currency: the type every figure of a quote is expressed in.
#pragma once

#include "taoquote/decimal.hpp"
#include "taoquote/registry.hpp"

#include <string>

namespace taoquote {

/// An exact amount together with its ISO 4217 currency.
///
/// Money adds and compares only with Money of the same currency (a mismatch is a defect in
/// the caller and fails with INTERNAL); it never mixes with a bare Decimal, a Rate, a weight or
/// a binary float, and Money × Money does not exist. Conversions between currencies and
/// rates applied to money go through the settlement primitives of the pipeline, each of
/// which rounds exactly once (docs/pipeline.md).
class Money {
public:
  /// Zero of no currency: a placeholder to be assigned before use.
  Money() = default;
  /// `amount` of `currency` (exact; not rounded here).
  Money(const Decimal& amount, const CurrencyInfo& currency)
      : amount_(amount), currency_(currency) {}
  Money(double, const CurrencyInfo&) = delete; // money never comes from a binary float

  /// Zero of `currency`.
  static Money zero(const CurrencyInfo& currency) { return Money(Decimal{}, currency); }

  const Decimal& amount() const noexcept { return amount_; }
  const CurrencyInfo& currency() const noexcept { return currency_; }
  bool is_zero() const noexcept { return amount_.is_zero(); }

  /// The amount with at least the currency's minor digits ("12.50", "100" for JPY); a settled
  /// amount prints with exactly them.
  std::string to_string() const { return amount_.to_string(currency_.minor_units); }

  friend Money operator+(const Money& a, const Money& b);
  friend Money operator-(const Money& a, const Money& b);
  Money& operator+=(const Money& b) { return *this = *this + b; }
  Money& operator-=(const Money& b) { return *this = *this - b; }

  friend bool operator==(const Money& a, const Money& b);
  friend bool operator!=(const Money& a, const Money& b) { return !(a == b); }
  friend bool operator<(const Money& a, const Money& b);
  friend bool operator>(const Money& a, const Money& b) { return b < a; }
  friend bool operator<=(const Money& a, const Money& b) { return !(b < a); }
  friend bool operator>=(const Money& a, const Money& b) { return !(a < b); }

private:
  Decimal amount_;
  CurrencyInfo currency_{};
};

} // namespace taoquote
