// Consumer test program: quotes a request with taoquote's C++ API and prints the total.
// Usage: app RULEBOOK.json REQUEST.json
#include <taoquote/codec.hpp>

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

} // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: app RULEBOOK.json REQUEST.json\n";
    return 64;
  }
  const auto rulebook = taoquote::load_rulebook(slurp(argv[1]));
  if (!rulebook) {
    std::cerr << taoquote::error_json(rulebook.error()) << '\n';
    return 1;
  }
  const auto quote = taoquote::quote_request(*rulebook.value(), slurp(argv[2]));
  if (!quote) {
    std::cerr << taoquote::error_json(quote.error()) << '\n';
    return 1;
  }
  const taoquote::Quote& q = quote.value();
  std::cout << q.total.to_string() << ' ' << q.total.currency().code << '\n';
  return 0;
}
