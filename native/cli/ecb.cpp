// ECB daily feed parser: a small, strict tokenizer for the two published forms (no XML library;
// no DTDs, entities or CDATA — the ECB's feed has none, so any is an error).
#include "ecb.hpp"

#include "taoquote/error.hpp"

#include <algorithm>
#include <locale>
#include <sstream>

namespace taoquote::ecb {
namespace {

constexpr std::string_view eurofxref_ns = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref";
constexpr std::size_t max_rates = 400;
constexpr std::size_t max_depth = 16;

// A parse failure inside this file; parse_feed turns it into a FeedError.
struct Reject {
  std::string message;
  std::size_t line;
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

std::string quoted(std::string_view s) {
  constexpr std::size_t shown = 40;
  std::string out = "\"";
  for (char c : s.substr(0, shown))
    out +=
        (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e || c == '"')
            ? '?'
            : c;
  return out + (s.size() > shown ? "…\"" : "\"");
}

bool is_currency_code(std::string_view s) {
  return s.size() == 3 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Collects rates in feed order, rejecting bad codes, duplicates, EUR and non-positive rates.
class RateList {
public:
  explicit RateList(Feed& feed) : feed_(feed) {}
  void add(std::string_view code, std::string_view rate, std::size_t line) {
    if (!is_currency_code(code))
      throw Reject{"the currency " + quoted(code) + " is not a three-letter upper-case code", line};
    if (code == "EUR")
      throw Reject{"the feed lists a rate for EUR; ECB reference rates are quoted per 1 EUR, so "
                   "this feed is on another base",
                   line};
    const auto seen = [&](const auto& e) { return e.first == code; };
    if (std::any_of(feed_.rates.begin(), feed_.rates.end(), seen) ||
        std::find(feed_.not_available.begin(), feed_.not_available.end(), code) !=
            feed_.not_available.end())
      throw Reject{std::string(code) + " is listed twice", line};
    if (feed_.rates.size() + feed_.not_available.size() >= max_rates)
      throw Reject{"more than 400 currencies", line};
    if (rate == "N/A" && feed_.format == Format::csv) {
      feed_.not_available.emplace_back(code);
      return;
    }
    Decimal value;
    if (Decimal::parse(rate, value) != DecimalSyntax::ok || value.is_zero() || value.is_negative())
      throw Reject{"the rate of " + std::string(code) +
                       " is not a positive decimal number: " + quoted(rate),
                   line};
    feed_.rates.emplace_back(std::string(code), value);
  }

private:
  Feed& feed_;
};

CivilDate reference_date(std::string_view text, std::size_t line) {
  if (auto d = parse_date(text)) return *d;
  throw Reject{"the reference date " + quoted(text) + " is not a date YYYY-MM-DD", line};
}

// ---- XML ----------------------------------------------------------------------------------

struct Attribute {
  std::string_view name, value;
};

struct Tag {
  std::string_view name;
  std::vector<Attribute> attributes;
  bool self_closing = false;
  std::size_t line = 0;
  const std::string_view* find(std::string_view attr) const {
    for (const auto& a : attributes)
      if (a.name == attr) return &a.value;
    return nullptr;
  }
};

class XmlReader {
public:
  explicit XmlReader(std::string_view text) : s_(text) {}

  Feed read() {
    feed_.format = Format::xml;
    RateList rates(feed_);
    std::vector<std::string_view> open; // element names from the root down
    bool root_done = false;
    int days = 0;
    while (true) {
      skip_text(!open.empty());
      if (pos_ == s_.size()) break;
      const std::size_t line = line_at(pos_);
      if (starts_with("<?")) {
        if (!open.empty() || root_done)
          throw Reject{"a processing instruction after the start", line};
        skip_past("?>", "an unterminated <?…?>");
      } else if (starts_with("<!--")) {
        skip_past("-->", "an unterminated comment");
      } else if (starts_with("<!")) {
        throw Reject{"DOCTYPE, CDATA and other <!…> constructs are not part of the ECB feed", line};
      } else if (starts_with("</")) {
        const std::string_view name = end_tag();
        if (open.empty() || open.back() != name)
          throw Reject{"the end tag </" + std::string(name) + "> does not match", line};
        open.pop_back();
        if (open.empty()) root_done = true;
      } else {
        const Tag tag = start_tag();
        if (root_done) throw Reject{"content after the root element", line};
        element(tag, open, rates, days);
        if (!tag.self_closing) {
          if (open.size() == max_depth) throw Reject{"elements nested too deeply", line};
          open.push_back(tag.name);
        } else if (open.empty()) {
          root_done = true;
        }
      }
    }
    if (!open.empty())
      throw Reject{"the element <" + std::string(open.back()) + "> is not closed", line_at(pos_)};
    if (!root_done) throw Reject{"no root element", 0};
    if (days == 0) throw Reject{"no <Cube time=…> element: the feed holds no day of rates", 0};
    if (feed_.rates.empty()) throw Reject{"the day holds no <Cube currency=… rate=…/> rates", 0};
    return std::move(feed_);
  }

private:
  // Semantic checks of one start tag at its position in the tree.
  void element(const Tag& tag, const std::vector<std::string_view>& open, RateList& rates,
               int& days) {
    const auto local = [](std::string_view n) {
      const auto colon = n.find(':');
      return colon == std::string_view::npos ? n : n.substr(colon + 1);
    };
    if (open.empty()) {
      if (local(tag.name) != "Envelope")
        throw Reject{"not an ECB eurofxref feed: the root element is <" + std::string(tag.name) +
                         ">, not <gesmes:Envelope>",
                     tag.line};
      const std::string_view* ns = tag.find("xmlns");
      if (!ns || *ns != eurofxref_ns)
        throw Reject{"not an ECB eurofxref feed: the envelope's default namespace is " +
                         (ns ? quoted(*ns) : std::string("missing")) + ", not \"" +
                         std::string(eurofxref_ns) + "\"",
                     tag.line};
      return;
    }
    const bool in_cube = std::find(open.begin(), open.end(), "Cube") != open.end();
    if (tag.name != "Cube") {
      if (in_cube)
        throw Reject{"unexpected <" + std::string(tag.name) + "> inside <Cube>", tag.line};
      return;
    }
    const auto cubes = std::count(open.begin(), open.end(), "Cube");
    if (cubes == 0 && open.size() != 1)
      throw Reject{"<Cube> outside the envelope's top level", tag.line};
    const auto only = [&](std::initializer_list<std::string_view> allowed) {
      for (const auto& a : tag.attributes)
        if (a.name.substr(0, 5) != "xmlns" &&
            std::find(allowed.begin(), allowed.end(), a.name) == allowed.end())
          throw Reject{"unexpected attribute " + std::string(a.name) + " on <Cube>", tag.line};
    };
    if (cubes == 0) {
      only({});
    } else if (cubes == 1) {
      only({"time"});
      const std::string_view* time = tag.find("time");
      if (!time) throw Reject{"a day <Cube> without its time attribute", tag.line};
      if (++days > 1)
        throw Reject{"the feed holds more than one day of rates; import the daily feed "
                     "(eurofxref-daily.xml)",
                     tag.line};
      feed_.date = reference_date(*time, tag.line);
    } else if (cubes == 2) {
      only({"currency", "rate"});
      const std::string_view* currency = tag.find("currency");
      const std::string_view* rate = tag.find("rate");
      if (!currency || !rate)
        throw Reject{"a rate <Cube> needs both currency and rate attributes", tag.line};
      if (!tag.self_closing) throw Reject{"a rate <Cube> must be empty (<Cube …/>)", tag.line};
      rates.add(*currency, *rate, tag.line);
    } else {
      throw Reject{"<Cube> nested too deeply", tag.line};
    }
  }

  bool starts_with(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }

  // Line numbers are counted forward from the last position asked (linear in the input).
  std::size_t line_at(std::size_t pos) {
    if (pos < counted_pos_) counted_pos_ = 0, counted_line_ = 1;
    const auto from = s_.begin() + static_cast<std::ptrdiff_t>(counted_pos_);
    counted_line_ += static_cast<std::size_t>(
        std::count(from, s_.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
    counted_pos_ = pos;
    return counted_line_;
  }

  void skip_past(std::string_view end, const char* what) {
    const auto at = s_.find(end, pos_);
    if (at == std::string_view::npos) throw Reject{what, line_at(pos_)};
    pos_ = at + end.size();
  }

  // Text between tags: only whitespace outside the root; inside, anything but markup.
  void skip_text(bool inside) {
    const auto start = pos_;
    while (pos_ < s_.size() && s_[pos_] != '<')
      ++pos_;
    if (!inside && !trim(s_.substr(start, pos_ - start)).empty())
      throw Reject{"text outside the root element: not an XML feed", line_at(start)};
  }

  std::string_view name() {
    const auto start = pos_;
    const auto ok = [](char c, bool first) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' ||
             (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
    };
    while (pos_ < s_.size() && ok(s_[pos_], pos_ == start))
      ++pos_;
    if (pos_ == start) throw Reject{"a malformed tag", line_at(start)};
    return s_.substr(start, pos_ - start);
  }

  void spaces() {
    while (pos_ < s_.size() && is_space(s_[pos_]))
      ++pos_;
  }

  char next(const char* expected) {
    if (pos_ >= s_.size())
      throw Reject{std::string("the input ends inside ") + expected, line_at(pos_)};
    return s_[pos_++];
  }

  std::string_view end_tag() {
    pos_ += 2;
    const auto n = name();
    spaces();
    if (next("an end tag") != '>') throw Reject{"a malformed end tag", line_at(pos_ - 1)};
    return n;
  }

  Tag start_tag() {
    Tag tag;
    tag.line = line_at(pos_);
    ++pos_;
    tag.name = name();
    while (true) {
      const bool had_space = pos_ < s_.size() && is_space(s_[pos_]);
      spaces();
      const char c = next("a tag");
      if (c == '>') return tag;
      if (c == '/') {
        if (next("a tag") != '>') throw Reject{"a malformed tag", tag.line};
        tag.self_closing = true;
        return tag;
      }
      --pos_;
      if (!had_space) throw Reject{"a malformed tag", tag.line};
      Attribute a;
      a.name = name();
      spaces();
      if (next("an attribute") != '=') throw Reject{"an attribute without a value", tag.line};
      spaces();
      const char q = next("an attribute");
      if (q != '\'' && q != '"') throw Reject{"an attribute value without quotes", tag.line};
      const auto end = s_.find(q, pos_);
      if (end == std::string_view::npos) throw Reject{"an unterminated attribute value", tag.line};
      a.value = s_.substr(pos_, end - pos_);
      pos_ = end + 1;
      if (a.value.find_first_of("<&") != std::string_view::npos)
        throw Reject{"markup or an entity reference in an attribute value", tag.line};
      if (tag.find(a.name))
        throw Reject{"the attribute " + std::string(a.name) + " twice", tag.line};
      tag.attributes.push_back(a);
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::size_t counted_pos_ = 0, counted_line_ = 1;
  Feed feed_;
};

// ---- CSV ----------------------------------------------------------------------------------

// Splits a CSV line on commas and trims each field; one trailing empty field (the ECB ends
// every line with ", ") is dropped. Any other empty field is an error.
std::vector<std::string_view> fields(std::string_view line, std::size_t number) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    out.push_back(
        trim(line.substr(start, comma == std::string_view::npos ? line.npos : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (out.size() > 1 && out.back().empty()) out.pop_back();
  for (const auto& f : out)
    if (f.empty()) throw Reject{"an empty field", number};
  return out;
}

// "24 November 2026" (the daily CSV) or "2026-11-24". The month name is read by the date
// library in the classic locale, so the machine's locale cannot change what is accepted.
CivilDate csv_date(std::string_view text, std::size_t line) {
  if (text.find(' ') == std::string_view::npos) return reference_date(text, line);
  std::istringstream in{std::string(text)};
  in.imbue(std::locale::classic());
  CivilDate day{};
  in >> date::parse("%d %B %Y", day);
  // The same dates as every other reader (parse_date: its years included), so a CSV feed's
  // date reads back identically from the XML form.
  if (!in || in.peek() != std::istringstream::traits_type::eof() || !day.ok() ||
      !parse_date(format_date(day)))
    throw Reject{"the reference date " + quoted(text) + " is not like \"24 November 2026\"", line};
  return day;
}

Feed read_csv(std::string_view text) {
  Feed feed;
  feed.format = Format::csv;
  RateList rates(feed);
  std::vector<std::pair<std::string_view, std::size_t>> lines; // non-blank lines, numbered
  std::size_t number = 0, start = 0;
  while (start <= text.size()) {
    const auto nl = text.find('\n', start);
    const auto line = text.substr(start, nl == std::string_view::npos ? text.npos : nl - start);
    ++number;
    if (!trim(line).empty()) lines.emplace_back(line, number);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  const auto header = fields(lines.at(0).first, lines[0].second);
  if (header.front() != "Date") throw Reject{"the CSV header does not start with Date", 1};
  if (header.size() < 2) throw Reject{"the CSV header lists no currency", lines[0].second};
  if (lines.size() < 2) throw Reject{"the CSV has a header but no day of rates", lines[0].second};
  if (lines.size() > 2)
    throw Reject{"the CSV holds " + std::to_string(lines.size() - 1) +
                     " days of rates; import the daily feed (eurofxref.csv)",
                 lines[2].second};
  const auto row = fields(lines[1].first, lines[1].second);
  if (row.size() != header.size())
    throw Reject{"the row has " + std::to_string(row.size()) + " fields, the header " +
                     std::to_string(header.size()),
                 lines[1].second};
  for (std::size_t i = 1; i < header.size(); ++i) {
    if (!is_currency_code(header[i]))
      throw Reject{"the column " + quoted(header[i]) + " is not a currency code", lines[0].second};
    if (std::find(header.begin() + 1, header.begin() + static_cast<std::ptrdiff_t>(i), header[i]) !=
        header.begin() + static_cast<std::ptrdiff_t>(i))
      throw Reject{std::string(header[i]) + " is listed twice", lines[0].second};
  }
  feed.date = csv_date(row[0], lines[1].second);
  for (std::size_t i = 1; i < header.size(); ++i)
    rates.add(header[i], row[i], lines[1].second);
  if (feed.rates.empty()) throw Reject{"the day holds no rates", lines[1].second};
  return feed;
}

} // namespace

ParseResult parse_feed(std::string_view text) noexcept {
  ParseResult out;
  try {
    if (text.size() > max_feed_bytes) throw Reject{"the feed is larger than 1 MiB", 0};
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const std::string_view body = trim(text);
    if (body.empty()) throw Reject{"the feed is empty", 0};
    if (body.front() == '<')
      out.feed = XmlReader(text).read();
    else if (body.substr(0, 4) == "Date")
      out.feed = read_csv(text);
    else
      throw Reject{"not an ECB feed: expected the XML form (eurofxref-daily.xml, starting with "
                   "<) or the CSV form (eurofxref.csv, starting with Date)",
                   0};
  } catch (const Reject& r) {
    out.feed.reset();
    out.error = FeedError{r.message, r.line};
  } catch (...) {
    out.feed.reset();
    out.error = current_feed_error();
  }
  return out;
}

FeedError current_feed_error() noexcept {
  try {
    return FeedError{current_exception_error(ErrorDoc::rulebook).message, 0};
  } catch (...) {
    return FeedError{};
  }
}

} // namespace taoquote::ecb
