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

  friend Money operator+(const Money& a, const Money& b) {
    return Money(a.amount_ + b.amount_, common_currency(a, b));
  }
  friend Money operator-(const Money& a, const Money& b) {
    return Money(a.amount_ - b.amount_, common_currency(a, b));
  }
  Money& operator+=(const Money& b) { return *this = *this + b; }
  Money& operator-=(const Money& b) { return *this = *this - b; }

  friend bool operator==(const Money& a, const Money& b);
  friend bool operator!=(const Money& a, const Money& b) { return !(a == b); }
  friend bool operator<(const Money& a, const Money& b);
  friend bool operator>(const Money& a, const Money& b) { return b < a; }
  friend bool operator<=(const Money& a, const Money& b) { return !(b < a); }
  friend bool operator>=(const Money& a, const Money& b) { return !(a < b); }

private:
  /// The currency two operands share; a zero placeholder (no currency) adopts the other's.
  /// Codes are views of the registry's table, so the same currency is almost always the same
  /// pointer: that case is inline, the rest (and the mismatch, an INTERNAL error) is not.
  static const CurrencyInfo& common_currency(const Money& a, const Money& b) {
    const std::string_view x = a.currency_.code, y = b.currency_.code;
    if (x.data() == y.data() && x.size() == y.size()) return a.currency_;
    return other_currency(a, b);
  }
  static const CurrencyInfo& other_currency(const Money& a, const Money& b);

  Decimal amount_;
  CurrencyInfo currency_{};
};

} // namespace taoquote
