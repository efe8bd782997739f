// Plain-text tables for the terminal: columns aligned by display width (ICU, text_width.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace taoquote::cli {

/// How a column aligns its cells.
enum class Align { left, right };

/// A table of text cells rendered with two spaces between columns and no trailing spaces;
/// columns are aligned by taoquote::display_width (grapheme clusters, East Asian width).
class Table {
public:
  explicit Table(std::vector<Align> columns) : align_(std::move(columns)) {}
  /// Appends a row; missing cells are empty, extra cells are an error (ignored).
  void row(std::vector<std::string> cells);
  /// Every row on its own line, each prefixed by `indent`.
  std::string render(std::string_view indent = "  ") const;

private:
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

} // namespace taoquote::cli
