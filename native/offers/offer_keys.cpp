// Ed25519 through OpenSSL's EVP interface (one-shot DigestSign/DigestVerify, no digest: the
// algorithm hashes the message itself).
#include "offer_keys.hpp"

#include "taoquote/codec.hpp"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <map>

namespace taoquote::offers {
namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

struct PkeyFree {
  void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const noexcept { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

} // namespace

bool valid_kid(std::string_view kid) noexcept {
  if (kid.empty() || kid.size() > 64) return false;
  for (const char c : kid)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '_' || c == ':' || c == '-'))
      return false;
  return true;
}

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::uint32_t acc = 0;
  int bits = 0;
  for (const char ch : bytes) {
    acc = (acc << 8) | static_cast<unsigned char>(ch);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(acc >> bits) & 63u];
    }
  }
  if (bits > 0) out += alphabet[(acc << (6 - bits)) & 63u];
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (const char ch : text) {
    const auto v = alphabet.find(ch);
    if (v == std::string_view::npos) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFFu);
    }
  }
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return std::nullopt; // non-zero padding bits
  return out;
}

struct PublicKeys::Impl {
  std::map<std::string, Pkey, std::less<>> keys;
};

PublicKeys::PublicKeys() : impl_(std::make_unique<Impl>()) {}
PublicKeys::~PublicKeys() = default;
PublicKeys::PublicKeys(PublicKeys&&) noexcept = default;
PublicKeys& PublicKeys::operator=(PublicKeys&&) noexcept = default;

std::optional<PublicKeys> PublicKeys::from_jwks(std::string_view json, std::string& why) {
  const auto doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()) {
    why = "the key file is not a JWK set ({\"keys\":[…]})";
    return std::nullopt;
  }
  const auto& list = doc["keys"];
  if (list.empty() || list.size() > 64) {
    why = "a JWK set holds 1 to 64 keys";
    return std::nullopt;
  }
  PublicKeys out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& k = list[i];
    const std::string where = "key " + std::to_string(i);
    auto str = [&](const char* name) -> std::string {
      return k.is_object() && k.contains(name) && k[name].is_string() ? k[name].get<std::string>()
                                                                      : std::string();
    };
    const std::string kid = str("kid");
    // "key I (kid K): what" — the sentence of every refusal of this key.
    const auto refused = [&](std::string_view what) {
      std::string sentence = where;
      sentence.append(" (kid ").append(kid).append("): ").append(what);
      return sentence;
    };
    if (!valid_kid(kid)) {
      why = where + ": \"kid\" must be 1-64 of [A-Za-z0-9._:-]";
      return std::nullopt;
    }
    if (str("kty") != "OKP" || str("crv") != "Ed25519") {
      why = refused("only {\"kty\":\"OKP\",\"crv\":\"Ed25519\"} keys are read");
      return std::nullopt;
    }
    if (k.contains("d")) {
      why = refused("a private key (\"d\") does not belong in a verify key file");
      return std::nullopt;
    }
    const auto raw = base64url_decode(str("x"));
    if (!raw || raw->size() != 32) {
      why = refused("\"x\" must be 32 bytes in base64url");
      return std::nullopt;
    }
    Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                         reinterpret_cast<const unsigned char*>(raw->data()),
                                         raw->size()));
    if (!key) {
      why = refused("not an Ed25519 public key");
      return std::nullopt;
    }
    if (!out.impl_->keys.emplace(kid, std::move(key)).second) {
      why = where;
      why.append(": the kid ").append(kid).append(" appears twice");
      return std::nullopt;
    }
    out.kids_.push_back(kid);
  }
  return out;
}

Check PublicKeys::verify(std::string_view kid, std::string_view payload,
                         std::string_view signature_b64url) const {
  const auto it = impl_->keys.find(kid);
  if (it == impl_->keys.end()) return Check::unknown_key;
  const auto sig = base64url_decode(signature_b64url);
  if (!sig || sig->size() != 64) return Check::invalid;
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, it->second.get()) != 1)
    return Check::invalid;
  const int ok =
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                       reinterpret_cast<const unsigned char*>(payload.data()), payload.size());
  return ok == 1 ? Check::ok : Check::invalid;
}

struct PrivateKey::Impl {
  Pkey key;
};

PrivateKey::PrivateKey() : impl_(std::make_unique<Impl>()) {}
PrivateKey::~PrivateKey() = default;
PrivateKey::PrivateKey(PrivateKey&&) noexcept = default;
PrivateKey& PrivateKey::operator=(PrivateKey&&) noexcept = default;

std::optional<PrivateKey> PrivateKey::from_pem(std::string_view pem, std::string& why) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  PrivateKey out;
  if (bio) out.impl_->key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!out.impl_->key || EVP_PKEY_get_id(out.impl_->key.get()) != EVP_PKEY_ED25519) {
    why = "the key file is not an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519)";
    return std::nullopt;
  }
  return out;
}

PrivateKey PrivateKey::generate() {
  PrivateKey out;
  out.impl_->key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!out.impl_->key) throw std::runtime_error("Ed25519 key generation failed");
  return out;
}

std::string PrivateKey::to_pem() const {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), impl_->key.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1)
    throw std::runtime_error("the Ed25519 key could not be written");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string PrivateKey::sign(std::string_view payload) const {
  MdCtx ctx(EVP_MD_CTX_new());
  unsigned char sig[64];
  std::size_t size = sizeof sig;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, impl_->key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), sig, &size, reinterpret_cast<const unsigned char*>(payload.data()),
                     payload.size()) != 1 ||
      size != sizeof sig)
    throw std::runtime_error("Ed25519 signing failed");
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(sig), size));
}

std::string PrivateKey::public_jwk(std::string_view kid) const {
  unsigned char raw[32];
  std::size_t size = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(impl_->key.get(), raw, &size) != 1 || size != sizeof raw)
    throw std::runtime_error("the Ed25519 public key could not be read");
  nlohmann::ordered_json jwk{
      {"kty", "OKP"},
      {"crv", "Ed25519"},
      {"kid", std::string(kid)},
      {"x", base64url_encode(std::string_view(reinterpret_cast<const char*>(raw), size))}};
  return jwk.dump();
}

void sign_offer(const PrivateKey& key, std::string_view kid, const Item& item, Offer& offer,
                std::string_view currency) {
  const std::string value = key.sign(offer_signing_payload(item, offer, currency));
  offer.signature = OfferSignature{std::string(kid), "ed25519", value};
}

} // namespace taoquote::offers
