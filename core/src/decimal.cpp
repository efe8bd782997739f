// Exact decimal arithmetic: parsing, printing, rounding and fused multiply-divide.
// Hot paths run on native 128-bit integers; anything wider falls back to Boost's checked
// 512-bit integers, so every result is exact or an OverflowError — never a wrap.
#include "taoquote/decimal.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <numeric>

namespace taoquote {
namespace {

using Mantissa = Decimal::Mantissa;
__extension__ typedef unsigned __int128 Magnitude;
using Wide = boost::multiprecision::checked_int512_t;

constexpr Mantissa pow10(int n) {
  Mantissa r = 1;
  for (int i = 0; i < n; ++i)
    r *= 10;
  return r;
}

// 10^0 … 10^38 (the largest power below 2^127), looked up rather than multiplied out.
struct Powers {
  Mantissa of[39] = {};
  constexpr Powers() {
    for (int n = 0; n < 39; ++n)
      of[n] = pow10(n);
  }
};
constexpr Powers powers;
Magnitude power_of_ten(int n) {
  return static_cast<Magnitude>(powers.of[n]);
}

constexpr Mantissa kOne = pow10(Decimal::fraction_digits); // mantissa of 1
constexpr Mantissa kLimit = Decimal::limit_mantissa;       // mantissa of 10^18
static_assert(kLimit == pow10(30));

Magnitude magnitude(Mantissa m) {
  return m < 0 ? Magnitude(0) - Magnitude(m) : Magnitude(m);
}

Mantissa checked(Mantissa m, const char* what) {
  if (m >= kLimit || m <= -kLimit) throw OverflowError{what};
  return m;
}

Wide to_wide(Mantissa v) {
  const Magnitude u = magnitude(v);
  Wide w = static_cast<unsigned long long>(u >> 64);
  w <<= 64;
  w += static_cast<unsigned long long>(u);
  return v < 0 ? Wide(-w) : w;
}

Mantissa from_wide(const Wide& w, const char* what) {
  static const Wide limit = to_wide(kLimit);
  if (boost::multiprecision::abs(w) >= limit) throw OverflowError{what};
  const Wide mag = boost::multiprecision::abs(w);
  const auto lo =
      static_cast<Magnitude>((mag & Wide(0xFFFFFFFFFFFFFFFFULL)).convert_to<unsigned long long>());
  const auto hi = static_cast<Magnitude>((mag >> 64).convert_to<unsigned long long>());
  const auto m = static_cast<Mantissa>((hi << 64) | lo);
  return w.sign() < 0 ? -m : m;
}

// Whether |n|/d (d > 0), truncated to q with remainder r, rounds away from zero.
template <class U> bool bump(const U& q, const U& r, const U& d, bool negative, RoundingMode mode) {
  if (r == 0) return false;
  switch (mode) {
  case RoundingMode::down: return false;
  case RoundingMode::up: return true;
  case RoundingMode::ceiling: return !negative;
  case RoundingMode::floor: return negative;
  case RoundingMode::half_up: return r >= d - r;
  case RoundingMode::half_even: return r > d - r || (r == d - r && (q % 2) != 0);
  }
  return false;
}

// Rounds magnitude/d (d > 0) to an integer magnitude; the sign is applied by the caller
// (C++ division truncates toward zero, so rounding works on magnitudes).
Magnitude round_magnitude(Magnitude n, Magnitude d, bool negative, RoundingMode mode) {
  const Magnitude q = n / d, r = n % d;
  return bump(q, r, d, negative, mode) ? q + 1 : q;
}

Wide round_wide(const Wide& n, const Wide& d, RoundingMode mode) {
  const bool negative = n.sign() < 0;
  const Wide mag = boost::multiprecision::abs(n);
  Wide q = mag / d;
  const Wide r = mag % d;
  if (bump(q, r, d, negative, mode)) q += 1;
  return negative ? Wide(-q) : q;
}

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

// The exact fused product on 512-bit integers (the slow, always-exact path).
Mantissa product_wide(std::initializer_list<Decimal> numer, std::initializer_list<Decimal> denom,
                      const Decimal& quantum, RoundingMode mode, int exponent) {
  Wide n = 1, d = to_wide(quantum.mantissa());
  for (const Decimal& x : numer)
    n *= to_wide(x.mantissa());
  for (const Decimal& x : denom)
    d *= to_wide(x.mantissa());
  if (d.sign() < 0) {
    n = -n;
    d = -d;
  }
  Wide scale = 1;
  for (int i = 0; i < (exponent < 0 ? -exponent : exponent); ++i)
    scale *= 10;
  if (exponent >= 0)
    n *= scale;
  else
    d *= scale;
  return from_wide(round_wide(n, d, mode) * to_wide(quantum.mantissa()), "product");
}

// m = r·10^t with r not a multiple of 10 (0 stays 0): returns r and adds t to `exponent`.
Magnitude strip_zeros(Magnitude m, int& exponent) {
  if (m == 0) return 0;
  if (m <= UINT64_MAX) { // the usual case, in 64-bit arithmetic, eight zeros at a time first
    auto x = static_cast<std::uint64_t>(m);
    constexpr std::pair<std::uint64_t, int> steps[] = {
        {100'000'000, 8}, {10'000, 4}, {100, 2}, {10, 1}};
    for (const auto& [power, zeros] : steps)
      for (; x % power == 0; x /= power)
        exponent += zeros;
    return x;
  }
  for (; m % 10 == 0; m /= 10)
    ++exponent;
  return m;
}

// The fused product in 128 bits once every operand's trailing zeros are taken out of its
// mantissa (amounts and rates have few significant digits; their 10^-12 scale is what makes
// the plain product overflow). Sets k = the rounded multiple of the quantum; false when even
// this does not fit, for the 512-bit path.
bool product_stripped(std::initializer_list<Decimal> numer, std::initializer_list<Decimal> denom,
                      const Decimal& quantum, bool negative, RoundingMode mode, Magnitude& k) {
  constexpr int f = Decimal::fraction_digits;
  int exponent = 0; // of 10 in value / quantum
  int t = 0;
  Magnitude n = 1, d = strip_zeros(magnitude(quantum.mantissa()), t);
  exponent -= t - f;
  for (const Decimal& x : numer) {
    t = 0;
    if (__builtin_mul_overflow(n, strip_zeros(magnitude(x.mantissa()), t), &n)) return false;
    exponent += t - f;
  }
  for (const Decimal& x : denom) {
    t = 0;
    if (__builtin_mul_overflow(d, strip_zeros(magnitude(x.mantissa()), t), &d)) return false;
    exponent -= t - f;
  }
  if (exponent > 38 || exponent < -38) return false;
  const Magnitude scale = power_of_ten(exponent < 0 ? -exponent : exponent);
  if (__builtin_mul_overflow(exponent >= 0 ? n : d, scale, exponent >= 0 ? &n : &d)) return false;
  k = round_magnitude(n, d, negative, mode);
  return true;
}

} // namespace

Decimal Decimal::from_int(std::int64_t n) {
  constexpr std::int64_t limit = 1'000'000'000'000'000'000;
  if (n >= limit || n <= -limit) throw OverflowError{"whole number"};
  Decimal d;
  d.m_ = Mantissa(n) * kOne;
  return d;
}

void Decimal::overflow(const char* what) {
  throw OverflowError{what};
}

Decimal Decimal::quantum(int digits) {
  Decimal d;
  d.m_ = pow10(fraction_digits - digits);
  return d;
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
  out.m_ = negative ? -m : m;
  return DecimalSyntax::ok;
}

std::string Decimal::to_string(int min_fraction_digits) const {
  char text[max_chars];
  return std::string(text, to_chars(text, min_fraction_digits));
}

std::size_t Decimal::to_chars(char* out, int min_fraction_digits) const {
  const Magnitude mag = magnitude(m_);
  constexpr auto one = static_cast<std::uint64_t>(kOne);
  std::uint64_t whole = 0, fraction = 0;
  if (mag <= UINT64_MAX) { // 64-bit division where it suffices (almost every amount)
    whole = static_cast<std::uint64_t>(mag) / one;
    fraction = static_cast<std::uint64_t>(mag) % one;
  } else { // in range, |value| < 10^18, so the whole part still fits 64 bits
    whole = static_cast<std::uint64_t>(mag / static_cast<Magnitude>(kOne));
    fraction = static_cast<std::uint64_t>(mag % static_cast<Magnitude>(kOne));
  }
  // The fraction's trailing zeros are divided out (8, 4, 2, then 1 at a time: at most 11 of
  // them), then zeros are put back up to min_fraction_digits.
  int keep = fraction == 0 ? 0 : fraction_digits;
  if (fraction != 0)
    for (const auto& [zeros, divisor] :
         {std::pair{8, std::uint64_t{100'000'000}}, {4, 10'000}, {2, 100}, {1, 10}})
      if (fraction % divisor == 0) {
        fraction /= divisor;
        keep -= zeros;
      }
  const int wanted = std::clamp(min_fraction_digits, 0, fraction_digits);
  for (; keep < wanted; ++keep)
    fraction *= 10;
  // Written right to left into one buffer: fraction digits, point, whole digits, sign.
  char buf[max_chars];
  char* const stop = buf + max_chars;
  char* p = stop;
  for (int k = 0; k < keep; ++k, fraction /= 10)
    *--p = static_cast<char>('0' + fraction % 10);
  if (keep > 0) *--p = '.';
  do {
    *--p = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole != 0);
  if (m_ < 0) *--p = '-';
  const auto length = static_cast<std::size_t>(stop - p);
  std::memcpy(out, p, length);
  return length;
}

bool Decimal::is_multiple_of(const Decimal& q) const {
  return m_ % q.m_ == 0;
}

int Decimal::scale() const {
  Magnitude frac = magnitude(m_) % static_cast<Magnitude>(kOne);
  if (frac == 0) return 0;
  int s = fraction_digits;
  while (frac % 10 == 0) {
    frac /= 10;
    --s;
  }
  return s;
}

std::optional<std::int64_t> Decimal::to_int() const {
  if (m_ % kOne != 0) return std::nullopt;
  return static_cast<std::int64_t>(m_ / kOne);
}

Decimal Decimal::round_to(const Decimal& quantum, RoundingMode mode) const {
  const Magnitude q = magnitude(quantum.m_);
  const Magnitude k = round_magnitude(magnitude(m_), q, m_ < 0, mode);
  const auto result = static_cast<Mantissa>(k * q); // ≤ |m| + q < 2^127
  Decimal d;
  d.m_ = checked(m_ < 0 ? -result : result, "rounding");
  return d;
}

Decimal Decimal::product_rounded(std::initializer_list<Decimal> numer,
                                 std::initializer_list<Decimal> denom, const Decimal& quantum,
                                 RoundingMode mode) {
  // value = Π(n·10^-12) / Π(d·10^-12) and the result is k·quantum with
  // k = round(Π n · 10^(12·(|denom|+1)) / (Π d · q · 10^(12·|numer|))).
  const int exponent = fraction_digits * (static_cast<int>(denom.size()) + 1) -
                       fraction_digits * static_cast<int>(numer.size());
  if (quantum.m_ == 0) throw OverflowError{"division by zero"};
  bool negative = quantum.m_ < 0;
  Magnitude n = 1, d = magnitude(quantum.m_);
  bool fits = true;
  for (const Decimal& x : numer) {
    negative = negative != (x.m_ < 0);
    fits = fits && !__builtin_mul_overflow(n, magnitude(x.m_), &n);
  }
  for (const Decimal& x : denom) {
    if (x.m_ == 0) throw OverflowError{"division by zero"};
    negative = negative != (x.m_ < 0);
    fits = fits && !__builtin_mul_overflow(d, magnitude(x.m_), &d);
  }
  const int scale_digits = exponent < 0 ? -exponent : exponent;
  fits = fits && scale_digits <= 38;
  if (fits)
    fits = !__builtin_mul_overflow(exponent >= 0 ? n : d, power_of_ten(scale_digits),
                                   exponent >= 0 ? &n : &d);
  Magnitude k = 0;
  if (fits) {
    k = round_magnitude(n, d, negative, mode);
  } else if (!product_stripped(numer, denom, quantum, negative, mode, k)) {
    Decimal out;
    out.m_ = product_wide(numer, denom, quantum, mode, exponent);
    return out;
  }
  Magnitude result = 0;
  if (__builtin_mul_overflow(k, magnitude(quantum.m_), &result) ||
      result >= static_cast<Magnitude>(kLimit))
    throw OverflowError{"product"};
  Decimal out;
  out.m_ = negative ? -static_cast<Mantissa>(result) : static_cast<Mantissa>(result);
  return out;
}

int Decimal::compare_products(const Decimal& a, const Decimal& b, const Decimal& c,
                              const Decimal& d) {
  Mantissa left = 0, right = 0;
  if (!__builtin_mul_overflow(a.m_, b.m_, &left) && !__builtin_mul_overflow(c.m_, d.m_, &right))
    return left < right ? -1 : (left > right ? 1 : 0);
  const Wide l = to_wide(a.m_) * to_wide(b.m_), r = to_wide(c.m_) * to_wide(d.m_);
  return l < r ? -1 : (l > r ? 1 : 0);
}

Decimal operator*(const Decimal& a, std::int64_t n) {
  Mantissa r = 0;
  if (__builtin_mul_overflow(a.m_, static_cast<Mantissa>(n), &r))
    throw OverflowError{"multiplication"};
  return Decimal::from_mantissa(r);
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

namespace {

// Largest remainder on whole units, when every figure fits 128 bits (the usual case: settled
// amounts counted in minor units). Returns false to ask for the exact wide path.
bool allocate_narrow(const Decimal& total, const std::vector<Decimal>& weights, const Decimal& unit,
                     std::vector<Decimal>& parts) {
  const Magnitude u = magnitude(unit.mantissa());
  if (total.is_negative() || magnitude(total.mantissa()) % u != 0) return false;
  const Magnitude units = magnitude(total.mantissa()) / u;
  Magnitude sum = 0;
  for (const Decimal& weight : weights) {
    if (weight.is_negative()) return false;
    if (__builtin_add_overflow(sum, magnitude(weight.mantissa()), &sum)) return false;
  }
  if (units == 0) return true; // parts are all zero already
  // One record per part (its share, the remainder that ranks it, its index): one allocation.
  struct Share {
    Magnitude whole, remainder;
    std::size_t index;
  };
  std::vector<Share> shares(weights.size());
  Magnitude given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Magnitude w = sum == 0 ? 1 : magnitude(weights[i].mantissa());
    const Magnitude divisor = sum == 0 ? weights.size() : sum;
    Magnitude scaled = 0;
    if (__builtin_mul_overflow(units, w, &scaled)) return false;
    shares[i] = {scaled / divisor, scaled % divisor, i};
    given += shares[i].whole;
  }
  if (given < units) {
    // Ties go to the earlier part; sorting with the index as the tie-break needs no buffer.
    std::sort(shares.begin(), shares.end(), [](const Share& a, const Share& b) {
      return a.remainder > b.remainder || (a.remainder == b.remainder && a.index < b.index);
    });
    for (std::size_t k = 0; given < units; ++k, ++given)
      shares[k].whole += 1;
  }
  for (const Share& share : shares)
    parts[share.index] = Decimal::from_mantissa(static_cast<Mantissa>(share.whole * u));
  return true;
}

} // namespace

std::vector<Decimal> allocate_largest_remainder(const Decimal& total,
                                                const std::vector<Decimal>& weights,
                                                const Decimal& unit) {
  std::vector<Decimal> parts(weights.size());
  if (weights.empty() || allocate_narrow(total, weights, unit, parts)) return parts;
  const Wide units = to_wide(total.mantissa()) / to_wide(unit.mantissa());
  std::vector<Wide> w(weights.size());
  Wide sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    w[i] = to_wide(weights[i].mantissa());
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
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return remainder[a] > remainder[b] || (remainder[a] == remainder[b] && a < b);
  });
  for (std::size_t k = 0; given < units; ++k, given += 1)
    share[order[k]] += 1;
  const Wide unit_m = to_wide(unit.mantissa());
  for (std::size_t i = 0; i < w.size(); ++i)
    parts[i] = Decimal::from_mantissa(from_wide(share[i] * unit_m, "allocation"));
  return parts;
}

} // namespace taoquote
