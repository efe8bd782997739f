// Exact decimal numbers for money, rates and weights: fixed point at 10^-12 on
// Boost.Multiprecision.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taoquote {

/// How a settlement point rounds an exact value to its quantum.
/// `half_up` sends ties away from zero; `up` rounds away from zero and `ceiling` toward +∞
/// (they differ only below zero); `down` truncates toward zero and `floor` toward −∞.
enum class RoundingMode : std::uint8_t { half_up, half_even, up, down, ceiling, floor };

/// Why a decimal string was rejected by Decimal::parse.
enum class DecimalSyntax : std::uint8_t {
  ok,
  malformed,               ///< not -?(0|[1-9][0-9]*)(\.[0-9]+)?
  too_many_integer_digits, ///< more than Decimal::max_integer_digits
  too_many_fraction_digits ///< more than Decimal::fraction_digits
};

/// An exact signed decimal with 12 fraction digits, |value| < 10^18.
///
/// Every operation is exact or rounds exactly once with an explicit RoundingMode; no binary
/// floating point is involved anywhere (there is deliberately no constructor from `double`).
/// Results whose magnitude reaches 10^18 throw OverflowError, which the public API turns into
/// the error value `OVERFLOW`. The mantissa is a 128-bit integer (|m| < 10^30 < 2^127, checked
/// after every operation); fused products that do not fit 128 bits are computed exactly on
/// Boost.Multiprecision's checked 512-bit integers (see docs/decimal.md).
class Decimal {
public:
  __extension__ typedef __int128 Mantissa; // GCC/Clang/Emscripten; never used with type traits
  /// Fraction digits carried by every value.
  static constexpr int fraction_digits = 12;
  /// Integer digits accepted by parse (the documented input limit).
  static constexpr int max_integer_digits = 15;

  constexpr Decimal() = default;
  Decimal(double) = delete; // money never comes from a binary float
  Decimal(float) = delete;

  /// The whole number `n` (any int64 is in range).
  static Decimal from_int(std::int64_t n);
  /// The value `mantissa × 10^-12`; throws OverflowError when |value| ≥ 10^18. Inline: sums
  /// and differences go through it on every step of a quote.
  static Decimal from_mantissa(Mantissa mantissa) {
    if (mantissa >= limit_mantissa || mantissa <= -limit_mantissa) overflow("value");
    Decimal d;
    d.m_ = mantissa;
    return d;
  }
  /// 10^-digits, e.g. quantum(2) = 0.01; digits in [-17, 12].
  static Decimal quantum(int digits);

  /// Parses a decimal string (see DecimalSyntax); `out` is set only on success.
  static DecimalSyntax parse(std::string_view text, Decimal& out) noexcept;

  /// Prints at least `min_fraction_digits` fraction digits and no trailing zeros beyond them;
  /// never an exponent. Settled money printed with its minor digits gives "12.50", "100".
  std::string to_string(int min_fraction_digits = 0) const;
  /// Room to_chars needs: sign, up to 20 whole digits, point and the fraction digits.
  static constexpr std::size_t max_chars = 1 + 20 + 1 + fraction_digits;
  /// Writes the text of to_string(min_fraction_digits) into `out` (max_chars of room) and
  /// returns its length: writers put amounts straight into their buffer, with no string.
  std::size_t to_chars(char* out, int min_fraction_digits = 0) const;

  const Mantissa& mantissa() const noexcept { return m_; }
  bool is_zero() const noexcept { return m_ == 0; }
  bool is_negative() const noexcept { return m_ < 0; }
  /// True when the value is a multiple of `q` (q > 0).
  bool is_multiple_of(const Decimal& q) const;
  /// Number of fraction digits needed to print the value exactly (0–12).
  int scale() const;
  /// The value as a whole number when it has no fraction and fits int64.
  std::optional<std::int64_t> to_int() const;

