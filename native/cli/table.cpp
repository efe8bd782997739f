// Text table layout by display width.
#include "table.hpp"

#include "taoquote/text_width.hpp"

#include <algorithm>

namespace taoquote::cli {

void Table::row(std::vector<std::string> cells) {
  cells.resize(align_.size());
  rows_.push_back(std::move(cells));
}

std::string Table::render(std::string_view indent) const {
  std::vector<std::vector<std::size_t>> cell_widths;
  std::vector<std::size_t> widths(align_.size(), 0);
  for (const auto& r : rows_) {
    auto& w = cell_widths.emplace_back();
    for (std::size_t c = 0; c < r.size(); ++c) {
      w.push_back(display_width(r[c]));
      widths[c] = std::max(widths[c], w.back());
    }
  }
  std::string out;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const auto& r = rows_[i];
    std::string line(indent);
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string pad(widths[c] - cell_widths[i][c], ' ');
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
