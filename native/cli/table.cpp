// Text table layout by display width.
#include "table.hpp"

#include <algorithm>
#include <cstdint>

namespace taoquote::cli {
namespace {

// Decodes one UTF-8 sequence at `i`; returns the code point (or the byte when invalid).
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  const int len = b0 < 0x80           ? 1
                  : (b0 >> 5) == 0x6  ? 2
                  : (b0 >> 4) == 0xE  ? 3
                  : (b0 >> 3) == 0x1E ? 4
                                      : 0;
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) return s[i++] & 0xFF;
  std::uint32_t cp = len == 1 ? b0 : b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) return s[i++] & 0xFF;
    cp = (cp << 6) | (b & 0x3F);
  }
  i += static_cast<std::size_t>(len);
  return cp;
}

int width_of(std::uint32_t cp) {
  const auto in = [cp](std::uint32_t lo, std::uint32_t hi) { return cp >= lo && cp <= hi; };
  if (in(0x0300, 0x036F) || in(0x0610, 0x061A) || cp == 0x061C || in(0x064B, 0x065F) ||
      in(0x200B, 0x200F) || in(0x202A, 0x202E) || in(0x2060, 0x2069) || cp == 0xFEFF)
    return 0;
  if (in(0x1100, 0x115F) || in(0x2E80, 0x303E) || in(0x3041, 0x33FF) || in(0x3400, 0x4DBF) ||
      in(0x4E00, 0x9FFF) || in(0xA000, 0xA4CF) || in(0xAC00, 0xD7A3) || in(0xF900, 0xFAFF) ||
      in(0xFE30, 0xFE4F) || in(0xFF00, 0xFF60) || in(0xFFE0, 0xFFE6) || in(0x20000, 0x3FFFD))
    return 2;
  return 1;
}

} // namespace

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < utf8.size();)
    width += static_cast<std::size_t>(width_of(next_code_point(utf8, i)));
  return width;
}

void Table::row(std::vector<std::string> cells) {
  cells.resize(align_.size());
  rows_.push_back(std::move(cells));
}

std::string Table::render(std::string_view indent) const {
  std::vector<std::size_t> widths(align_.size(), 0);
  for (const auto& r : rows_)
    for (std::size_t c = 0; c < r.size(); ++c)
      widths[c] = std::max(widths[c], display_width(r[c]));
  std::string out;
  for (const auto& r : rows_) {
    std::string line(indent);
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string pad(widths[c] - display_width(r[c]), ' ');
      if (c > 0) line += "  ";
      line += align_[c] == Align::right ? pad + r[c] : r[c] + pad;
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out += line + "\n";
  }
  return out;
}

} // namespace taoquote::cli
