// Benchmark (not a test): rulebook load time, and the reference cart's quote time JSON in →
// JSON out and through the typed C++ API. Prints medians of repeated batches.
//   taoquote_bench [RULEBOOK.json REQUEST.json]
//   taoquote_bench --offers     typed-quote time by cart size for the offer-choice families
//   taoquote_bench --sizes      typed, JSON in → out and parse times by cart size (1 … 200)
//   taoquote_bench --splits     typed-quote time of carts that must split (2 … 20 items)
//   taoquote_bench --split-proofs   the search's steps and time to prove the least split, 60
//                               seeded carts that must split per size (8 … 20 items)
//   taoquote_bench --storefront-splits   when_cheaper storefront carts (sample rulebook, DE)
//   taoquote_bench --heavy-splits   carts of 3 … 9 kg items too heavy for one sea parcel
//   taoquote_bench --offer-carts FAMILY ITEMS REPS   quotes one size's carts REPS times (for
//                               callgrind instruction counts; FAMILY 0, 1 or 2)
#include "../../core/src/offer_search.hpp"
#include "../../core/src/split.hpp"
#include "offer_carts.hpp"
#include "taoquote/codec.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
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

// The search's own work for a bench cart (flat prices, so line amount = price × quantity):
// a deterministic figure, unlike times on a shared machine.
std::uint64_t search_steps(const taoquote::Request& rq) {
  taoquote::detail::OfferProblem p;
  taoquote::Decimal::parse("0.01", p.unit);
  for (const auto& s : rq.sellers)
    p.sellers.push_back({s.shipping, s.free_over});
  for (const auto& item : rq.items) {
    auto& options = p.options.emplace_back();
    for (const auto& o : item.offers) {
      std::size_t s = 0;
      while (rq.sellers[s].id != o.seller)
        ++s;
      options.push_back({s, o.tiers[0].unit_price * item.quantity});
    }
  }
  return taoquote::detail::solve_offer_choice(p).steps;
}

// The seeded carts of one size of a family (the same for the table and for callgrind).
std::vector<taoquote::Request> offer_carts(const taoquote_bench::OfferFamily& family, int n) {
  std::vector<taoquote::Request> carts;
  for (int c = 0; c < 5; ++c) {
    auto rq = taoquote::parse_request(
        taoquote_bench::offer_cart(family, n, 1000 + 7 * static_cast<std::uint64_t>(n) + c));
    if (!rq.ok()) {
      std::printf("request error: %s\n", taoquote::error_json(rq.error()).c_str());
      std::exit(1);
    }
    carts.push_back(std::move(rq.value()));
  }
  return carts;
}

const taoquote_bench::OfferFamily* const offer_families[] = {
    &taoquote_bench::light, &taoquote_bench::harder, &taoquote_bench::widest};

// Quotes the carts of one size `reps` times: run under callgrind twice (REPS 1 and 3), the
// difference ÷ 10 is the instructions of one quote, a figure load cannot disturb.
int offer_carts_run(int family, int n, int reps) {
  const auto rb = taoquote::load_rulebook(
      slurp(TAOQUOTE_RULES_DIR "/../../tests/vectors/rulebooks/fixture-a.json"));
  if (!rb.ok() || family < 0 || family > 2) return 1;
  const auto carts = offer_carts(*offer_families[family], n);
  for (int r = 0; r < reps; ++r)
    for (const auto& rq : carts)
      sink = taoquote::compute_quote(*rb.value(), rq).ok();
  return 0;
}