  /// Rounds to a multiple of `quantum` (> 0) with `mode`.
  Decimal round_to(const Decimal& quantum, RoundingMode mode) const;

  /// Exactly Π numer ÷ Π denom, rounded once to a multiple of `quantum` with `mode`.
  /// This is the one settlement primitive: conversion (amount × rate_a ÷ rate_b),
  /// conversion with markup, ratios like 22/78 — all without intermediate rounding.
  /// Every denominator must be non-zero.
  static Decimal product_rounded(std::initializer_list<Decimal> numer,
                                 std::initializer_list<Decimal> denom, const Decimal& quantum,
                                 RoundingMode mode);

  /// Exact comparison of a×b with c×d (for thresholds compared in another currency).
  static int compare_products(const Decimal& a, const Decimal& b, const Decimal& c,
                              const Decimal& d);

  // In-range operands are below 10^30 in magnitude, so sums cannot overflow 128 bits before
  // the range check.
  friend Decimal operator+(const Decimal& a, const Decimal& b) {
    return from_mantissa(a.m_ + b.m_);
  }
  friend Decimal operator-(const Decimal& a, const Decimal& b) {
    return from_mantissa(a.m_ - b.m_);
  }
  friend Decimal operator-(const Decimal& a) { return from_mantissa(-a.m_); }
  /// Scales by a whole number (quantities, counts): exact.
  friend Decimal operator*(const Decimal& a, std::int64_t n);
  Decimal& operator+=(const Decimal& b) { return *this = *this + b; }
  Decimal& operator-=(const Decimal& b) { return *this = *this - b; }

  friend bool operator==(const Decimal& a, const Decimal& b) noexcept { return a.m_ == b.m_; }
  friend bool operator!=(const Decimal& a, const Decimal& b) noexcept { return a.m_ != b.m_; }
  friend bool operator<(const Decimal& a, const Decimal& b) noexcept { return a.m_ < b.m_; }
  friend bool operator<=(const Decimal& a, const Decimal& b) noexcept { return a.m_ <= b.m_; }
  friend bool operator>(const Decimal& a, const Decimal& b) noexcept { return a.m_ > b.m_; }
  friend bool operator>=(const Decimal& a, const Decimal& b) noexcept { return a.m_ >= b.m_; }

  /// The mantissa of 10^18, the first magnitude out of range.
  static constexpr Mantissa limit_mantissa =
      Mantissa{1'000'000'000'000'000} * Mantissa{1'000'000'000'000'000};

private:
  /// Throws OverflowError{what}; out of line, so the inline checks stay small.
  [[noreturn]] static void overflow(const char* what);

  Mantissa m_{0};
};

/// Decimal operations that leave the documented range throw this; the API maps it to `OVERFLOW`.
struct OverflowError {
  const char* what; ///< which operation overflowed, for the error sentence
};

/// An exact rate: a decimal (`0.19`) or a ratio of two decimals (`22/78`), never negative.
struct Rate {
  Decimal num;                        ///< numerator (≥ 0)
  Decimal den = Decimal::from_int(1); ///< denominator (> 0)

  /// Parses "0.19" or "22/78"; false for anything else (including a zero denominator).
  static bool parse(std::string_view text, Rate& out) noexcept;
  /// "0.19" or "22/78" (the written form, trimmed).
  std::string to_string() const;
  bool is_zero() const noexcept { return num.is_zero(); }
  /// Exact equality of the two ratios.
  friend bool operator==(const Rate& a, const Rate& b);
};

/// Splits `total` (a multiple of `unit`, ≥ 0) into parts proportional to `weights` (≥ 0) by
/// the largest-remainder method, in multiples of `unit`: the parts always sum to `total`
/// exactly; remainder ties go to the earlier index; all-zero weights count as equal.
std::vector<Decimal> allocate_largest_remainder(const Decimal& total,
                                                const std::vector<Decimal>& weights,
                                                const Decimal& unit);

} // namespace taoquote
