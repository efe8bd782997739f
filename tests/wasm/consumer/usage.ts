// Type-checks the package's declarations the way a TypeScript user consumes them (tsc --strict).
import { createTaoquote, QuoteError, formatQuote, type Quote, type RequestJson } from 'taoquote';
import { intlFormatsDecimalStrings, formatMoney, type DisplayStrings } from 'taoquote/display';
// @ts-expect-error: the display subpath has no createTaoquote (its types are its own).
import { createTaoquote as notInDisplay } from 'taoquote/display';

const request: RequestJson = {
  at: '2026-11-25T08:00:00Z',
  destination: { country: 'DE' },
  sellers: [{ id: 's1', platform: '1688', shipping: '8.00' }],
  items: [
    {
      id: 'i1',
      title: 'Tee',
      hs_code: '610910',
      quantity: 2,
      weight_g: 180,
      dimensions_cm: [30, 20, 2],
      offers: [{ seller: 's1', tiers: [{ min_qty: 1, unit_price: '15.00' }], moq: 1 }],
    },
  ],
};

export async function run(rulebookText: string): Promise<string> {
  const tq = await createTaoquote();
  const rb = tq.loadRulebook(rulebookText);
  try {
    const q: Quote = rb.quote(request);
    const total: string = q.total; // amounts are strings, never numbers
    const first = q.options[0];
    if (first.eligible) console.log(first.eta.earliest, first.price);
    else console.log(first.reason);
    console.log(formatQuote(q, 'ja-JP').total, q.customs.duty.rule);
    const shown: DisplayStrings = formatQuote(q, 'de-DE');
    const exact: boolean = intlFormatsDecimalStrings;
    console.log(shown.total, exact, formatMoney(q.total, q.currency, 'en-GB'), notInDisplay);
    // @ts-expect-error: amounts are decimal strings, never numbers.
    formatMoney(12.5, 'EUR', 'de-DE');
    return total;
  } catch (e) {
    if (e instanceof QuoteError) {
      // @ts-expect-error: ErrorCode is a closed union of the core's codes.
      if (e.code === 'NOT_A_CODE') return 'never';
      return `${e.code} at ${e.path}`;
    }
    throw e;
  } finally {
    rb.dispose();
  }
}
