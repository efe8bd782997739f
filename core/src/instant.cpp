// Strict RFC 3339 parsing and formatting; digits are read by hand (no locale, no strtod).
#include "taoquote/instant.hpp"

#include <cstdio>

namespace taoquote {
namespace {

bool read_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) noexcept {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

std::optional<CivilDate> date_at(std::string_view s) noexcept {
  int y = 0, m = 0, d = 0;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-' || !read_digits(s, 0, 4, y) ||
      !read_digits(s, 5, 2, m) || !read_digits(s, 8, 2, d))
    return std::nullopt;
  if (y < 2000 || y > 2199) return std::nullopt;
  const CivilDate ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                      date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string two(unsigned v) {
  char buf[3] = {static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10), 0};
  return buf;
}

} // namespace

std::optional<Instant> parse_instant(std::string_view s) noexcept {
  const auto day = date_at(s);
  int hh = 0, mm = 0, ss = 0;
  if (!day || s.size() < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
      !read_digits(s, 11, 2, hh) || !read_digits(s, 14, 2, mm) || !read_digits(s, 17, 2, ss) ||
      hh > 23 || mm > 59 || ss > 59)
    return std::nullopt;
  std::size_t pos = 19;
  int millis = 0;
  if (s[pos] == '.') {
    std::size_t n = 0;
    while (pos + 1 + n < s.size() && s[pos + 1 + n] >= '0' && s[pos + 1 + n] <= '9')
      ++n;
    if (n == 0 || n > 3 || !read_digits(s, pos + 1, n, millis)) return std::nullopt;
    for (std::size_t k = n; k < 3; ++k)
      millis *= 10;
    pos += 1 + n;
  }
  int offset_minutes = 0;
  if (pos < s.size() && s[pos] == 'Z') {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = 0, om = 0;
    if (pos + 6 > s.size() || s[pos + 3] != ':' || !read_digits(s, pos + 1, 2, oh) ||
        !read_digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_minutes = (s[pos] == '+' ? 1 : -1) * (oh * 60 + om);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  using namespace std::chrono;
  return Instant{date::sys_days{*day}} + hours{hh} + minutes{mm - offset_minutes} + seconds{ss} +
         milliseconds{millis};
}

std::string format_instant(Instant t) {
  using namespace std::chrono;
  const auto day = date::floor<date::days>(t);
  const CivilDate ymd{day};
  auto rest = t - day;
  const auto h = duration_cast<hours>(rest);
  rest -= h;
  const auto m = duration_cast<minutes>(rest);
  rest -= m;
  const auto s = duration_cast<seconds>(rest);
  rest -= s;
  std::string out = format_date(ymd) + "T" + two(static_cast<unsigned>(h.count())) + ":" +
                    two(static_cast<unsigned>(m.count())) + ":" +
                    two(static_cast<unsigned>(s.count()));
  if (const auto ms = rest.count(); ms != 0) {
    out += '.';
    out += static_cast<char>('0' + ms / 100);
    out += two(static_cast<unsigned>(ms % 100));
  }
  return out + "Z";
}

std::optional<CivilDate> parse_date(std::string_view text) noexcept {
  if (text.size() != 10) return std::nullopt;
  return date_at(text);
}

std::string format_date(CivilDate d) {
  const int y = static_cast<int>(d.year());
  return std::to_string(y) + "-" + two(static_cast<unsigned>(d.month())) + "-" +
         two(static_cast<unsigned>(d.day()));
}

} // namespace taoquote