// The offer-choice table (docs/performance.md): for each cart size, the mean over
// `carts_per_size` seeded carts of the typed compute_quote time (best of 15 batches of
// ≥ 20 ms) and of the search's steps, and whether every choice was proven optimal (no
// OFFER_CHOICE_UNPROVEN warning).
int offer_table() {
  constexpr int carts_per_size = 5;
  // fixture-a: its DHL line has no size limit, so carts of 200 items still ship.
  const std::string rb_text =
      slurp(TAOQUOTE_RULES_DIR "/../../tests/vectors/rulebooks/fixture-a.json");
  const auto rb = taoquote::load_rulebook(rb_text);
  if (!rb.ok()) return 1;
  const int sizes[] = {1, 5, 8, 10, 12, 13, 20, 50, 100, 200};
  for (const auto* family : offer_families) {
    std::printf("%s\n%6s %14s %8s %12s\n", family->name, "items", "us/quote", "proven", "steps");
    for (int n : sizes) {
      const auto carts = offer_carts(*family, n);
      bool proven = true;
      std::uint64_t steps = 0;
      const auto t0 = std::chrono::steady_clock::now();
      for (const auto& rq : carts) {
        const auto q = taoquote::compute_quote(*rb.value(), rq);
        if (!q.ok()) {
          std::printf("quote error: %s\n", taoquote::error_json(q.error()).c_str());
          return 1;
        }
        for (const auto& w : q.value().warnings)
          proven = proven && w.code != "OFFER_CHOICE_UNPROVEN";
        steps += search_steps(rq);
      }
      const double once =
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
      const int per_batch = once > 20'000 ? 1 : static_cast<int>(20'000 / (once + 1)) + 1;
      // Best batch rather than median: on the shared 2-core machine load only adds time.
      double us = 1e300;
      for (int b = 0; b < (once > 100'000 ? 2 : 15); ++b)
        us = std::min(us, median_us(1, per_batch, [&] {
                            for (const auto& rq : carts)
                              sink = taoquote::compute_quote(*rb.value(), rq).ok();
                          }) / carts_per_size);
      std::printf("%6d %14.1f %8s %12llu\n", n, us, proven ? "yes" : "NO",
                  static_cast<unsigned long long>(steps / carts_per_size));
    }
  }
  return 0;
}

// The cart-size table (docs/performance.md): for 1 … 200 items of the light family, the
// typed quote, the whole JSON in → JSON out quote and the request parse alone (medians, µs),
// and the JSON quote's cost per item.
int size_table() {
  const auto rb = taoquote::load_rulebook(
      slurp(TAOQUOTE_RULES_DIR "/../../tests/vectors/rulebooks/fixture-a.json"));
  if (!rb.ok()) return 1;
  std::printf("%6s %10s %10s %10s %12s\n", "items", "typed", "JSON", "parse", "JSON/item");
  struct Row {
    int items;
    double typed, json;
  };
  std::vector<Row> rows;
  for (int n : {1, 5, 8, 10, 12, 13, 20, 30, 40, 50, 75, 100, 150, 200}) {
    const std::string text = taoquote_bench::offer_cart(taoquote_bench::light, n, 4242 + n);
    const auto rq = taoquote::parse_request(text);
    if (!rq.ok()) return 1;
    const int per_batch = n >= 100 ? 20 : 200;
    const double typed = median_us(
        15, per_batch, [&] { sink = taoquote::compute_quote(*rb.value(), rq.value()).ok(); });
    const double json = median_us(
        15, per_batch, [&] { sink = taoquote::quote_json(*rb.value(), text).body.size(); });
    const double parse =
        median_us(15, per_batch, [&] { sink = taoquote::parse_request(text).ok(); });
    std::printf("%6d %10.1f %10.1f %10.1f %12.2f\n", n, typed, json, parse, json / n);
    rows.push_back({n, typed, json});
  }
  // The largest step in time between neighbouring sizes, beside the step in size.
  for (const auto& [name, of] : {std::pair{"typed", &Row::typed}, {"JSON", &Row::json}}) {
    std::size_t at = 1;
    for (std::size_t k = 1; k < rows.size(); ++k)
      if (rows[k].*of / rows[k - 1].*of > rows[at].*of / rows[at - 1].*of) at = k;
    std::printf("largest step, %s: %.2fx (%d -> %d items, %.2fx the items)\n", name,
                rows[at].*of / rows[at - 1].*of, rows[at - 1].items, rows[at].items,
                static_cast<double>(rows[at].items) / rows[at - 1].items);
  }
  return 0;
}

// A generated request; a generator's mistake stops the benchmark.
taoquote::Request parsed(const std::string& text) {
  auto rq = taoquote::parse_request(text);
  if (!rq.ok()) {
    std::printf("request error: %s\n", taoquote::error_json(rq.error()).c_str());
    std::exit(1);
  }
  return std::move(rq.value());
}

// Whether a quote's split search proved its split the least landed (no SPLIT_UNPROVEN).
bool proven_split(const taoquote::Quote& q) {
  return std::none_of(q.warnings.begin(), q.warnings.end(),
                      [](const taoquote::Warning& w) { return w.code == "SPLIT_UNPROVEN"; });
}

// The split search alone for a request, with no one-parcel quote to beat.
taoquote::detail::SplitResult search_alone(const taoquote::Rulebook& rb,
                                           const taoquote::Request& rq, std::uint64_t bound) {
  std::vector<taoquote::Warning> warnings;
  const auto ctx = taoquote::detail::make_context(rb, rq, warnings);
  const auto offers = taoquote::detail::choose_offers(ctx);
  const auto fees = taoquote::detail::compute_fees(ctx, offers.goods);
  return taoquote::detail::search_split(ctx, offers, fees, std::nullopt, bound);
}

// A cart of `n` items to KR that no single line of fixture-a can carry: batteries (DHL only,
// ≤ 5 kg), liquids (EMS only, ≤ 30 kg), seeded weights of 150 g … 1.4 kg and prices.
taoquote::Request split_cart(int n, std::uint32_t seed) {
  std::mt19937 gen(seed);
  std::string items;
  for (int i = 0; i < n; ++i) {
    const unsigned weight = 150 + gen() % 1250, price = 5 + gen() % 200;
    items += std::string(i ? "," : "") + R"({"id":"i)" + std::to_string(i) +
             R"(","title":"t","hs_code":"950300","quantity":1,"weight_g":)" +
             std::to_string(weight) + R"(,"dimensions_cm":[20,15,4],"attributes":[")" +
             (i % 2 ? "battery" : "liquid") + R"("],"offers":[{"seller":"s1","unit_price":")" +
             std::to_string(price) + R"(.00"}]})";
  }
  const std::string text =
      R"({"at":"2026-11-25T08:00:00Z","destination":{"country":"KR"},"sellers":[{"id":"s1",)"
      R"("platform":"taobao","shipping":"8.00"}],"items":[)" +
      items + "]}";
  return parsed(text);
}

