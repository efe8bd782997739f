// Ed25519 keys for signed offers (docs/signed-offers.md): a ring of public keys by id that
// verifies, and one private key that signs. Key material never appears in any message here.
#pragma once

#include "taoquote/request.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taoquote::offers {

/// Base64url without padding (RFC 4648 §5) of `bytes`.
std::string base64url_encode(std::string_view bytes);

/// The bytes of unpadded base64url `text`, or nullopt when it is not canonical base64url.
std::optional<std::string> base64url_decode(std::string_view text);

/// True for a key id of 1–64 of [A-Za-z0-9._:-] (the request's `kid` syntax).
bool valid_kid(std::string_view kid) noexcept;

/// What checking one offer's signature found.
enum class Check { ok, unknown_key, invalid };

/// The public keys a verifier accepts, by key id: several at once, so a signer can rotate.
class PublicKeys {
public:
  PublicKeys();
  ~PublicKeys();
  PublicKeys(PublicKeys&&) noexcept;
  PublicKeys& operator=(PublicKeys&&) noexcept;

  /// Reads a JWK set (RFC 7517/8037): {"keys":[{"kty":"OKP","crv":"Ed25519","kid":…,"x":…}]},
  /// 1–64 keys with distinct ids. On failure returns nullopt and a sentence in `why` that names
  /// the entry (never its key material).
  static std::optional<PublicKeys> from_jwks(std::string_view json, std::string& why);

  /// The key ids, in file order.
  const std::vector<std::string>& kids() const noexcept { return kids_; }
  bool empty() const noexcept { return kids_.empty(); }

  /// Checks an Ed25519 signature (base64url, 64 bytes) over `payload` with key `kid`.
  Check verify(std::string_view kid, std::string_view payload,
               std::string_view signature_b64url) const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> kids_;
};

/// The one private key a signer holds.
class PrivateKey {
public:
  PrivateKey();
  ~PrivateKey();
  PrivateKey(PrivateKey&&) noexcept;
  PrivateKey& operator=(PrivateKey&&) noexcept;

  /// Reads an Ed25519 private key in PEM (PKCS #8, as `openssl genpkey -algorithm ed25519`
  /// writes). On failure returns nullopt and a sentence in `why` without key material.
  static std::optional<PrivateKey> from_pem(std::string_view pem, std::string& why);

  /// A new key from OpenSSL's random generator.
  static PrivateKey generate();

  /// The key in PEM (PKCS #8, unencrypted): secret, for a file only its owner reads.
  std::string to_pem() const;

  /// The base64url Ed25519 signature (86 characters) of `payload`.
  std::string sign(std::string_view payload) const;

  /// The public half as one JWK: {"kty":"OKP","crv":"Ed25519","kid":kid,"x":…}.
  std::string public_jwk(std::string_view kid) const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Signs `offer` of `item` in place: sets its signature {kid, "ed25519", value} over
/// offer_signing_payload(item, offer, currency). The offer must carry expires_at.
void sign_offer(const PrivateKey& key, std::string_view kid, const Item& item, Offer& offer,
                std::string_view currency);

} // namespace taoquote::offers
