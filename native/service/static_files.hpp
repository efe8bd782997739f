// Static files of the web demo, served from one directory: no traversal out of it, content
// types by extension (including application/wasm for streaming compilation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace taoquote::service {

/// A read-only view of one directory. Thread-safe (stateless after construction).
class StaticFiles {
public:
  /// `root` must exist; it is resolved once (realpath), so later symlinks inside it that
  /// point outside are refused.
  explicit StaticFiles(const std::string& root);

  /// A file to send: its resolved path and size (the HTTP layer streams it in pieces,
  /// never reading it whole into memory).
  struct File {
    std::string path;
    std::uint64_t size = 0;
    std::string_view content_type;
  };

  /// The file for a request path (already stripped of its query): percent-decoded, split
  /// on '/', "." / ".." / empty-after-decoding-NUL or backslash segments refused, a path
  /// ending in '/' served as its index.html, and the resolved real path required to lie
  /// inside the root. nullopt when absent, refused, or not a regular file.
  std::optional<File> get(std::string_view url_path) const;

  /// The Content-Type for a file name, by extension; application/octet-stream if unknown.
  static std::string_view content_type_for(std::string_view name) noexcept;

  const std::string& root() const noexcept { return root_; }

private:
  std::string root_; ///< realpath of the directory, without a trailing '/'
};

/// Percent-decodes a URL path; nullopt on a malformed escape or an encoded NUL.
std::optional<std::string> percent_decode(std::string_view s);

} // namespace taoquote::service
