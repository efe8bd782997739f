// A quote request: the instant, the destination and the cart with its offers.
// Field meanings are documented in docs/schema.md. Names follow the JSON except where a field
// says otherwise: `Request::country` and `postal_code` are JSON `destination.*`, and an offer's
// `unit_price` is read as one tier from 1 (`Offer::tiers`).
#pragma once

#include "taoquote/decimal.hpp"
#include "taoquote/instant.hpp"
#include "taoquote/registry.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace taoquote {

/// The Chinese platforms an offer can come from.
enum class Platform : std::uint8_t { p1688, taobao, pinduoduo };

/// A seller, declared once per request with its domestic shipping to the warehouse.
struct Seller {
  std::string id;
  Platform platform = Platform::taobao;
  Decimal shipping;                 ///< base currency, once per order
  std::optional<Decimal> free_over; ///< shipping waived when the seller's goods reach this
};

/// A quantity tier: from `min_qty` units on, each unit costs `unit_price`.
struct Tier {
  std::int64_t min_qty = 1;
  Decimal unit_price;
};

/// A seller-side signature over an offer (docs/signed-offers.md). The core only carries it:
/// it never verifies, and it never changes a quote; the service checks it against its keys.
struct OfferSignature {
  std::string kid;   ///< the signing key's id: 1–64 of [A-Za-z0-9._:-]
  std::string alg;   ///< "ed25519", the only algorithm read
  std::string value; ///< base64url (no padding) of the 64-byte signature, 86 characters
};

/// One way to buy an item: a flat price (one tier from 1) or 1688-style tiers, and an MOQ.
struct Offer {
  std::string seller;
  std::vector<Tier> tiers;
  std::int64_t moq = 1;
  /// When the price stops being offered (signed). The default initializers keep brace
  /// initialisation of the older fields free of -Wmissing-field-initializers.
  std::optional<Instant> expires_at = std::nullopt;
  std::optional<OfferSignature> signature = std::nullopt; ///< requires expires_at
};

/// A cart line.
struct Item {
  std::string id;
  std::string title;
  std::string hs_code;
  std::int64_t quantity = 1;
  std::int64_t weight_g = 0;                   ///< per unit
  std::array<std::int64_t, 3> dimensions_cm{}; ///< per unit
  std::vector<std::string> attributes;
  std::optional<std::string> origin; ///< default: the rulebook's origin country
  std::vector<Offer> offers;
};

/// How the quote chooses a line when the request names none (JSON `choose`): the least
/// landed total, the earliest arrival, or the cheapest freight (docs/pipeline.md §4).
enum class Choose : std::uint8_t { landed, fastest, cheapest_freight };

/// When the quote may ship the cart as several parcels (JSON `split`, docs/parcels.md): never,
/// only when no single line can carry the whole cart, or whenever it lowers the landed total.
enum class Split : std::uint8_t { never, when_needed, when_cheaper };

/// A request for a landed-cost quote.
struct Request {
  Instant at{};
  std::string country;
  std::optional<std::string> postal_code;
  std::optional<CurrencyInfo> currency; ///< settlement currency (default: destination's)
  std::optional<std::string> locale;    ///< display only; never changes amounts
  std::optional<std::string> line;
  Choose choose = Choose::landed; ///< only when `line` is absent
  /// JSON `partial`: items that cannot be quoted (BELOW_MOQ, NO_OFFER, no line can carry
  /// them alone) are left out and listed in Quote::excluded; the rest is quoted.
  bool partial = false;
  Split split = Split::when_needed;
  bool cash_rounding = false;
  std::vector<Seller> sellers;
  std::vector<Item> items;
};

/// Checks the request's own cross-field rules (unique ids, declared sellers, tier order)
/// and throws Failure with a request pointer.
void validate_request(const Request& request);

} // namespace taoquote
