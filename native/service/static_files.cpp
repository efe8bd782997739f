// Static file lookup: decode, reject dot segments, resolve with realpath, check containment.
#include "static_files.hpp"

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

std::optional<StaticFiles::File> StaticFiles::get(std::string_view url_path) const {
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
  return File{resolved, static_cast<std::uint64_t>(st.st_size), content_type_for(relative)};
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
