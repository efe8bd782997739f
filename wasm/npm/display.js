// Display strings for a quote through the platform's Intl (ICU/CLDR), from exact decimal
// strings — the browser counterpart of the native ICU formatting. Presentation only: never
// part of the canonical quote or its fingerprint.

// Intl.NumberFormat v3 (Node ≥ 19, current browsers) formats decimal strings exactly. Older
// engines turn the string into a binary float first, which loses digits past ~15 significant.
const exactStrings = (() => {
  try {
    return (
      new Intl.NumberFormat('en-US', { maximumFractionDigits: 20, useGrouping: false }).format(
        '12345678901234567.125',
      ) === '12345678901234567.125'
    );
  } catch {
    return false;
  }
})();

function formatter(locale, currency) {
  // Half-up ("away from zero" on ties), as the native ICU formatting does.
  return new Intl.NumberFormat(locale, { style: 'currency', currency, roundingMode: 'halfExpand' });
}

// Exact on engines without v3: the integer part is formatted as a BigInt (exact) and the
// fraction digits are spliced in, written in the locale's own digits (Arabic-Indic, …);
// settled amounts have exactly the currency's minor digits, so nothing needs rounding.
function exactWithBigInt(nf, amount) {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const { locale, numberingSystem } = nf.resolvedOptions();
  const digitsOf = new Intl.NumberFormat(locale, { numberingSystem, useGrouping: false });
  const glyphs = (text) => [...text].map((c) => digitsOf.format(BigInt(c))).join('');
  // A negative amount above -1 has no negative BigInt integer part: take the pattern of -0.5.
  const template =
    negative && BigInt(whole) === 0n
      ? nf.formatToParts(-0.5)
      : nf.formatToParts(negative ? -BigInt(whole) : BigInt(whole));
  const width = template
    .filter((p) => p.type === 'fraction')
    .reduce((n, p) => n + p.value.length, 0);
  if (fraction.length > width) return nf.format(amount); // not a settled amount: best effort
  return template
    .map((p) => {
      if (p.type === 'fraction') return glyphs(fraction.padEnd(width, '0'));
      if (p.type === 'integer' && negative && BigInt(whole) === 0n) return glyphs('0');
      return p.value;
    })
    .join('');
}

function money(locale, currency, amount) {
  const nf = formatter(locale, currency);
  return exactStrings ? nf.format(amount) : exactWithBigInt(nf, amount);
}

function civilDate(locale, ymd) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${ymd}T00:00:00Z`),
  );
}

/**
 * Formats every amount of a quote for `locale`.
 * Returns { locale, total, due_on_delivery, landed_total, charges: [{ code, text }],
 * options: [{ line, price, landed_total, eta }], parcels: [{ line, price, duty, taxes, eta }] }.
 */
export function formatQuote(quote, locale) {
  const settled = (amount) => money(locale, quote.currency, amount);
  const owed = (amount) => money(locale, quote.customs.currency, amount);
  const eta = (e) => ({
    earliest: civilDate(locale, e.earliest),
    latest: civilDate(locale, e.latest),
  });
  const charges = quote.charges.map((c) => ({
    code: c.code,
    text: money(locale, c.currency, c.amount),
  }));
  const options = quote.options.map((o) =>
    o.eligible
      ? {
          line: o.line,
          price: settled(o.price),
          landed_total: settled(o.landed_total),
          eta: eta(o.eta),
        }
      : { line: o.line, price: null, landed_total: null, eta: null },
  );
  const parcels = (quote.parcels ?? []).map((p) => ({
    line: p.line,
    price: settled(p.price),
    duty: owed(p.duty),
    taxes: p.taxes.map((t) => ({ code: t.code, text: owed(t.amount) })),
    eta: eta(p.eta),
  }));
  // What the buyer pays in all: a split quote's own figure, else its selected option's.
  const landed =
    quote.landed_total ?? quote.options.find((o) => o.line === quote.selected)?.landed_total;
  return {
    locale,
    total: settled(quote.total),
    due_on_delivery: money(locale, quote.due_on_delivery.currency, quote.due_on_delivery.amount),
    landed_total: landed === undefined ? '' : settled(landed),
    charges,
    options,
    parcels,
  };
}

/** Formats one decimal-string amount in `currency` for `locale`, exactly. */
export function formatMoney(amount, currency, locale) {
  return money(locale, currency, amount);
}

/** Whether this engine's Intl formats decimal strings natively (else the BigInt path is used). */
export const intlFormatsDecimalStrings = exactStrings;