// A storefront cart of `n` items to DE under the sample rulebook, split when_cheaper: a power
// bank (battery), a shampoo (liquid) and clothes of seeded weights (150 … 800 g), quantities
// (1 or 2), prices and sellers. Usually one parcel is cheapest, and the search must prove it.
std::string storefront_cart(int n, std::uint32_t seed) {
  std::mt19937 gen(seed);
  std::string items =
      R"({"id":"powerbank","title":"power bank","hs_code":"850760","quantity":1,"weight_g":400,)"
      R"("dimensions_cm":[15,8,3],"attributes":["battery"],"offers":[{"seller":"s1","unit_price":"150.00"}]},)"
      R"({"id":"shampoo","title":"shampoo","hs_code":"330510","quantity":1,"weight_g":1800,)"
      R"("dimensions_cm":[25,10,8],"attributes":["liquid"],"offers":[{"seller":"s1","unit_price":"40.00"}]})";
  for (int i = 2; i < n; ++i) {
    const unsigned quantity = 1 + gen() % 2, weight = 150 + gen() % 651, height = 2 + gen() % 5;
    const unsigned seller = 1 + static_cast<unsigned>(i) % 3, price = 20 + gen() % 101;
    items += R"(,{"id":"c)" + std::to_string(i) +
             R"(","title":"tee","hs_code":"610910","quantity":)" + std::to_string(quantity) +
             R"(,"weight_g":)" + std::to_string(weight) + R"(,"dimensions_cm":[30,25,)" +
             std::to_string(height) + R"(],"offers":[{"seller":"s)" + std::to_string(seller) +
             R"(","unit_price":")" + std::to_string(price) + R"(.00"}]})";
  }
  return R"({"at":"2026-11-25T08:00:00Z","destination":{"country":"DE"},"split":"when_cheaper",)"
         R"("sellers":[{"id":"s1","platform":"taobao","shipping":"8.00"},)"
         R"({"id":"s2","platform":"1688","shipping":"10.00"},)"
         R"({"id":"s3","platform":"pinduoduo","shipping":"0.00"}],"items":[)" +
         items + "]}";
}

