// Shared helpers of the native unit tests: reading files and the frozen fixtures.
#pragma once

#include "taoquote/codec.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace taoquote::test {

/// The whole file, bytes as they are; throws when it cannot be read.
inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A file under tests/ by its path relative to that directory.
inline std::string test_file(const std::string& relative) {
  return slurp(std::string(TAOQUOTE_TESTS_DIR) + "/" + relative);
}

/// The frozen fixture rulebook fixture-a, as text.
inline std::string fixture_text() {
  return test_file("vectors/rulebooks/fixture-a.json");
}

/// The valid request the bad-input catalogue mutates, as text.
inline std::string base_request_text() {
  return test_file("bad/base-request.json");
}

} // namespace taoquote::test
