// quote_driver RULEBOOK REQUEST: prints the canonical quote (exit 0) or the error body (exit 2).
// With RULEBOOK only and "-" as REQUEST, reads newline-separated requests from stdin and
// prints one result per line (for differential testing against the wasm build).
#include "taoquote/codec.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace {
std::string slurp(const char *path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
} // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: quote_driver RULEBOOK.json (REQUEST.json | -)\n";
    return 64;
  }
  const auto rulebook = taoquote::load_rulebook(slurp(argv[1]));
  if (!rulebook) {
    std::cout << taoquote::error_json(rulebook.error()) << '\n';
    return 2;
  }
  if (std::string(argv[2]) == "-") {
    for (std::string line; std::getline(std::cin, line);)
      std::cout << taoquote::quote_json(*rulebook.value(), line).body << '\n';
    return 0;
  }
  const auto out = taoquote::quote_json(*rulebook.value(), slurp(argv[2]));
  std::cout << out.body << '\n';
  return out.ok ? 0 : 2;
}
