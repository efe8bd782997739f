// Verification that trusts nothing from the browser (docs/signed-offers.md): every offer's
// Ed25519 signature and expiry against the configured public keys, the request's instant
// against the server's clock, and the quote's expiry.
#pragma once

#include "offer_keys.hpp"
#include "taoquote/request.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace taoquote::service {

/// The stable codes of a refusal (docs/service.md, "Signed offers").
namespace offer_codes {
inline constexpr std::string_view clock_skew = "CLOCK_SKEW";
inline constexpr std::string_view offer_unsigned = "OFFER_UNSIGNED";
inline constexpr std::string_view unknown_key = "UNKNOWN_KEY";
inline constexpr std::string_view signature_invalid = "OFFER_SIGNATURE_INVALID";
inline constexpr std::string_view offer_expired = "OFFER_EXPIRED";
inline constexpr std::string_view quote_expired = "QUOTE_EXPIRED";
} // namespace offer_codes

/// One thing that failed: a code above, the JSON Pointer into the request, a sentence, and
/// for an offer's problem the item and offer indexes (-1 for the instant's).
struct OfferProblem {
  std::string_view code;
  std::string path;
  std::string message;
  int item = -1;
  int offer = -1;
};

/// The public keys in force, swapped whole on reload (SIGHUP) like the rulebook.
class OfferKeyStore {
public:
  /// The keys in force; null when none are configured.
  std::shared_ptr<const offers::PublicKeys> current() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return keys_;
  }
  /// Puts `keys` in force; requests that already took the old set finish with it.
  void replace(std::shared_ptr<const offers::PublicKeys> keys) {
    const std::lock_guard<std::mutex> lock(mutex_);
    keys_ = std::move(keys);
  }

private:
  mutable std::mutex mutex_;
  std::shared_ptr<const offers::PublicKeys> keys_;
};

/// Reads a JWK set file; nullptr and a sentence (naming the path, never key material) on failure.
std::shared_ptr<const offers::PublicKeys> load_offer_keys(const std::string& path,
                                                          std::string& why);

/// The checks made before quoting, in request order: CLOCK_SKEW at /at when `request.at` is
/// more than `skew` from `now`; then per offer OFFER_UNSIGNED (…/offers/j), UNKNOWN_KEY
/// (…/signature/kid), OFFER_SIGNATURE_INVALID (…/signature) over
/// offer_signing_payload(item, offer, base_currency), and OFFER_EXPIRED (…/expires_at) when
/// a validly signed offer's expires_at ≤ now. Empty when everything holds.
std::vector<OfferProblem> check_offers(const Request& request, const offers::PublicKeys& keys,
                                       std::string_view base_currency, Instant now,
                                       std::chrono::milliseconds skew);

/// QUOTE_EXPIRED at /at when `now` ≥ the quote's expires_at; nullopt otherwise.
std::optional<OfferProblem> check_quote_expiry(Instant quote_expires_at, Instant now);

/// The request the server stands behind after a refusal: `at` = `now` (whole seconds), without
/// the offers `problems` (from check_offers) names. nullopt when an item keeps no offer.
std::optional<Request> trusted_request(const Request& request,
                                       const std::vector<OfferProblem>& problems, Instant now);

/// The refusal body: {"error":{"code","doc":"request","path","message","detail":[every problem
/// as {"code","path","message"}]}} plus "quote" (the canonical quote of trusted_request) when
/// one could be computed.
std::string refusal_body(const std::vector<OfferProblem>& problems,
                         const std::string& trusted_quote);

} // namespace taoquote::service
