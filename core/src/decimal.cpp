// Exact decimal arithmetic: parsing, printing, rounding and fused multiply-divide.
#include "taoquote/decimal.hpp"

#include <algorithm>
#include <array>
#include <numeric>

namespace taoquote {
namespace {

using Mantissa = Decimal::Mantissa;
// Fused products need up to three 10^30 factors; 512 bits hold them all with room to spare.
using Wide = boost::multiprecision::checked_int512_t;

Wide pow10_wide(int n) {
  Wide r = 1;
  for (int i = 0; i < n; ++i)
    r *= 10;
  return r;
}

const Mantissa& one_scale() {
  static const Mantissa v = [] {
    Mantissa r = 1;
    for (int i = 0; i < Decimal::fraction_digits; ++i)
      r *= 10;
    return r;
  }();
  return v;
}

// Magnitudes at or above 10^18 (mantissa 10^30) leave the documented range.
const Mantissa& mantissa_limit() {
  static const Mantissa v = [] {
    Mantissa r = 1;
    for (int i = 0; i < 30; ++i)
      r *= 10;
    return r;
  }();
  return v;
}

Mantissa checked(const Mantissa& m, const char* what) {
  if (boost::multiprecision::abs(m) >= mantissa_limit()) throw OverflowError{what};
  return m;
}

// Rounds n/d (d > 0) to an integer with `mode`, working on magnitudes (C++ division
// truncates toward zero) and applying the sign afterwards.
template <class Int> Int round_quotient(const Int& n, const Int& d, RoundingMode mode) {
  const bool negative = n.sign() < 0;
  Int magnitude = negative ? Int(-n) : n;
  Int q = magnitude / d;
  Int r = magnitude % d;
  bool bump = false;
  if (!r.is_zero()) {
    switch (mode) {
    case RoundingMode::down: break;
    case RoundingMode::up: bump = true; break;
    case RoundingMode::ceiling: bump = !negative; break;
    case RoundingMode::floor: bump = negative; break;
    case RoundingMode::half_up: bump = 2 * r >= d; break;
    case RoundingMode::half_even: {
      const Int twice = 2 * r;
      bump = twice > d || (twice == d && boost::multiprecision::bit_test(q, 0));
      break;
    }
    }
  }
  if (bump) q += 1;
  return negative ? Int(-q) : q;
}

Mantissa narrow(const Wide& w, const char* what) {
  static const Wide limit = pow10_wide(30);
  if (boost::multiprecision::abs(w) >= limit) throw OverflowError{what};
  return w.convert_to<Mantissa>();
}

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

} // namespace

Decimal Decimal::from_int(std::int64_t n) {
  Decimal d;
  d.m_ = Mantissa(n) * one_scale();
  return d;
}

Decimal Decimal::from_mantissa(Mantissa mantissa) {
  Decimal d;
  d.m_ = checked(mantissa, "value");
  return d;
}

Decimal Decimal::quantum(int digits) {
  Mantissa m = 1;
  for (int i = digits; i < fraction_digits; ++i)
    m *= 10;
  return from_mantissa(m);
}

DecimalSyntax Decimal::parse(std::string_view text, Decimal& out) noexcept {
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  const std::size_t int_start = i;
  while (i < text.size() && is_digit(text[i]))
    ++i;
  const std::size_t int_len = i - int_start;
  if (int_len == 0 || (int_len > 1 && text[int_start] == '0')) return DecimalSyntax::malformed;
  std::size_t frac_start = i, frac_len = 0;
  if (i < text.size() && text[i] == '.') {
    frac_start = ++i;
    while (i < text.size() && is_digit(text[i]))
      ++i;
    frac_len = i - frac_start;
    if (frac_len == 0) return DecimalSyntax::malformed;
  }
  if (i != text.size()) return DecimalSyntax::malformed;
  if (int_len > static_cast<std::size_t>(max_integer_digits))
    return DecimalSyntax::too_many_integer_digits;
  if (frac_len > static_cast<std::size_t>(fraction_digits))
    return DecimalSyntax::too_many_fraction_digits;
  Mantissa m = 0;
  for (std::size_t k = int_start; k < int_start + int_len; ++k)
    m = m * 10 + (text[k] - '0');
  for (std::size_t k = 0; k < static_cast<std::size_t>(fraction_digits); ++k)
    m = m * 10 + (k < frac_len ? text[frac_start + k] - '0' : 0);
  out.m_ = negative ? Mantissa(-m) : m;
  return DecimalSyntax::ok;
}

std::string Decimal::to_string(int min_fraction_digits) const {
  const Mantissa magnitude = boost::multiprecision::abs(m_);
  const auto whole = (magnitude / one_scale()).convert_to<std::uint64_t>();
  auto fraction = (magnitude % one_scale()).convert_to<std::uint64_t>();
  std::array<char, fraction_digits> digits{};
  for (int k = fraction_digits - 1; k >= 0; --k) {
    digits[static_cast<std::size_t>(k)] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  int keep = fraction_digits;
  while (keep > min_fraction_digits && digits[static_cast<std::size_t>(keep - 1)] == '0')
    --keep;
  std::string s = m_.sign() < 0 ? "-" : "";
  s += std::to_string(whole);
  if (keep > 0) {
    s += '.';
    s.append(digits.data(), static_cast<std::size_t>(keep));
  }
  return s;
}

bool Decimal::is_multiple_of(const Decimal& q) const {
  return (m_ % q.m_).is_zero();
}

int Decimal::scale() const {
  Mantissa frac = boost::multiprecision::abs(m_) % one_scale();
  if (frac.is_zero()) return 0;
  int s = fraction_digits;
  while ((frac % 10).is_zero()) {
    frac /= 10;
    --s;
  }
  return s;
}

std::optional<std::int64_t> Decimal::to_int() const {
  if (!(m_ % one_scale()).is_zero()) return std::nullopt;
  return (m_ / one_scale()).convert_to<std::int64_t>();
}

Decimal Decimal::round_to(const Decimal& quantum, RoundingMode mode) const {
  Decimal d;
  d.m_ = checked(round_quotient(m_, quantum.m_, mode) * quantum.m_, "rounding");
  return d;
}

Decimal Decimal::product_rounded(std::initializer_list<Decimal> numer,
                                 std::initializer_list<Decimal> denom, const Decimal& quantum,
                                 RoundingMode mode) {
  // value = Π(n·10^-12) / Π(d·10^-12) and the result is k·quantum with
  // k = round(Π n · 10^(12·(|denom|+1)) / (Π d · q · 10^(12·|numer|))).
  Wide n = 1, d = quantum.m_.convert_to<Wide>();
  for (const Decimal& x : numer)
    n *= x.m_.convert_to<Wide>();
  for (const Decimal& x : denom)
    d *= x.m_.convert_to<Wide>();
  if (d.is_zero()) throw OverflowError{"division by zero"};
  if (d.sign() < 0) {
    n = -n;
    d = -d;
  }
  const int exponent = fraction_digits * (static_cast<int>(denom.size()) + 1) -
                       fraction_digits * static_cast<int>(numer.size());
  if (exponent >= 0)
    n *= pow10_wide(exponent);
  else
    d *= pow10_wide(-exponent);
  const Wide k = round_quotient(n, d, mode);
  Decimal out;
  out.m_ = narrow(k * quantum.m_.convert_to<Wide>(), "product");
  return out;
}

int Decimal::compare_products(const Decimal& a, const Decimal& b, const Decimal& c,
                              const Decimal& d) {
  const Wide left = a.m_.convert_to<Wide>() * b.m_.convert_to<Wide>();
  const Wide right = c.m_.convert_to<Wide>() * d.m_.convert_to<Wide>();
  return left < right ? -1 : (left > right ? 1 : 0);
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  return Decimal::from_mantissa(a.m_ + b.m_);
}
Decimal operator-(const Decimal& a, const Decimal& b) {
  return Decimal::from_mantissa(a.m_ - b.m_);
}
Decimal operator-(const Decimal& a) {
  return Decimal::from_mantissa(-a.m_);
}
Decimal operator*(const Decimal& a, std::int64_t n) {
  const Wide w = a.m_.convert_to<Wide>() * Wide(n);
  return Decimal::from_mantissa(narrow(w, "multiplication"));
}

bool Rate::parse(std::string_view text, Rate& out) noexcept {
  const auto slash = text.find('/');
  Rate r;
  if (Decimal::parse(text.substr(0, slash), r.num) != DecimalSyntax::ok || r.num.is_negative())
    return false;
  if (slash != std::string_view::npos) {
    if (Decimal::parse(text.substr(slash + 1), r.den) != DecimalSyntax::ok || r.den.is_negative() ||
        r.den.is_zero())
      return false;
  }
  out = r;
  return true;
}

std::string Rate::to_string() const {
  if (den == Decimal::from_int(1)) return num.to_string();
  return num.to_string() + "/" + den.to_string();
}

bool operator==(const Rate& a, const Rate& b) {
  return Decimal::compare_products(a.num, b.den, b.num, a.den) == 0;
}

std::vector<Decimal> allocate_largest_remainder(const Decimal& total,
                                                const std::vector<Decimal>& weights,
                                                const Decimal& unit) {
  std::vector<Decimal> parts(weights.size());
  if (weights.empty()) return parts;
  const Wide units = total.mantissa().convert_to<Wide>() / unit.mantissa().convert_to<Wide>();
  std::vector<Wide> w(weights.size());
  Wide sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    w[i] = weights[i].mantissa().convert_to<Wide>();
    sum += w[i];
  }
  if (sum.is_zero()) {
    std::fill(w.begin(), w.end(), Wide(1));
    sum = Wide(static_cast<long long>(w.size()));
  }
  std::vector<Wide> share(w.size()), remainder(w.size());
  Wide given = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const Wide scaled = units * w[i];
    share[i] = scaled / sum;
    remainder[i] = scaled % sum;
    given += share[i];
  }
  std::vector<std::size_t> order(w.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t k = 0; given < units; ++k, given += 1)
    share[order[k]] += 1;
  const Wide unit_m = unit.mantissa().convert_to<Wide>();
  for (std::size_t i = 0; i < w.size(); ++i)
    parts[i] = Decimal::from_mantissa(narrow(share[i] * unit_m, "allocation"));
  return parts;
}

} // namespace taoquote
