// quote_driver RULEBOOK REQUEST — prints the canonical quote (exit 0) or the error body (exit 2).
// quote_driver --pairs — reads lines "RULEBOOK<TAB>REQUEST" (compact JSON texts) from stdin and
// prints one result line each: the quote or error body. Used by the wasm differential test.
#include "taoquote/codec.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace {

std::string slurp(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int pairs() {
  std::string last_text;
  taoquote::Result<std::shared_ptr<const taoquote::Rulebook>> rulebook =
      taoquote::Error{taoquote::ErrorCode::internal, taoquote::ErrorDoc::rulebook, "", "none", {}};
  for (std::string line; std::getline(std::cin, line);) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) return 64;
    const std::string rb_text = line.substr(0, tab);
    if (rb_text != last_text) {
      rulebook = taoquote::load_rulebook(rb_text);
      last_text = rb_text;
    }
    if (!rulebook)
      std::cout << taoquote::error_json(rulebook.error()) << '\n';
    else
      std::cout
          << taoquote::quote_json(*rulebook.value(), std::string_view(line).substr(tab + 1)).body
          << '\n';
  }
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--pairs") return pairs();
  if (argc != 3) {
    std::cerr << "usage: quote_driver RULEBOOK.json REQUEST.json | quote_driver --pairs\n";
    return 64;
  }
  const auto rulebook = taoquote::load_rulebook(slurp(argv[1]));
  if (!rulebook) {
    std::cout << taoquote::error_json(rulebook.error()) << '\n';
    return 2;
  }
  const auto out = taoquote::quote_json(*rulebook.value(), slurp(argv[2]));
  std::cout << out.body << '\n';
  return out.ok ? 0 : 2;
}
