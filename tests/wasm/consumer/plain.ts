// Type-checked by a bare `tsc --strict` with no tsconfig: tsc's defaults (ES5 target and lib,
// CommonJS module, node10 resolution, skipLibCheck off) must accept the package's declarations.
// No async/await here: ES5 has no Promise constructor.
import { createTaoquote, QuoteError, type Quote, type ErrorCode } from 'taoquote';
import { intlFormatsDecimalStrings, formatMoney, type DisplayStrings } from 'taoquote/display';

export function totals(rulebookText: string, requestText: string): Promise<string[]> {
  return createTaoquote().then((tq) => {
    const rb = tq.loadRulebook(rulebookText);
    try {
      const q: Quote = rb.quote(requestText);
      const shown: string = formatMoney(q.total, q.currency, 'de-DE');
      return [q.total, shown, String(intlFormatsDecimalStrings)];
    } catch (e) {
      if (e instanceof QuoteError) {
        const code: ErrorCode = e.code;
        return [code, e.path];
      }
      throw e;
    } finally {
      rb.dispose();
    }
  });
}

export type Shown = DisplayStrings;
