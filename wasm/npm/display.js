// Display strings for a quote through the platform's Intl (ICU/CLDR), from exact decimal
// strings — the browser counterpart of the native ICU formatting. Presentation only: never
// part of the canonical quote or its fingerprint.

function money(locale, currency, amount) {
  // Intl.NumberFormat formats a decimal string exactly (no conversion to a JS number).
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
}

function civilDate(locale, ymd) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`));
}

/**
 * Formats every amount of a quote for `locale`.
 * Returns { locale, total, due_on_delivery, charges: [{ code, text }], options: [{ line, price, eta }] }.
 */
export function formatQuote(quote, locale) {
  const charges = quote.charges.map((c) => ({ code: c.code, text: money(locale, c.currency, c.amount) }));
  const options = quote.options.map((o) => o.eligible
    ? { line: o.line, price: money(locale, quote.currency, o.price), eta: { earliest: civilDate(locale, o.eta.earliest), latest: civilDate(locale, o.eta.latest) } }
    : { line: o.line, price: null, eta: null });
  return {
    locale,
    total: money(locale, quote.currency, quote.total),
    due_on_delivery: money(locale, quote.due_on_delivery.currency, quote.due_on_delivery.amount),
    charges,
    options,
  };
}

/** Formats one decimal-string amount in `currency` for `locale`. */
export function formatMoney(amount, currency, locale) {
  return money(locale, currency, amount);
}
