// Type-checked under the tsconfig `tsc --init` writes (TypeScript 5.9 defaults: nodenext,
// esnext, strict, exactOptionalPropertyTypes, verbatimModuleSyntax), and compiled down to
// ES2022 and run: `using` disposes the rulebook at scope exit through Symbol.dispose.
import { createTaoquote, type RequestJson, type Rulebook } from 'taoquote';
import { formatMoney } from 'taoquote/display';

/** What the scope did: the quote's total, and the rulebook that left it (disposed). */
export interface Outcome {
  total: string;
  shown: string;
  escaped: Rulebook;
}

export async function quoteInScope(rulebookText: string, request: RequestJson): Promise<Outcome> {
  const tq = await createTaoquote();
  let escaped: Rulebook;
  let total: string;
  {
    using rb = tq.loadRulebook(rulebookText);
    escaped = rb;
    total = rb.quote(request).total;
  }
  return { total, shown: formatMoney(total, 'EUR', 'de-DE'), escaped };
}
