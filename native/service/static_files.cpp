// Static file lookup: decode, reject dot segments, resolve with realpath, check containment;
// then the precompressed variant the client accepts, its ETag and whether it is immutable.
#include "static_files.hpp"

#include "http_framing.hpp"

#include <boost/algorithm/string/predicate.hpp>

#include <sys/stat.h>

#include <climits>
#include <cstdlib>

namespace taoquote::service {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string real_path(const std::string& p) {
  char buf[PATH_MAX];
  if (::realpath(p.c_str(), buf) == nullptr) return {};
  return buf;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string hex(std::uint64_t v) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), digits[v & 15]);
    v >>= 4;
  } while (v != 0);
  return out;
}

std::uint64_t mtime_ns(const struct stat& st) {
  return static_cast<std::uint64_t>(st.st_mtim.tv_sec) * 1000000000u +
         static_cast<std::uint64_t>(st.st_mtim.tv_nsec);
}

} // namespace

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    const char c = static_cast<char>(hi * 16 + lo);
    if (c == '\0') return std::nullopt;
    out += c;
    i += 2;
  }
  return out;
}

StaticFiles::StaticFiles(const std::string& root) : root_(real_path(root)) {}

bool StaticFiles::accepts(std::string_view header, std::string_view coding) noexcept {
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view item = header.substr(0, comma);
    const auto semi = item.find(';');
    const std::string_view name = trim_ows(item.substr(0, semi));
    if (boost::algorithm::iequals(name, coding) || name == "*") {
      bool zero = false;
      if (semi != std::string_view::npos) {
        std::string_view q = trim_ows(item.substr(semi + 1));
        if (q.size() >= 2 && (q[0] == 'q' || q[0] == 'Q') && q[1] == '=') {
          q.remove_prefix(2);
          zero = !q.empty() && q.find_first_not_of("0.") == std::string_view::npos;
        }
      }
      if (!zero) return true;
      if (name != "*") return false; // an explicit q=0 for the coding itself wins
    }
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

bool StaticFiles::is_content_hashed(std::string_view path) noexcept {
  const auto is_hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (path[i - 1] != '.' && path[i - 1] != '-') continue;
    std::size_t j = i;
    while (j < path.size() && is_hex(path[j]))
      ++j;
    const std::size_t run = j - i;
    if (run >= 8 && run <= 64 && (j == path.size() || path[j] == '.' || path[j] == '/'))
      return true;
  }
  return false;
}

std::optional<StaticFiles::File> StaticFiles::get(std::string_view url_path,
                                                  std::string_view accept_encoding) const {
  if (root_.empty() || url_path.empty() || url_path.front() != '/') return std::nullopt;
  const auto decoded = percent_decode(url_path);
  if (!decoded) return std::nullopt;
  std::string relative;
  std::size_t start = 1;
  while (start <= decoded->size()) {
    std::size_t end = decoded->find('/', start);
    if (end == std::string::npos) end = decoded->size();
    const std::string_view seg(decoded->data() + start, end - start);
    if (seg == "." || seg == ".." || seg.find('\\') != std::string_view::npos) return std::nullopt;
    if (!seg.empty()) {
      relative += '/';
      relative += seg;
    }
    start = end + 1;
  }
  if (decoded->back() == '/') relative += "/index.html";
  const std::string resolved = real_path(root_ + relative);
  if (resolved.empty() || resolved.compare(0, root_.size() + 1, root_ + "/") != 0)
    return std::nullopt;
  struct stat st {};
  if (::stat(resolved.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  File file;
  file.path = resolved;
  file.size = static_cast<std::uint64_t>(st.st_size);
  file.content_type = content_type_for(relative);
  file.immutable = is_content_hashed(relative);
  file.etag = "\"" + hex(file.size) + "-" + hex(mtime_ns(st)) + "\"";
  // A precompressed sibling, inside the root and not older than the file it stands for.
  for (const auto& [suffix, coding] :
       {std::pair<std::string_view, std::string_view>{".br", "br"}, {".gz", "gzip"}}) {
    const std::string variant = real_path(resolved + std::string(suffix));
    struct stat vs {};
    if (variant.empty() || variant.compare(0, root_.size() + 1, root_ + "/") != 0 ||
        ::stat(variant.c_str(), &vs) != 0 || !S_ISREG(vs.st_mode) || mtime_ns(vs) < mtime_ns(st))
      continue;
    file.has_variants = true;
    if (!file.encoding.empty() || !accepts(accept_encoding, coding)) continue;
    file.encoding = coding;
    file.path = variant;
    file.size = static_cast<std::uint64_t>(vs.st_size);
    file.etag = "\"" + hex(file.size) + "-" + hex(mtime_ns(vs)) + "-" + std::string(coding) + "\"";
  }
  return file;
}

std::string_view StaticFiles::content_type_for(std::string_view name) noexcept {
  struct Entry {
    std::string_view ext, type;
  };
  static constexpr Entry table[] = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".wasm", "application/wasm"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".md", "text/markdown; charset=utf-8"},
      {".ts", "text/plain; charset=utf-8"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
  };
  for (const auto& e : table)
    if (ends_with(name, e.ext)) return e.type;
  return "application/octet-stream";
}

} // namespace taoquote::service
