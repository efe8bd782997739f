// Decimal, Rate and largest-remainder allocation: hand-checked values, plus a randomized
// comparison with Boost's exact cpp_rational as an independent oracle.
#include "taoquote/decimal.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <iterator>
#include <random>
#include <string>
#include <vector>

using taoquote::Decimal;
using taoquote::DecimalSyntax;
using taoquote::Rate;
using taoquote::RoundingMode;

namespace {
Decimal D(const char* s) {
  Decimal d;
  REQUIRE(Decimal::parse(s, d) == DecimalSyntax::ok);
  return d;
}
} // namespace

TEST_CASE("parse accepts only plain decimal strings") {
  Decimal d;
  for (const char* good : {"0", "12.50", "-3.1", "999999999999999.999999999999", "0.000000000001"})
    CHECK_MESSAGE(Decimal::parse(good, d) == DecimalSyntax::ok, good);
  for (const char* bad : {"", "-", ".5", "5.", "1e3", "+1", " 1", "1 ", "01", "1,5", "0x10",
                          "1.2.3", "--1", "NaN", "inf", "١٢"})
    CHECK_MESSAGE(Decimal::parse(bad, d) == DecimalSyntax::malformed, bad);
  CHECK(Decimal::parse("1000000000000000", d) == DecimalSyntax::too_many_integer_digits);
  CHECK(Decimal::parse("0.0000000000001", d) == DecimalSyntax::too_many_fraction_digits);
}

TEST_CASE("printing keeps exactly the asked minor digits and never an exponent") {
  CHECK(D("12.5").to_string(2) == "12.50");
  CHECK(D("12.5").to_string(0) == "12.5");
  CHECK(D("100").to_string(0) == "100");
  CHECK(D("100").to_string(3) == "100.000");
  CHECK(D("-0.05").to_string(2) == "-0.05");
  CHECK(D("0.000000000001").to_string() == "0.000000000001");
  CHECK(D("999999999999999.999999999999").to_string() == "999999999999999.999999999999");
  CHECK(D("-0").to_string(2) == "0.00");
}

// The text of mantissa × 10^-12 with at least `min` fraction digits, built from Boost's own
// decimal printing of the mantissa (an independent route to the same text).
std::string oracle_text(const boost::multiprecision::int128_t& m, int min) {
  std::string digits = (m < 0 ? boost::multiprecision::int128_t(-m) : m).str();
  digits.insert(0, digits.size() <= 12 ? 13 - digits.size() : 0, '0');
  std::string whole = digits.substr(0, digits.size() - 12), fraction = digits.substr(whole.size());
  while (static_cast<int>(fraction.size()) > min && fraction.back() == '0')
    fraction.pop_back();
  const std::string text = whole + (fraction.empty() ? "" : "." + fraction);
  return m < 0 ? "-" + text : text;
}