// The storefront table (docs/performance.md): for each size, 5 seeded carts, the typed quote
// time (median of the carts' medians) and how many of the 5 the search proved.
int storefront_table() {
  const auto rb = taoquote::load_rulebook(slurp(TAOQUOTE_RULES_DIR "/sample-rulebook.json"));
  if (!rb.ok()) return 1;
  std::printf("%6s %12s %8s %8s\n", "items", "us/quote", "parcels", "proven");
  for (int n : {3, 5, 10, 15, 20}) {
    std::vector<double> times;
    int proven = 0;
    std::size_t parcels = 0;
    for (std::uint32_t c = 0; c < 5; ++c) {
      const auto rq = parsed(storefront_cart(n, 31 * static_cast<std::uint32_t>(n) + c));
      const auto q = taoquote::compute_quote(*rb.value(), rq);
      if (!q.ok()) return 1;
      parcels += std::max<std::size_t>(1, q.value().parcels.size());
      proven += proven_split(q.value());
      times.push_back(
          median_us(5, 3, [&] { sink = taoquote::compute_quote(*rb.value(), rq).ok(); }));
    }
    std::sort(times.begin(), times.end());
    std::printf("%6d %12.1f %8.1f %6d/5\n", n, times[2], static_cast<double>(parcels) / 5.0,
                proven);
  }
  return 0;
}

// The split table (docs/performance.md): for carts that must split, the typed quote time
// (median over 5 seeded carts, best of batches), the parcels it ships as, and whether every
// split was proven the least landed (no SPLIT_UNPROVEN warning); `when_cheaper` beside it.
int split_table() {
  const auto rb = taoquote::load_rulebook(
      slurp(TAOQUOTE_RULES_DIR "/../../tests/vectors/rulebooks/fixture-a.json"));
  if (!rb.ok()) return 1;
  std::printf("%6s %12s %8s %8s %10s %10s %16s %8s\n", "items", "us/quote", "parcels", "proven",
              "steps", "landings", "us when_cheaper", "proven");
  for (int n : {2, 4, 6, 8, 10, 12, 16, 20}) {
    std::vector<taoquote::Request> carts;
    for (std::uint32_t c = 0; c < 5; ++c)
      carts.push_back(split_cart(n, 777 + 31 * static_cast<std::uint32_t>(n) + c));
    double us[2] = {0, 0};
    bool proven[2] = {true, true};
    std::size_t parcels = 0;
    std::uint64_t steps = 0, landings = 0;
    for (int mode = 0; mode < 2; ++mode) {
      for (auto& rq : carts) {
        rq.split = mode ? taoquote::Split::when_cheaper : taoquote::Split::when_needed;
        const auto q = taoquote::compute_quote(*rb.value(), rq);
        if (!q.ok()) {
          std::printf("quote error: %s\n", taoquote::error_json(q.error()).c_str());
          return 1;
        }
        if (mode == 0) {
          parcels += q.value().parcels.size();
          const auto found =
              search_alone(*rb.value(), rq, taoquote::detail::default_split_work_bound);
          steps += found.steps;
          landings += found.landings;
        }
        proven[mode] = proven[mode] && proven_split(q.value());
      }
      double best = 1e300;
      for (int b = 0; b < 5; ++b)
        best = std::min(best, median_us(1, 3, [&] {
                                for (const auto& rq : carts)
                                  sink = taoquote::compute_quote(*rb.value(), rq).ok();
                              }) / static_cast<double>(carts.size()));
      us[mode] = best;
    }
    const double count = static_cast<double>(carts.size());
    std::printf("%6d %12.1f %8.1f %8s %10.0f %10.0f %16.1f %8s\n", n, us[0],
                static_cast<double>(parcels) / count, proven[0] ? "yes" : "NO",
                static_cast<double>(steps) / count, static_cast<double>(landings) / count, us[1],
                proven[1] ? "yes" : "NO");
  }
  return 0;
}

// A cart of `n` items of 3 … 9 kg (40 × 30 × 10 … 25 cm, seeded) to DE under the sample
// rulebook, for the heavy-split table: with enough items no single line can carry it (sea
// freight takes 100 kg and 200 cm a side), and every split goes by sea at one rate a kilo.
std::string heavy_cart(int n, std::uint32_t seed) {
  std::mt19937 gen(seed);
  std::string items;
  for (int i = 0; i < n; ++i) {
    const unsigned weight = 3000 + gen() % 6001, height = 10 + gen() % 16, price = 20 + gen() % 281;
    items += std::string(i ? "," : "") + R"({"id":"h)" + std::to_string(i) +
             R"(","title":"tool","hs_code":"820559","quantity":1,"weight_g":)" +
             std::to_string(weight) + R"(,"dimensions_cm":[40,30,)" + std::to_string(height) +
             R"(],"offers":[{"seller":"s1","unit_price":")" + std::to_string(price) + R"(.00"}]})";
  }
  return R"({"at":"2026-11-25T08:00:00Z","destination":{"country":"DE"},)"
         R"("sellers":[{"id":"s1","platform":"1688","shipping":"10.00"}],"items":[)" +
         items + "]}";
}

