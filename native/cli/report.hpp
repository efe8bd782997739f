// Human-readable text for the CLI: error sentences and the quote breakdown table.
#pragma once

#include "taoquote/error.hpp"
#include "taoquote/icu_display.hpp"
#include "taoquote/quote.hpp"

#include <string>
#include <string_view>

namespace taoquote::cli {

/// "CODE at POINTER: message" (POINTER "" is written as `""`, the whole document), followed
/// by one indented line per detail entry ("  - ems: OVERWEIGHT: message").
std::string describe_error(const Error& error);

/// The breakdown of a quote as plain-text tables: items, sellers, parcel, shipping options
/// with reasons, customs (thresholds that fired, duty, taxes, who collects), charges, total,
/// due on delivery, FX and warnings. Amounts and dates come from `display` (ICU, in its locale)
/// or are formatted by ICU in `locale`; `display` must be ok().
std::string quote_table(const Quote& quote, const DisplayStrings& display, std::string_view locale);

} // namespace taoquote::cli
