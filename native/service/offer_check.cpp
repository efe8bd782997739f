// Offer and clock checks (see offer_check.hpp).
#include "offer_check.hpp"

#include "json_text.hpp"
#include "rulebook_store.hpp"
#include "taoquote/codec.hpp"
#include "taoquote/error.hpp"

namespace taoquote::service {
namespace {

std::string offer_pointer(std::size_t i, std::size_t j) {
  return "/items/" + std::to_string(i) + "/offers/" + std::to_string(j);
}

// The first problem of one offer, if any.
std::optional<OfferProblem> check_offer(const Item& item, const Offer& offer, const std::string& at,
                                        const offers::PublicKeys& keys,
                                        std::string_view base_currency, Instant now) {
  if (!offer.signature)
    return OfferProblem{offer_codes::offer_unsigned, at,
                        "This offer carries no signature; the service quotes only offers it "
                        "signed."};
  const OfferSignature& sig = *offer.signature;
  switch (keys.verify(sig.kid, offer_signing_payload(item, offer, base_currency), sig.value)) {
  case offers::Check::unknown_key:
    return OfferProblem{offer_codes::unknown_key, at + "/signature/kid",
                        "No verify key has the id \"" + sig.kid + "\"."};
  case offers::Check::invalid:
    return OfferProblem{offer_codes::signature_invalid, at + "/signature",
                        "The signature does not match this offer's item, seller, tiers, MOQ, "
                        "currency and expiry: the offer was changed after it was signed."};
  case offers::Check::ok: break;
  }
  if (offer.expires_at && *offer.expires_at <= now)
    return OfferProblem{offer_codes::offer_expired, at + "/expires_at",
                        "This offer expired at " + format_instant(*offer.expires_at) +
                            "; the server's clock reads " + format_instant(now) + "."};
  return std::nullopt;
}

} // namespace

std::shared_ptr<const offers::PublicKeys> load_offer_keys(const std::string& path,
                                                          std::string& why) {
  std::string text;
  if (!read_file(path, text, why)) return nullptr;
  auto keys = offers::PublicKeys::from_jwks(text, why);
  if (!keys) {
    why = path + ": " + why;
    return nullptr;
  }
  return std::make_shared<const offers::PublicKeys>(std::move(*keys));
}

std::vector<OfferProblem> check_offers(const Request& request, const offers::PublicKeys& keys,
                                       std::string_view base_currency, Instant now,
                                       std::chrono::milliseconds skew) {
  std::vector<OfferProblem> out;
  const auto off = request.at > now ? request.at - now : now - request.at;
  if (off > skew)
    out.push_back({offer_codes::clock_skew, "/at",
                   "The quote's instant " + format_instant(request.at) + " is more than " +
                       std::to_string(skew.count() / 1000) + " s from the server's clock (" +
                       format_instant(now) + ")."});
  for (std::size_t i = 0; i < request.items.size(); ++i) {
    const Item& item = request.items[i];
    for (std::size_t j = 0; j < item.offers.size(); ++j)
      if (auto p =
              check_offer(item, item.offers[j], offer_pointer(i, j), keys, base_currency, now)) {
        p->item = static_cast<int>(i);
        p->offer = static_cast<int>(j);
        out.push_back(std::move(*p));
      }
  }
  return out;
}

std::optional<OfferProblem> check_quote_expiry(Instant quote_expires_at, Instant now) {
  if (now < quote_expires_at) return std::nullopt;
  return OfferProblem{offer_codes::quote_expired, "/at",
                      "This quote expired at " + format_instant(quote_expires_at) +
                          "; the server's clock reads " + format_instant(now) + "."};
}

std::optional<Request> trusted_request(const Request& request,
                                       const std::vector<OfferProblem>& problems, Instant now) {
  Request out = request;
  out.at = std::chrono::time_point_cast<std::chrono::seconds>(now); // whole seconds
  const auto refused = [&](std::size_t i, std::size_t j) {
    for (const OfferProblem& p : problems)
      if (p.item == static_cast<int>(i) && p.offer == static_cast<int>(j)) return true;
    return false;
  };
  for (std::size_t i = 0; i < out.items.size(); ++i) {
    Item& item = out.items[i];
    std::vector<Offer> kept;
    for (std::size_t j = 0; j < item.offers.size(); ++j)
      if (!refused(i, j)) kept.push_back(item.offers[j]);
    if (kept.empty()) return std::nullopt;
    item.offers = std::move(kept);
  }
  return out;
}

std::string refusal_body(const std::vector<OfferProblem>& problems,
                         const std::string& trusted_quote) {
  std::string detail = "[";
  for (const OfferProblem& p : problems) {
    if (detail.size() > 1) detail += ',';
    detail += JsonObject().str("code", p.code).str("path", p.path).str("message", p.message).text();
  }
  detail += ']';
  const OfferProblem& first = problems.front();
  JsonObject error;
  error.str("code", first.code)
      .str("doc", "request")
      .str("path", first.path)
      .str("message", first.message)
      .raw("detail", detail);
  JsonObject body;
  body.raw("error", error.text());
  if (!trusted_quote.empty()) body.raw("quote", trusted_quote);
  return body.text();
}

} // namespace taoquote::service
