// File and stream I/O of the CLI, with errno-based messages.
#include "io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace taoquote::cli {

bool read_input(const std::string& path, std::string& out, std::string& error) {
  const bool stdin_input = path == "-";
  const std::string name = stdin_input ? "standard input" : path;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> owned(nullptr, std::fclose);
  std::FILE* f = stdin;
  if (!stdin_input) {
    owned.reset(std::fopen(path.c_str(), "rb"));
    if (!owned) {
      error = name + ": " + std::strerror(errno);
      return false;
    }
    f = owned.get();
  }
  out.clear();
  char buffer[1 << 16];
  while (true) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, f);
    out.append(buffer, n);
    if (out.size() > max_input_bytes) {
      error = name + ": larger than 16 MiB";
      return false;
    }
    if (n < sizeof buffer) break;
  }
  if (std::ferror(f)) {
    error = name + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

bool write_output(const std::string& text) {
  const bool written = std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
  if (std::fflush(stdout) == 0 && written) return true;
  std::fputs(("taoquote: standard output: " + std::string(std::strerror(errno)) + "\n").c_str(),
             stderr);
  return false;
}

} // namespace taoquote::cli
