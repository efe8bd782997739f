// The bytes an offer signature covers: the offer's price-bearing fields as canonical JSON.
#include "taoquote/codec.hpp"

#include "canonical_writer.hpp"

namespace taoquote {

std::string offer_signing_payload(const Item& item, const Offer& offer, std::string_view currency) {
  // Keys in byte order; amounts as plain decimals (trailing zeros trimmed), so "15.0" and
  // "15.00" sign the same price. A flat unit_price is the one tier from 1 it is read as.
  codec::CanonicalWriter w(256);
  w.begin_object().member("currency", currency).key("expires_at");
  if (offer.expires_at)
    w.string(format_instant(*offer.expires_at));
  else
    w.null();
  w.member("item", item.id).key("moq").integer(offer.moq);
  w.member("schema", offer_signature_schema).member("seller", offer.seller);
  w.key("tiers").begin_array();
  for (const Tier& t : offer.tiers) {
    w.begin_object().key("min_qty").integer(t.min_qty);
    w.member("unit_price", t.unit_price.to_string()).end_object();
  }
  return w.end_array().end_object().take();
}

} // namespace taoquote
