// Display width by grapheme cluster and East Asian width, both from ICU's Unicode data.
#include "taoquote/text_width.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <climits>
#include <memory>

namespace taoquote {
namespace {

// Marks and format characters take no column of their own.
bool zero_width(UChar32 c) {
  const auto category = u_charType(c);
  return category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
         category == U_FORMAT_CHAR;
}

bool wide(UChar32 c) {
  const auto eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH ||
         u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION) || c == 0xFE0F;
}

// Columns of the cluster text[start, end).
std::size_t cluster_width(const icu::UnicodeString& text, int32_t start, int32_t end) {
  bool visible = false, is_wide = false;
  for (int32_t i = start; i < end; i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    visible = visible || !zero_width(c);
    is_wide = is_wide || wide(c);
  }
  return !visible ? 0 : is_wide ? 2 : 1;
}

} // namespace

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  // ICU indexes strings with int32_t: measure longer text piece by piece (never split in
  // practice: table cells are short).
  constexpr std::size_t piece = INT32_MAX / 4;
  if (utf8.size() > piece)
    return display_width(utf8.substr(0, piece)) + display_width(utf8.substr(piece));
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> clusters(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !clusters) {
    // Without ICU's break data, every code point is its own cluster.
    for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1))
      width += cluster_width(text, i, text.moveIndex32(i, 1));
    return width;
  }
  clusters->setText(text);
  for (int32_t start = clusters->first(), end = clusters->next(); end != icu::BreakIterator::DONE;
       start = end, end = clusters->next())
    width += cluster_width(text, start, end);
  return width;
}

} // namespace taoquote