// The heavy-split table (docs/parcels.md, docs/performance.md): for each size, 5 seeded heavy
// carts; the time of one quote (median and largest), the parcels, the search's steps
// (median) and how many of the 5 it proved.
int heavy_table() {
  const auto rb = taoquote::load_rulebook(slurp(TAOQUOTE_RULES_DIR "/sample-rulebook.json"));
  if (!rb.ok()) return 1;
  std::printf("%6s %10s %10s %8s %10s %8s\n", "items", "ms p50", "ms max", "parcels", "steps p50",
              "proven");
  for (int n : {2, 4, 6, 8, 10, 12, 14, 16, 20}) {
    std::vector<double> ms, steps;
    std::size_t parcels = 0;
    int proven = 0;
    for (std::uint32_t c = 0; c < 5; ++c) {
      const auto rq = parsed(heavy_cart(n, 97 * static_cast<std::uint32_t>(n) + c));
      const auto t0 = std::chrono::steady_clock::now();
      const auto q = taoquote::compute_quote(*rb.value(), rq);
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      if (!q.ok()) {
        std::printf("quote error: %s\n", taoquote::error_json(q.error()).c_str());
        return 1;
      }
      parcels += std::max<std::size_t>(1, q.value().parcels.size());
      proven += proven_split(q.value());
      steps.push_back(static_cast<double>(
          search_alone(*rb.value(), rq, taoquote::detail::default_split_work_bound).steps));
    }
    std::sort(ms.begin(), ms.end());
    std::sort(steps.begin(), steps.end());
    std::printf("%6d %10.2f %10.2f %8.1f %10.0f %6d/5\n", n, ms[2], ms[4],
                static_cast<double>(parcels) / 5.0, steps[2], proven);
  }
  return 0;
}

// The proof table (docs/parcels.md, docs/performance.md): for carts that must split, 60
// seeded carts a size, the steps and time the search takes to prove its split without a work
// bound (median, 90th percentile, largest), and how many the default bound proves.
int split_proof_table() {
  const auto rb = taoquote::load_rulebook(
      slurp(TAOQUOTE_RULES_DIR "/../../tests/vectors/rulebooks/fixture-a.json"));
  if (!rb.ok()) return 1;
  std::printf("%6s %10s %10s %10s %10s %10s %12s\n", "items", "steps p50", "p90", "max", "ms p50",
              "ms max", "proven");
  for (int n = 8; n <= 20; n += 2) {
    std::vector<double> steps, ms;
    int proven = 0;
    for (std::uint32_t c = 0; c < 60; ++c) {
      const taoquote::Request rq = split_cart(n, 5000 + 7 * c);
      std::vector<taoquote::Warning> warnings;
      const auto ctx = taoquote::detail::make_context(*rb.value(), rq, warnings);
      const auto offers = taoquote::detail::choose_offers(ctx);
      const auto fees = taoquote::detail::compute_fees(ctx, offers.goods);
      const auto t0 = std::chrono::steady_clock::now();
      const auto found =
          taoquote::detail::search_split(ctx, offers, fees, std::nullopt, 1'000'000'000);
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      steps.push_back(static_cast<double>(found.steps));
      proven += found.steps <= taoquote::detail::default_split_work_bound;
    }
    std::sort(steps.begin(), steps.end());
    std::sort(ms.begin(), ms.end());
    std::printf("%6d %10.0f %10.0f %10.0f %10.2f %10.1f %9d/60\n", n, steps[30], steps[54],
                steps[59], ms[30], ms[59], proven);
  }
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--offers") return offer_table();
  if (argc == 2 && std::string(argv[1]) == "--sizes") return size_table();
  if (argc == 2 && std::string(argv[1]) == "--splits") return split_table();
  if (argc == 2 && std::string(argv[1]) == "--split-proofs") return split_proof_table();
  if (argc == 2 && std::string(argv[1]) == "--storefront-splits") return storefront_table();
  if (argc == 2 && std::string(argv[1]) == "--heavy-splits") return heavy_table();
  if (argc == 5 && std::string(argv[1]) == "--offer-carts")
    return offer_carts_run(std::atoi(argv[2]), std::atoi(argv[3]), std::atoi(argv[4]));
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
