// The request for a cart (docs/schema.md) and the opening cart, shared by the page's script
// (app.js). A classic script: the parser runs it as soon as it reaches it, so in the built page
// (build.mjs puts it in the head, right after the inlined catalog) it also sends the opening
// cart to the service's POST /v1/quote before the rest of the page has arrived — the first
// price the shopper sees comes from that answer (docs/performance.md).
window.taoquoteRequest = (() => {
  /** The number and date format of each destination, unless the shopper picks another. */
  const COUNTRY_LOCALE = {
    US: 'en-US',
    GB: 'en-GB',
    DE: 'de-DE',
    FR: 'fr-FR',
    NL: 'nl-NL',
    IT: 'it-IT',
    ES: 'es-ES',
    JP: 'ja-JP',
    KR: 'ko-KR',
    CH: 'de-CH',
    AU: 'en-AU',
    CA: 'en-CA',
  };

  /** The opening state: the cart and the selectors. */
  const opening = () => ({
    cart: new Map([
      ['cardigan', 2],
      ['phone-case', 1],
      ['power-bank', 1],
      ['shampoo', 1],
    ]),
    country: 'DE',
    currency: '', // '' = the destination's own currency
    locale: '', // '' = the destination's number and date format
    line: '',
  });

  /** The number and date format in force: the shopper's choice, else the destination's. */
  const locale = (state) => state.locale || COUNTRY_LOCALE[state.country] || 'en-US';

  /** The request for a cart and selectors. */
  function build(catalog, state) {
    const items = [...state.cart]
      .filter(([, q]) => q > 0)
      .map(([id, quantity]) => {
        const p = catalog.products.find((x) => x.id === id);
        return {
          id: p.id,
          title: p.title,
          hs_code: p.hs_code,
          quantity,
          weight_g: p.weight_g,
          dimensions_cm: p.dimensions_cm,
          attributes: p.attributes,
          offers: p.offers,
        };
      });
    const used = new Set(items.flatMap((i) => i.offers.map((o) => o.seller)));
    const sellers = catalog.sellers.filter((s) => used.has(s.id)).map(({ name, ...s }) => s);
    const request = {
      at: new Date().toISOString(),
      destination: { country: state.country },
      locale: locale(state),
      // An item that cannot be ordered (below its MOQ, no shipping line) is listed in the
      // quote's `excluded` with its reason instead of failing the whole cart.
      partial: true,
      sellers,
      items,
    };
    if (state.currency) request.currency = state.currency;
    if (state.line) request.line = state.line;
    return request;
  }

  /** The service's quote of the opening cart, asked at once when the catalog is inlined
   *  above this script: { request, response } (a fetch promise), else null. */
  function first() {
    const inline = document.getElementById('catalog-data');
    if (!inline) return null;
    try {
      const request = build(JSON.parse(inline.textContent), opening());
      const response = fetch('/v1/quote', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      response.catch(() => {}); // the page handles a failure when it reads the answer
      return { request, response };
    } catch {
      return null;
    }
  }

  return { COUNTRY_LOCALE, opening, locale, build, first: first() };
})();
