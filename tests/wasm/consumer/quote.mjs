// A user's Node ESM script: imports the installed package by name and quotes.
import { readFileSync } from 'node:fs';
import { createTaoquote, QuoteError, formatQuote } from 'taoquote';

const [rulebookPath, requestPath] = process.argv.slice(2);
const tq = await createTaoquote();
const rb = tq.loadRulebook(readFileSync(rulebookPath, 'utf8'));
const text = rb.quoteJson(readFileSync(requestPath, 'utf8'));
const quote = JSON.parse(text);
try {
  rb.quote({ at: 'yesterday' });
} catch (e) {
  if (!(e instanceof QuoteError) || e.code !== 'INVALID_INSTANT') throw e;
}
process.stdout.write(
  JSON.stringify({ canonical: text, display: formatQuote(quote, 'de-DE').total }),
);
rb.dispose();
