// Terminal column width of UTF-8 text through ICU (grapheme clusters, East Asian width), so
// plain-text tables of display strings line up in any script.
#pragma once

#include <cstddef>
#include <string_view>

namespace taoquote {

/// Terminal columns taken by UTF-8 text, for aligning plain-text tables (the CLI's breakdown).
/// The text is split into grapheme clusters (icu::BreakIterator, UAX #29), so a letter with
/// its combining marks, a Hangul syllable spelled in jamo, a flag or an emoji sequence joined
/// by ZWJ counts as one character. A cluster takes
/// - 0 columns when every code point in it is a mark or a format character (the bidi marks ICU
///   puts in Arabic and Hebrew amounts, a zero-width space, a lone combining mark);
/// - 2 when a code point in it is East Asian Wide or Fullwidth (UAX #11, read with
///   u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH): CJK ideographs, kana, Hangul,
///   fullwidth forms) or has emoji presentation (Emoji_Presentation, or a U+FE0F selector);
/// - 1 otherwise: ambiguous-width characters (×, –, €) count 1, as in a non-CJK terminal.
/// Ill-formed UTF-8 counts 1 per U+FFFD that ICU substitutes (one per maximal ill-formed
/// subsequence). Throws only std::bad_alloc.
std::size_t display_width(std::string_view utf8);

} // namespace taoquote
