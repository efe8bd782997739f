// taoquote::display_width: terminal columns by grapheme cluster and East Asian width (ICU).
// Expected widths come from the Unicode data itself (UAX #11 East_Asian_Width, general
// categories, emoji-data.txt's Emoji_Presentation), not from the implementation.
#include "taoquote/icu_display.hpp"
#include "taoquote/text_width.hpp"

#include <doctest/doctest.h>

#include <string>

using taoquote::display_width;

TEST_CASE("ASCII, Latin-1 and ambiguous-width characters take one column each") {
  CHECK(display_width("") == 0);
  CHECK(display_width("sea-freight") == 11);
  CHECK(display_width("CN\u00a518,50") == 8);              // ¥ is Narrow
  CHECK(display_width("34 \u00d7 30 \u00d7 26") == 12);    // × is Ambiguous: 1 outside CJK
  CHECK(display_width("35\u201360 \u2192 \u20ac") == 9);   // – → € are Ambiguous
  CHECK(display_width("1\u00a0234,50\u202f\u20ac") == 10); // no-break spaces are 1
}

TEST_CASE("CJK ideographs, kana, Hangul and fullwidth forms take two columns") {
  CHECK(display_width("\u4e2d\u6587") == 4);                    // 中文, Wide
  CHECK(display_width("\u3053\u3093\u306b\u3061\u306f") == 10); // こんにちは
  CHECK(display_width("\uffe51,234") == 7);        // ￥ U+FFE5 is Fullwidth, as ja-JP prints
  CHECK(display_width("\uff21\uff22") == 4);       // fullwidth ＡＢ
  CHECK(display_width("\uff76\uff85") == 2);       // halfwidth katakana ｶﾅ: Halfwidth, 1 each
  CHECK(display_width("\ud55c\uad6d") == 4);       // 한국, precomposed syllables
  CHECK(display_width("\u1112\u1161\u11ab") == 2); // 한 spelled in jamo: one cluster, Wide lead
}

TEST_CASE("combining marks join their base; alone or as format characters they take none") {
  CHECK(display_width("e\u0301") == 1);         // é decomposed
  CHECK(display_width("Pho\u031b\u0309") == 3); // Phở with two combining marks
  CHECK(display_width("\u304b\u3099") == 2);    // か + combining dakuten: one Wide cluster
  CHECK(display_width("\u0301") == 0);          // a lone combining mark
  CHECK(display_width("\u200f1\u200f") == 1);   // right-to-left marks around a digit
  CHECK(display_width("a\u200bb") == 2);        // zero-width space
  CHECK(display_width("\u061c\u0661\u0662\u0663") == 3); // Arabic letter mark + ١٢٣
}

TEST_CASE("emoji take two columns, sequences count once") {
  CHECK(display_width("\U0001f600") == 2);           // 😀 Wide
  CHECK(display_width("\U0001f44d\U0001f3fd") == 2); // 👍🏽 with a skin tone
  CHECK(display_width("\U0001f468\u200d\U0001f469\u200d\U0001f467") == 2); // family, ZWJ joined
  CHECK(display_width("\U0001f1e9\U0001f1ea") == 2); // 🇩🇪: Neutral width, Emoji_Presentation
  CHECK(display_width("\u2764\ufe0f") == 2);         // ❤️: text-default heart asking for emoji
  CHECK(display_width("\u2764") == 1);               // ❤ alone: Neutral, text presentation
  CHECK(display_width("ok \U0001f4e6") == 5);
}

TEST_CASE("ill-formed UTF-8 counts one column per replaced subsequence") {
  CHECK(display_width("\xff") == 1);
  CHECK(display_width("a\xe2\x82") == 2); // a truncated 3-byte sequence is one U+FFFD
  CHECK(display_width("\xc0\xaf"
                      "b") == 3); // an overlong encoding: two ill-formed bytes
}

TEST_CASE("ICU's own display strings measure as the terminal shows them") {
  // de-DE puts a no-break space before the euro sign; ja-JP uses the fullwidth yen sign.
  const std::string de = taoquote::format_money("1234.5", "EUR", "de-DE");
  CHECK(display_width(de) == 10); // "1.234,50 €"
  const std::string ja = taoquote::format_money("1234", "JPY", "ja-JP");
  CHECK(display_width(ja) == 7); // "￥1,234"
}
