// `taoquote offers`: signs a catalog's or a request's offers with an Ed25519 private key, and
// prints the public key set a verifier loads (docs/signed-offers.md).
#include "args.hpp"
#include "commands.hpp"
#include "io.hpp"

#include "offer_keys.hpp"
#include "taoquote/codec.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <initializer_list>
#include <string_view>
#include <unistd.h>

namespace taoquote::cli {
namespace {

// "a: b: c": a message's parts, from the command to what went wrong.
std::string joined(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) {
    if (!out.empty()) out += ": ";
    out += part;
  }
  return out;
}

using Json = nlohmann::ordered_json;

constexpr const char* offers_help =
    R"(Usage: taoquote offers sign FILE --key PEM --kid KID [options]
       taoquote offers public-key --key PEM --kid KID
       taoquote offers generate-key --out PEM

Commands:
  sign          sign every offer of a request or catalog file
  public-key    print the JWK set a service verifies with (--offer-keys)
  generate-key  write a new Ed25519 private key (PEM, mode 0600)

See taoquote offers sign --help.
)";

constexpr const char* sign_help =
    R"(Usage: taoquote offers sign FILE --key PEM --kid KID [--expires-at T | --valid-for S]
                            [--currency CODE]

Signs every offer of FILE (a request's items[].offers[] or a catalog's products[].offers[])
with an Ed25519 private key (PKCS #8 PEM, e.g. from openssl genpkey -algorithm ed25519) over
its canonical JSON: item id, seller, tiers, MOQ, currency and expires_at (docs/signed-offers.md).
Each offer gets "expires_at" and "signature": {"kid","alg":"ed25519","value"}. The file with
its signed offers is printed on standard output; nothing else in it changes.

Options:
  --key PEM        the private key file (never printed)
  --kid KID        the key's id, as the verifier's key set names it
  --expires-at T   every offer's expiry (RFC 3339); default: each offer's own expires_at
  --valid-for S    every offer expires S seconds from now
  --currency CODE  the rulebook's base currency (default CNY)
  -h, --help       this help

Exit codes: 0 signed, 1 an offer could not be read or has no expiry, 2 usage error,
3 a file could not be read.
)";

constexpr const char* public_key_help = R"(Usage: taoquote offers public-key --key PEM --kid KID

Prints {"keys":[{"kty":"OKP","crv":"Ed25519","kid":KID,"x":…}]}: the public half of the key,
for the service's --offer-keys file. Merge several sets' "keys" to accept several keys.
)";

std::optional<offers::PrivateKey> load_key(const std::string& cmd, const Args& args, int& exit) {
  std::string pem, why;
  if (!read_or_complain(*args.value("key"), pem)) {
    exit = exit_io;
    return std::nullopt;
  }
  auto key = offers::PrivateKey::from_pem(pem, why);
  if (!key) {
    complain(joined({cmd, *args.value("key"), why}));
    exit = exit_failed;
  }
  return key;
}

// The offer as the codec reads it, or a sentence saying why it cannot be signed.
std::optional<Offer> read_offer(const Json& o, std::string& why) {
  if (!o.is_object() || !o.contains("seller") || !o["seller"].is_string()) {
    why = "an offer is an object with a \"seller\"";
    return std::nullopt;
  }
  Offer out;
  out.seller = o["seller"].get<std::string>();
  auto amount = [&](const Json& v, Decimal& d) {
    return v.is_string() && Decimal::parse(v.get<std::string>(), d) == DecimalSyntax::ok &&
           !d.is_negative();
  };
  if (o.contains("unit_price") == o.contains("tiers")) {
    why = "an offer has exactly one of \"unit_price\" and \"tiers\"";
    return std::nullopt;
  }
  if (o.contains("unit_price")) {
    Tier t;
    if (!amount(o["unit_price"], t.unit_price)) {
      why = "\"unit_price\" is not a decimal string";
      return std::nullopt;
    }
    out.tiers.push_back(t);
  } else {
    if (!o["tiers"].is_array()) {
      why = "\"tiers\" is not an array";
      return std::nullopt;
    }
    for (const Json& t : o["tiers"]) {
      Tier tier;
      if (!t.is_object() || !t.contains("min_qty") || !t["min_qty"].is_number_integer() ||
          !t.contains("unit_price") || !amount(t["unit_price"], tier.unit_price)) {
        why = "a tier is {\"min_qty\": integer, \"unit_price\": decimal string}";
        return std::nullopt;
      }
      tier.min_qty = t["min_qty"].get<std::int64_t>();
      out.tiers.push_back(tier);
    }
  }
  if (o.contains("moq")) {
    if (!o["moq"].is_number_integer()) {
      why = "\"moq\" is not an integer";
      return std::nullopt;
    }
    out.moq = o["moq"].get<std::int64_t>();
  }
  return out;
}

