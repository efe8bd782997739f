// Loading rulebook snapshots from files.
#include "rulebook_store.hpp"

#include "gzip.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

namespace taoquote::service {

Result<std::shared_ptr<const RulebookSnapshot>> make_snapshot(std::string text) {
  auto loaded = load_rulebook(text);
  if (!loaded) return loaded.error();
  auto s = std::make_shared<RulebookSnapshot>();
  s->rulebook = std::move(loaded).value();
  s->text = std::move(text);
  s->etag = "\"" + s->rulebook->digest + "\"";
  s->gzip = gzip_compress(s->text);
  s->gzip_etag = "\"" + s->rulebook->digest + "+gzip\"";
  s->loaded_unix_seconds = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  return std::shared_ptr<const RulebookSnapshot>(std::move(s));
}

bool read_file(const std::string& path, std::string& out, std::string& error) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) {
    error = "cannot read " + path;
    return false;
  }
  out = std::move(s).str();
  return true;
}

} // namespace taoquote::service
