// quote_driver RULEBOOK REQUEST — prints the canonical quote (exit 0) or the error body (exit 2);
// exit 66 when a file cannot be read, 64 on a bad command line.
// quote_driver --pairs — reads lines "RULEBOOK<TAB>REQUEST" (compact JSON texts) from stdin and
// prints one result line each: the quote or error body. Used by the wasm differential test.
// Both modes answer through one function: load_rulebook, then the codec's quote_json.
#include "taoquote/codec.hpp"

#include <fstream>
#include <iostream>
#include <iterator>

namespace {

using LoadedRulebook = taoquote::Result<std::shared_ptr<const taoquote::Rulebook>>;

// The line a request gets: the canonical quote, or the error body of the rulebook or request.
taoquote::JsonOutcome answer(const LoadedRulebook& rulebook, std::string_view request) {
  if (!rulebook) {
    const taoquote::Error& e = rulebook.error();
    return taoquote::JsonOutcome::failure(e);
  }
  return taoquote::quote_json(*rulebook.value(), request);
}

bool read_file(const char* path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

int pairs() {
  std::string last_text;
  LoadedRulebook rulebook = taoquote::Error{};
  for (std::string line; std::getline(std::cin, line);) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) return 64;
    const std::string rb_text = line.substr(0, tab);
    if (rb_text != last_text || last_text.empty()) {
      rulebook = taoquote::load_rulebook(rb_text);
      last_text = rb_text;
    }
    std::cout << answer(rulebook, std::string_view(line).substr(tab + 1)).body << '\n';
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
  std::string rulebook, request;
  for (const auto& [path, text] : {std::pair{argv[1], &rulebook}, std::pair{argv[2], &request}})
    if (!read_file(path, *text)) {
      std::cerr << "quote_driver: cannot read " << path << '\n';
      return 66;
    }
  const auto out = answer(taoquote::load_rulebook(rulebook), request);
  std::cout << out.body << '\n';
  return out.ok ? 0 : 2;
}
