// ThreadSanitizer test: many threads quote at once through the C ABI on ONE rulebook handle.
// Usage: taoquote_capi_tsan_test VECTORS_DIR [THREADS] [ROUNDS]
// Every result must equal the golden expected bytes of its case; TSan reports any data race.
#include "taoquote/taoquote.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

struct Case {
  std::string name, request, expected;
};

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s VECTORS_DIR [THREADS] [ROUNDS]\n", argv[0]);
    return 64;
  }
  const std::filesystem::path dir = argv[1];
  const int threads = argc > 2 ? std::atoi(argv[2]) : 12;
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 8;

  // Every case on fixture-a: quotes and pipeline errors alike.
  std::vector<Case> cases;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "cases")) {
    const auto c = nlohmann::json::parse(slurp(entry.path()));
    if (c.at("rulebook") != "fixture-a") continue;
    const auto name = entry.path().filename();
    cases.push_back({name.string(), c.at("request").dump(), slurp(dir / "expected" / name)});
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.name < b.name; });
  if (cases.size() < 10) return std::fprintf(stderr, "too few cases\n"), 2;

  const std::string rulebook_json = slurp(dir / "rulebooks" / "fixture-a.json");
  taoquote_result* error = nullptr;
  taoquote_rulebook* rulebook =
      taoquote_rulebook_load(rulebook_json.data(), rulebook_json.size(), &error);
  if (!rulebook) return std::fprintf(stderr, "%s\n", taoquote_result_json(error, nullptr)), 2;

  std::atomic<int> ready{0};
  std::atomic<long> quotes{0}, mismatches{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      ++ready;
      while (ready.load() < threads)
        std::this_thread::yield(); // start together
      for (int round = 0; round < rounds; ++round) {
        for (std::size_t i = 0; i < cases.size(); ++i) {
          const Case& c = cases[(i + static_cast<std::size_t>(t) * 7) % cases.size()];
          taoquote_result* r = taoquote_quote(rulebook, c.request.data(), c.request.size());
          std::size_t n = 0;
          const char* body = taoquote_result_json(r, &n);
          if (std::string(body, n) != c.expected) {
            std::fprintf(stderr, "thread %d: %s differs\n", t, c.name.c_str());
            ++mismatches;
          }
          taoquote_result_free(&r);
          ++quotes;
        }
      }
    });
  }
  for (auto& thread : pool)
    thread.join();
  taoquote_rulebook_free(&rulebook);

  std::printf("tsan_test: %d threads, %zu cases, %ld quotes on one rulebook, %ld mismatches\n",
              threads, cases.size(), quotes.load(), mismatches.load());
  return mismatches.load() == 0 && quotes.load() == static_cast<long>(threads) * rounds *
                                                        static_cast<long>(cases.size())
             ? 0
             : 1;
}
