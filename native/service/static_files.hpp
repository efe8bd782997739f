// Static files of the web demo, served from one directory: no traversal out of it, content
// types by extension (including application/wasm for streaming compilation), precompressed
// variants (name.br, name.gz, written at build time) chosen by Accept-Encoding, an ETag per
// variant, and long-lived caching for content-hashed names.
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
    std::string_view content_type; ///< of the file asked for (also when a variant is sent)
    std::string_view encoding;     ///< "br", "gzip", or "" for the file itself
    bool has_variants = false;     ///< a .br or .gz sibling exists: the answer varies
    bool immutable = false;        ///< its path is content-hashed (is_content_hashed)
    std::string etag;              ///< strong tag of this variant: "<size>-<mtime ns>[-enc]", hex
  };

  /// The file for a request path (already stripped of its query): percent-decoded, split
  /// on '/', "." / ".." / empty-after-decoding-NUL or backslash segments refused, a path
  /// ending in '/' served as its index.html, and the resolved real path required to lie
  /// inside the root. nullopt when absent, refused, or not a regular file.
  /// `accept_encoding` (the request's header): when it accepts br (else gzip) and a regular
  /// file `<name>.br` (`<name>.gz`) inside the root is at least as new as the file, that
  /// variant is chosen instead, with `encoding` set.
  std::optional<File> get(std::string_view url_path, std::string_view accept_encoding = {}) const;

  /// True when some segment of `path` carries a content hash: a run of 8–64 lowercase hex
  /// digits after a '.' or '-' and ending the segment or followed by '.' ("app.3f2a9c1b.js",
  /// "vendor/taoquote-0c1d2e3f4a5b/index.js"). Such a file never changes under its name.
  static bool is_content_hashed(std::string_view path) noexcept;

  /// True when an Accept-Encoding header accepts `coding` ("br", "gzip"): listed (or "*")
  /// with a q-value other than 0.
  static bool accepts(std::string_view accept_encoding, std::string_view coding) noexcept;

  /// The Content-Type for a file name, by extension; application/octet-stream if unknown.
  static std::string_view content_type_for(std::string_view name) noexcept;

  const std::string& root() const noexcept { return root_; }

private:
  std::string root_; ///< realpath of the directory, without a trailing '/'
};

/// Percent-decodes a URL path; nullopt on a malformed escape or an encoded NUL.
std::optional<std::string> percent_decode(std::string_view s);

} // namespace taoquote::service
