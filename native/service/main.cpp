// taoquote-service: wires configuration, the rulebook store and reloader, the handlers and
// the HTTP server together, and turns signals into reloads and a graceful drain.
#include "config.hpp"
#include "cors.hpp"
#include "handlers.hpp"
#include "http_server.hpp"
#include "log.hpp"
#include "metrics.hpp"
#include "offer_check.hpp"
#include "reloader.hpp"
#include "rulebook_store.hpp"
#include "static_files.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#ifdef TAOQUOTE_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif

#ifndef TAOQUOTE_SOURCE_DIR
#define TAOQUOTE_SOURCE_DIR "."
#endif
#ifndef TAOQUOTE_VERSION
#define TAOQUOTE_VERSION "0"
#endif

namespace {

using namespace taoquote::service;

// The allocator serving this process, as the allocator itself reports it (the start-up log).
std::string allocator_name() {
#ifdef TAOQUOTE_JEMALLOC
  const char* version = nullptr;
  std::size_t size = sizeof(version);
  if (mallctl("version", static_cast<void*>(&version), &size, nullptr, 0) == 0 && version)
    return std::string("jemalloc ") + version;
#endif
  return "system";
}

int serve(const Config& config, const Logger& log) {
  std::string text, read_error;
  if (!read_file(config.rulebook_path, text, read_error)) {
    log.event("startup_failed", JsonObject().str("message", read_error));
    return 1;
  }
  const FileStamp stamp = stamp_of(config.rulebook_path);
  auto first = make_snapshot(std::move(text));
  if (!first) {
    const auto& e = first.error();
    log.event("startup_failed", JsonObject()
                                    .str("path", config.rulebook_path)
                                    .str("code", taoquote::error_code_name(e.code))
                                    .str("pointer", e.path)
                                    .str("message", e.message));
    return 1;
  }
  RulebookStore store(first.value());
  Metrics metrics;
  metrics.set_version(TAOQUOTE_VERSION);
  std::unique_ptr<StaticFiles> files;
  if (!config.static_dir.empty()) files = std::make_unique<StaticFiles>(config.static_dir);
  // Offer keys: a file (reloaded on SIGHUP) or the environment. Logs name the key ids only.
  OfferKeyStore offer_keys;
  const auto load_keys = [&](const char* event) {
    std::string why;
    std::shared_ptr<const taoquote::offers::PublicKeys> keys;
    if (!config.offer_keys_path.empty()) {
      keys = load_offer_keys(config.offer_keys_path, why);
    } else if (!config.offer_keys_json.empty()) {
      if (auto k = taoquote::offers::PublicKeys::from_jwks(config.offer_keys_json, why))
        keys = std::make_shared<const taoquote::offers::PublicKeys>(std::move(*k));
      else
        why = "TAOQUOTE_OFFER_KEYS_JSON: " + why;
    } else {
      return true;
    }
    if (!keys) {
      log.event(event, JsonObject().str("result", "rejected").str("message", why));
      return false;
    }
    std::string kids = "[";
    for (const auto& kid : keys->kids()) {
      if (kids.size() > 1) kids += ',';
      append_json_string(kids, kid);
    }
    kids += ']';
    offer_keys.replace(std::move(keys));
    log.event(event, JsonObject().str("result", "ok").raw("kids", kids));
    return true;
  };
  if (!load_keys("offer_keys")) return 1;
  OfferVerification verification;
  verification.keys = &offer_keys;
  verification.skew = config.clock_skew;
  const CorsPolicy cors(config.cors_origins);
  const Handlers handlers(store, metrics, files.get(), config.max_work,
                          cors.enabled() ? &cors : nullptr, verification);
  Reloader reloader(config.rulebook_path, config.reload_poll, stamp, store, metrics, log);

  boost::asio::io_context ioc(static_cast<int>(config.threads));
  HttpServer server(ioc, config, handlers, metrics, log);

  auto signal_strand = boost::asio::make_strand(ioc);
  boost::asio::signal_set signals(signal_strand, SIGHUP, SIGTERM, SIGINT);
  bool stopping = false;
  std::function<void()> wait_signal = [&] {
    signals.async_wait([&](const boost::system::error_code& ec, int signo) {
      if (ec) return; // cancelled once drained
      if (signo == SIGHUP) {
        log.event("signal", JsonObject().str("signal", "SIGHUP"));
        reloader.request_reload();
        if (!config.offer_keys_path.empty()) load_keys("offer_keys_reload");
      } else if (!stopping) {
        stopping = true;
        log.event("signal", JsonObject().str("signal", signo == SIGTERM ? "SIGTERM" : "SIGINT"));
        server.drain([&] { boost::asio::post(signal_strand, [&] { signals.cancel(); }); });
      } else {
        log.event("signal", JsonObject().str("signal", "repeated").str("action", "close_all"));
        server.close_all();
      }
      wait_signal();
    });
  };
  wait_signal();

  const auto& rb = *store.current();
  log.event("listening",
            JsonObject()
                .str("address", config.address)
                .num("port", server.port())
                .num("threads", config.threads)
                .num("quote_workers", config.quote_workers)
                .num("max_connections", static_cast<std::int64_t>(server.max_connections()))
                .str("rulebook_path", config.rulebook_path)
                .str("rulebook_id", rb.id())
                .str("rulebook_digest", rb.digest())
                .str("static_dir", files ? files->root() : std::string())
                .str("version", TAOQUOTE_VERSION)
                .str("allocator", allocator_name()));
  reloader.start();
  server.start();

  // A handler that throws (only std::bad_alloc can) must not take the process down: log it
  // and keep running the loop, the usual Asio recipe.
  const auto run = [&] {
    for (;;) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& e) {
        log.event("handler_exception", JsonObject().str("message", e.what()));
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < config.threads; ++i)
    pool.emplace_back(run);
  run();
  for (auto& t : pool)
    t.join();
  reloader.stop();
  log.event("stopped",
            JsonObject()
                .num("reloads", static_cast<std::int64_t>(metrics.reloads()))
                .num("reload_failures", static_cast<std::int64_t>(metrics.reload_failures())));
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN); // a closed peer is an error code, not a kill
  const std::vector<std::string> args(argv + 1, argv + argc);
  const auto parsed = parse_config(
      args, [](const char* name) { return std::getenv(name); }, TAOQUOTE_SOURCE_DIR);
  switch (parsed.action) {
  case ConfigOutcome::Action::help: std::cout << usage_text(TAOQUOTE_SOURCE_DIR); return 0;
  case ConfigOutcome::Action::version:
    std::cout << "taoquote-service " TAOQUOTE_VERSION "\n";
    return 0;
  case ConfigOutcome::Action::error:
    std::cerr << "taoquote-service: " << parsed.message << "\n";
    return 2;
  case ConfigOutcome::Action::run: break;
  }
  const Logger log(2, parsed.config.access_log);
  try {
    return serve(parsed.config, log);
  } catch (const std::exception& e) {
    log.event("fatal", JsonObject().str("message", e.what()));
    return 1;
  }
}
