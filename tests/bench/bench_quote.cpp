// Benchmark (not a test): rulebook load time, and the reference cart's quote time JSON in →
// JSON out and through the typed C++ API. Prints medians of repeated batches.
//   taoquote_bench [RULEBOOK.json REQUEST.json]
#include "taoquote/codec.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Median over `batches` of the mean time per call in a batch of `per_batch` calls, in µs.
template <class F> double median_us(int batches, int per_batch, F&& f) {
  std::vector<double> samples;
  for (int b = 0; b < batches; ++b) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < per_batch; ++i)
      f();
    const auto t1 = std::chrono::steady_clock::now();
    samples.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count() / per_batch);
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

volatile std::size_t sink;

} // namespace

int main(int argc, char** argv) {
  const std::string rb_path = argc > 2 ? argv[1] : TAOQUOTE_RULES_DIR "/sample-rulebook.json";
  const std::string rq_path = argc > 2 ? argv[2] : TAOQUOTE_DOCS_DIR "/examples/request-de.json";
  const std::string rb_text = slurp(rb_path), rq_text = slurp(rq_path);
  const auto rb = taoquote::load_rulebook(rb_text);
  if (!rb.ok()) {
    std::printf("rulebook error: %s\n", taoquote::error_json(rb.error()).c_str());
    return 1;
  }
  const auto rq = taoquote::parse_request(rq_text);
  if (!rq.ok()) {
    std::printf("request error: %s\n", taoquote::error_json(rq.error()).c_str());
    return 1;
  }
  const auto check = taoquote::quote_json(*rb.value(), rq_text);
  if (!check.ok) {
    std::printf("quote error: %s\n", check.body.c_str());
    return 1;
  }
  const double load = median_us(15, 20, [&] { sink = taoquote::load_rulebook(rb_text).ok(); });
  const double json =
      median_us(31, 2000, [&] { sink = taoquote::quote_json(*rb.value(), rq_text).body.size(); });
  const double parse = median_us(31, 2000, [&] { sink = taoquote::parse_request(rq_text).ok(); });
  const double typed =
      median_us(31, 2000, [&] { sink = taoquote::compute_quote(*rb.value(), rq.value()).ok(); });
  const auto q = taoquote::compute_quote(*rb.value(), rq.value());
  const double write =
      median_us(31, 2000, [&] { sink = taoquote::canonical_json(q.value()).size(); });
  std::printf("rulebook %s (%zu bytes), request %s (%zu bytes, %zu items), quote %zu bytes\n",
              rb_path.c_str(), rb_text.size(), rq_path.c_str(), rq_text.size(),
              rq.value().items.size(), check.body.size());
  std::printf("rulebook load:                 %8.1f us (median)\n", load);
  std::printf("quote, JSON in -> JSON out:    %8.2f us (median)\n", json);
  std::printf("  of which request parse:      %8.2f us\n", parse);
  std::printf("  of which typed compute:      %8.2f us\n", typed);
  std::printf("  of which canonical + sha256: %8.2f us\n", write);
  std::printf("quote, typed C++ API:          %8.2f us (median)\n", typed);
  return 0;
}
