// Shared helpers of the native unit tests: reading files and the frozen fixtures.
#pragma once

#include "taoquote/codec.hpp"

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

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

/// The names of the .json files in `dir`, sorted (the golden vectors' cases).
inline std::vector<std::string> json_file_names(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (const dirent* e = readdir(d)) {
      const std::string n = e->d_name;
      if (n.size() > 5 && n.compare(n.size() - 5, 5, ".json") == 0) names.push_back(n);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace taoquote::test