int sign(const std::vector<std::string>& argv) {
  const std::string cmd = "offers sign";
  std::string error;
  const auto args =
      Args::parse(argv, {{"key"}, {"kid"}, {"expires-at"}, {"valid-for"}, {"currency"}}, error);
  if (!args) return usage_error(cmd, error);
  if (args->has("help")) return print_help(sign_help);
  if (args->positional().size() != 1) return usage_error(cmd, "expected one FILE");
  if (!args->has("key") || !args->has("kid"))
    return usage_error(cmd, "--key and --kid are required");
  const std::string kid = *args->value("kid");
  if (!offers::valid_kid(kid)) return usage_error(cmd, "--kid must be 1-64 of [A-Za-z0-9._:-]");
  if (args->has("expires-at") && args->has("valid-for"))
    return usage_error(cmd, "give at most one of --expires-at and --valid-for");
  std::optional<Instant> expiry;
  if (const auto e = args->value("expires-at")) {
    expiry = parse_instant(*e);
    if (!expiry) return usage_error(cmd, "--expires-at must be an RFC 3339 instant");
  }
  if (const auto v = args->value("valid-for")) {
    std::int64_t seconds = 0;
    try {
      std::size_t used = 0;
      seconds = std::stoll(*v, &used);
      if (used != v->size() || seconds <= 0 || seconds > 400LL * 86400) throw 0;
    } catch (...) {
      return usage_error(cmd, "--valid-for must be a whole number of seconds (1 to 400 days)");
    }
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    expiry =
        std::chrono::time_point_cast<std::chrono::seconds>(now) + std::chrono::seconds(seconds);
  }
  const std::string currency = args->value("currency").value_or("CNY");
  int exit = exit_ok;
  const auto key = load_key(cmd, *args, exit);
  if (!key) return exit;

  const std::string& path = args->positional()[0];
  std::string text;
  if (!read_or_complain(path, text)) return exit_io;
  Json doc = Json::parse(text, nullptr, false);
  const char* list = doc.is_object() && doc.contains("items")      ? "items"
                     : doc.is_object() && doc.contains("products") ? "products"
                                                                   : nullptr;
  if (!list || !doc[list].is_array()) {
    complain(joined({cmd, path, "expected a JSON object with \"items\" or \"products\""}));
    return exit_failed;
  }
  std::size_t signed_offers = 0;
  for (std::size_t i = 0; i < doc[list].size(); ++i) {
    Json& item_json = doc[list][i];
    const std::string where = "/" + std::string(list) + "/" + std::to_string(i);
    if (!item_json.is_object() || !item_json.contains("id") || !item_json["id"].is_string() ||
        !item_json.contains("offers") || !item_json["offers"].is_array()) {
      complain(joined({cmd, path, where, "an item has an \"id\" and \"offers\""}));
      return exit_failed;
    }
    Item item;
    item.id = item_json["id"].get<std::string>();
    for (std::size_t j = 0; j < item_json["offers"].size(); ++j) {
      Json& o = item_json["offers"][j];
      const std::string at = where + "/offers/" + std::to_string(j);
      std::string why;
      auto offer = read_offer(o, why);
      if (offer && !expiry) {
        const auto own = o.contains("expires_at") && o["expires_at"].is_string()
                             ? parse_instant(o["expires_at"].get<std::string>())
                             : std::nullopt;
        if (!own) why = "no expires_at (give --expires-at or --valid-for)";
        offer->expires_at = own;
      } else if (offer) {
        offer->expires_at = expiry;
      }
      if (!offer || !offer->expires_at) {
        complain(joined({cmd, path, at, why}));
        return exit_failed;
      }
      offers::sign_offer(*key, kid, item, *offer, currency);
      o.erase("signature");
      o["expires_at"] = format_instant(*offer->expires_at);
      o["signature"] = Json{{"kid", offer->signature->kid},
                            {"alg", offer->signature->alg},
                            {"value", offer->signature->value}};
      ++signed_offers;
    }
  }
  if (!write_output(doc.dump(1, ' ', false) + "\n")) return exit_io;
  std::fputs(("taoquote offers sign: " + std::to_string(signed_offers) + " offers signed with " +
              kid + "\n")
                 .c_str(),
             stderr);
  return exit_ok;
}

int public_key(const std::vector<std::string>& argv) {
  const std::string cmd = "offers public-key";
  std::string error;
  const auto args = Args::parse(argv, {{"key"}, {"kid"}}, error);
  if (!args) return usage_error(cmd, error);
  if (args->has("help")) return print_help(public_key_help);
  if (!args->positional().empty()) return usage_error(cmd, "takes no FILE");
  if (!args->has("key") || !args->has("kid"))
    return usage_error(cmd, "--key and --kid are required");
  if (!offers::valid_kid(*args->value("kid")))
    return usage_error(cmd, "--kid must be 1-64 of [A-Za-z0-9._:-]");
  int exit = exit_ok;
  const auto key = load_key(cmd, *args, exit);
  if (!key) return exit;
  return write_output("{\"keys\":[" + key->public_jwk(*args->value("kid")) + "]}\n") ? exit_ok
                                                                                     : exit_io;
}

constexpr const char* generate_help = R"(Usage: taoquote offers generate-key --out PEM

Writes a new Ed25519 private key (PKCS #8 PEM, as openssl genpkey -algorithm ed25519 does)
to PEM, created with mode 0600; an existing file is never overwritten. Only the signer
holds it: a verifying service needs the public key set (taoquote offers public-key).
)";

int generate_key(const std::vector<std::string>& argv) {
  const std::string cmd = "offers generate-key";
  std::string error;
  const auto args = Args::parse(argv, {{"out"}}, error);
  if (!args) return usage_error(cmd, error);
  if (args->has("help")) return print_help(generate_help);
  if (!args->positional().empty() || !args->has("out"))
    return usage_error(cmd, "expected --out PEM");
  const std::string path = *args->value("out");
  const std::string pem = offers::PrivateKey::generate().to_pem();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    complain(joined({cmd, path, "cannot create (it may exist already)"}));
    return exit_io;
  }
  const bool ok = ::write(fd, pem.data(), pem.size()) == static_cast<ssize_t>(pem.size());
  if (::close(fd) != 0 || !ok) {
    complain(joined({cmd, path, "write failed"}));
    return exit_io;
  }
  return exit_ok;
}

} // namespace

int run_offers(const std::vector<std::string>& args) {
  return run_subcommand(
      "offers", args, offers_help,
      {{"sign", &sign}, {"public-key", &public_key}, {"generate-key", &generate_key}});
}

} // namespace taoquote::cli
