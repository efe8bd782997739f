// Plain-text tables for the terminal: columns aligned by display width, UTF-8 aware.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace taoquote::cli {

/// Terminal columns taken by UTF-8 text: East Asian wide and fullwidth characters count 2,
/// combining marks and format characters (e.g. the bidi marks ICU puts in Arabic and Hebrew
/// amounts) count 0, everything else 1. Invalid bytes count 1 each.
std::size_t display_width(std::string_view utf8);

/// How a column aligns its cells.
enum class Align { left, right };

/// A table of text cells rendered with two spaces between columns and no trailing spaces.
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