TEST_CASE("to_chars writes to_string's text and nothing past it, up to the range's ends") {
  using boost::multiprecision::int128_t;
  std::mt19937_64 rng(7);
  std::vector<Decimal::Mantissa> mantissas = {0, 1, -1, 10, 999'999'999'999, 1'000'000'000'000};
  const Decimal::Mantissa largest =
      Decimal::from_int(999'999'999'999'999'999).mantissa() + (D("0.999999999999").mantissa());
  mantissas.push_back(largest);
  mantissas.push_back(-largest);
  for (int i = 0; i < 2000; ++i) {
    const auto hi = static_cast<Decimal::Mantissa>(rng() % 54'210'108'624ULL); // hi·2^64 < 10^30
    const auto lo = rng();
    Decimal::Mantissa m = (hi << 64 | lo) % largest;
    if (i % 2 != 0) m = -m;
    // Every count of trailing zeros in the fraction, 0 … 12 (a whole number).
    Decimal::Mantissa unit = 1;
    for (int k = 0; k < i % 13; ++k)
      unit *= 10;
    mantissas.push_back(m / unit * unit);
  }
  for (const Decimal::Mantissa m : mantissas) {
    const Decimal d = Decimal::from_mantissa(m);
    int128_t wide = 0; // |m| copied 32 bits at a time, then its sign
    for (int k = 0; k < 128; k += 32)
      wide += int128_t(static_cast<std::uint32_t>((m < 0 ? -m : m) >> k)) << k;
    if (m < 0) wide = -wide;
    for (int min : {0, 1, 2, 3, 5, 11, 12}) {
      char out[Decimal::max_chars + 8];
      std::fill(std::begin(out), std::end(out), '#');
      const std::size_t n = d.to_chars(out, min);
      REQUIRE(n <= Decimal::max_chars);
      CHECK(std::string(out, n) == oracle_text(wide, min));
      CHECK(std::string(out, n) == d.to_string(min));
      CHECK(std::all_of(out + n, std::end(out), [](char c) { return c == '#'; }));
    }
  }
}

TEST_CASE("rounding modes on ties and non-ties, both signs (hand table)") {
  const Decimal unit = D("1");
  struct Row {
    const char* v;
    const char *half_up, *half_even, *up, *down, *ceiling, *floor;
  };
  const Row rows[] = {
      {"2.5", "3", "2", "3", "2", "3", "2"},        {"-2.5", "-3", "-2", "-3", "-2", "-2", "-3"},
      {"3.5", "4", "4", "4", "3", "4", "3"},        {"2.4", "2", "2", "3", "2", "3", "2"},
      {"-2.6", "-3", "-3", "-3", "-2", "-2", "-3"}, {"2", "2", "2", "2", "2", "2", "2"},
  };
  for (const Row& r : rows) {
    const Decimal v = D(r.v);
    CHECK(v.round_to(unit, RoundingMode::half_up) == D(r.half_up));
    CHECK(v.round_to(unit, RoundingMode::half_even) == D(r.half_even));
    CHECK(v.round_to(unit, RoundingMode::up) == D(r.up));
    CHECK(v.round_to(unit, RoundingMode::down) == D(r.down));
    CHECK(v.round_to(unit, RoundingMode::ceiling) == D(r.ceiling));
    CHECK(v.round_to(unit, RoundingMode::floor) == D(r.floor));
  }
  CHECK(D("1.025").round_to(D("0.01"), RoundingMode::half_even) == D("1.02"));
  CHECK(D("1.035").round_to(D("0.01"), RoundingMode::half_even) == D("1.04"));
  CHECK(D("10001").round_to(D("1000"), RoundingMode::down) == D("10000"));
  CHECK(D("3.42").round_to(D("0.05"), RoundingMode::half_up) == D("3.40"));
  CHECK(D("3.425").round_to(D("0.05"), RoundingMode::half_up) == D("3.45"));
}

TEST_CASE("product_rounded is exact then rounds once") {
  // 89597683.18 / 1108 = 80864.335 exactly (terminating): half-up gives .34 (the toolchain
  // notes record cpp_dec_float returning .33 here).
  CHECK(Decimal::product_rounded({D("89597683.18")}, {D("1108")}, D("0.01"),
                                 RoundingMode::half_up) == D("80864.34"));
  // 60 % of 16667 = 10000.2 → 10000 (down); of 16669 = 10001.4 → 10001 (the brief's JP case).
  CHECK(Decimal::product_rounded({D("16667"), D("0.6")}, {}, D("1"), RoundingMode::down) ==
        D("10000"));
  CHECK(Decimal::product_rounded({D("16669"), D("0.6")}, {}, D("1"), RoundingMode::down) ==
        D("10001"));
  // 22/78 of 3900 is exactly 1100: a 12-digit decimal rate would truncate to 1000.
  CHECK(Decimal::product_rounded({D("3900"), D("22")}, {D("78")}, D("100"), RoundingMode::down) ==
        D("1100"));
  // A double-rounding trap: 0.005000000000004 must not first become 0.005 and then 0.00.
  CHECK(Decimal::product_rounded({D("0.000000000001"), D("5000000000004")}, {D("1000")}, D("0.01"),
                                 RoundingMode::half_even) == D("0.01"));
  CHECK_THROWS_AS(Decimal::product_rounded({D("1")}, {D("0")}, D("1"), RoundingMode::down),
                  taoquote::OverflowError);
}

TEST_CASE("overflow is an error, never a wrap") {
  const Decimal big = D("999999999999999");
  CHECK_NOTHROW(big + big);                             // 2×10^15 is inside the 10^18 bound
  CHECK_NOTHROW(big * 1000);                            // 999,999,999,999,999,000 < 10^18
  CHECK_THROWS_AS(big * 1001, taoquote::OverflowError); // ≥ 10^18
  CHECK_THROWS_AS(Decimal::product_rounded({big, big}, {}, D("0.01"), RoundingMode::half_up),
                  taoquote::OverflowError);
  Decimal near = big * 999;
  CHECK_THROWS_AS(near + near, taoquote::OverflowError);
  CHECK_THROWS_AS(-near - near, taoquote::OverflowError);
}

TEST_CASE("rates parse as decimals or ratios") {
  Rate r;
  CHECK(Rate::parse("0.19", r));
  CHECK(r.to_string() == "0.19");
  CHECK(Rate::parse("22/78", r));
  CHECK(r.to_string() == "22/78");
  CHECK(Rate{D("0.5"), D("1")} == Rate{D("1"), D("2")});
  CHECK_FALSE(Rate::parse("1/0", r));
  CHECK_FALSE(Rate::parse("-0.1", r));
  CHECK_FALSE(Rate::parse("1/", r));
  CHECK_FALSE(Rate::parse("/2", r));
  CHECK_FALSE(Rate::parse("1/2/3", r));
}

TEST_CASE("largest remainder never loses or invents a minor unit") {
  const auto parts =
      taoquote::allocate_largest_remainder(D("10.00"), {D("1"), D("1"), D("1")}, D("0.01"));
  // 1000 cents / 3 = 333 r1 each; the tie on remainders goes to the earliest line.
  CHECK(parts[0] == D("3.34"));
  CHECK(parts[1] == D("3.33"));
  CHECK(parts[2] == D("3.33"));
  const auto zero = taoquote::allocate_largest_remainder(D("5"), {D("0"), D("0")}, D("1"));
  CHECK(zero[0] == D("3"));
  CHECK(zero[1] == D("2"));
  const auto skew =
      taoquote::allocate_largest_remainder(D("0.07"), {D("100"), D("1"), D("0")}, D("0.01"));
  CHECK(skew[0] == D("0.07"));
  CHECK(skew[1] == D("0"));
  // Weights too large for 128-bit products take the exact 512-bit path; same guarantees.
  const auto wide = taoquote::allocate_largest_remainder(
      D("100000000000000.01"), {D("999999999999999"), D("999999999999999"), D("1")}, D("0.01"));
  CHECK(wide[0] + wide[1] + wide[2] == D("100000000000000.01"));
  // Checked with Python's fractions: floor shares 4999999999999997, 4999999999999997, 5 cents;
  // the two leftover cents go to the two largest remainders (the first two lines).
  CHECK(wide[0] == D("49999999999999.98"));
  CHECK(wide[1] == D("49999999999999.98"));
  CHECK(wide[2] == D("0.05"));
  // Property: over random inputs the parts always sum exactly to the total.
  std::mt19937_64 rng(42);
  for (int n = 0; n < 2000; ++n) {
    std::vector<Decimal> w(1 + rng() % 7);
    for (auto& x : w)
      x = Decimal::from_int(static_cast<std::int64_t>(rng() % 100000));
    const Decimal total = Decimal::from_int(static_cast<std::int64_t>(rng() % 1000000)) * 1;
    const auto p = taoquote::allocate_largest_remainder(total, w, D("1"));
    Decimal sum;
    for (const auto& x : p)
      sum += x;
    REQUIRE(sum == total);
  }
}

TEST_CASE("product_rounded agrees with an exact rational oracle (cpp_rational)") {
  using boost::multiprecision::cpp_int;
  using boost::multiprecision::cpp_rational;
  std::mt19937_64 rng(20261125);
  const RoundingMode modes[] = {RoundingMode::half_up, RoundingMode::half_even,
                                RoundingMode::up,      RoundingMode::down,
                                RoundingMode::ceiling, RoundingMode::floor};
  auto random_decimal = [&](bool allow_negative) {
    // A mantissa below 10^24 (values below 10^12) with 0–12 fraction digits.
    const auto digits = static_cast<int>(rng() % 13);
    Decimal::Mantissa m = Decimal::Mantissa(rng() % 1'000'000'000'000ULL) * 1'000'000'000'000ULL +
                          Decimal::Mantissa(rng() % 1'000'000'000'000ULL);
    Decimal::Mantissa drop = 1;
    for (int k = digits; k < 12; ++k)
      drop *= 10;
    m -= m % drop;
    if (allow_negative && rng() % 2) m = -m;
    return Decimal::from_mantissa(m);
  };
  // The oracle reads the decimal's printed form, independently of its internal mantissa.
  auto exact = [](const Decimal& d) {
    std::string text = d.to_string();
    const auto dot = text.find('.');
    const std::size_t places = dot == std::string::npos ? 0 : text.size() - dot - 1;
    if (dot != std::string::npos) text.erase(dot, 1);
    cpp_int den = 1;
    for (std::size_t i = 0; i < places; ++i)
      den *= 10;
    return cpp_rational(cpp_int(text), den);
  };
  // The oracle's rounding, written independently: floor/ceil of the rational by its parts.
  auto oracle_round = [](const cpp_rational& v, RoundingMode mode) -> cpp_int {
    const cpp_int n = numerator(v), d = denominator(v);
    cpp_int q = n / d; // truncates toward zero
    const cpp_rational frac = v - cpp_rational(q);
    const cpp_rational half(1, 2);
    const bool neg = v < 0;
    auto away = [&]() -> cpp_int { return neg ? cpp_int(q - 1) : cpp_int(q + 1); };
    if (frac == 0) return q;
    const cpp_rational mag = neg ? -frac : frac;
    switch (mode) {
    case RoundingMode::down: return q;
    case RoundingMode::up: return away();
    case RoundingMode::ceiling: return neg ? q : cpp_int(q + 1);
    case RoundingMode::floor: return neg ? cpp_int(q - 1) : q;
    case RoundingMode::half_up: return mag >= half ? away() : q;
    case RoundingMode::half_even:
      if (mag > half) return away();
      if (mag < half) return q;
      return (q % 2 == 0) ? q : away();
    }
    return q;
  };
  for (int n = 0; n < 20000; ++n) {
    const Decimal a = random_decimal(true), b = random_decimal(false);
    Decimal c = random_decimal(false);
    if (c.is_zero()) c = Decimal::from_int(7);
    const int qd = static_cast<int>(rng() % 5) - 1; // quanta 10, 1, 0.1, 0.01, 0.001
    const Decimal quantum = Decimal::quantum(qd);
    const RoundingMode mode = modes[rng() % 6];
    Decimal got;
    try {
      got = Decimal::product_rounded({a, b}, {c}, quantum, mode);
    } catch (const taoquote::OverflowError&) {
      continue; // out of range by design; covered by the overflow test
    }
    const cpp_rational v = exact(a) * exact(b) / exact(c) / exact(quantum);
    const cpp_rational expected = cpp_rational(oracle_round(v, mode)) * exact(quantum);
    REQUIRE_MESSAGE(exact(got) == expected,
                    a.to_string() << " * " << b.to_string() << " / " << c.to_string());
    // The shape of a conversion with a markup: three factors over two, which overflows 128
    // bits at the 10^-12 scale unless trailing zeros are taken out first (or 512 bits used).
    const Decimal e = random_decimal(false);
    Decimal g = random_decimal(false);
    if (g.is_zero()) g = Decimal::from_int(3);
    try {
      got = Decimal::product_rounded({a, b, e}, {c, g}, quantum, mode);
    } catch (const taoquote::OverflowError&) {
      continue;
    }
    const cpp_rational w = exact(a) * exact(b) * exact(e) / exact(c) / exact(g) / exact(quantum);
    REQUIRE_MESSAGE(exact(got) == cpp_rational(oracle_round(w, mode)) * exact(quantum),
                    a.to_string() << " * " << b.to_string() << " * " << e.to_string() << " / "
                                  << c.to_string() << " / " << g.to_string());
  }
}
