// A one-page app bundled by Vite: imports the installed package and quotes in the browser.
import { createTaoquote, formatQuote } from 'taoquote';

const [rulebook, request] = await Promise.all([
  fetch('./rulebook.json').then((r) => r.text()),
  fetch('./request.json').then((r) => r.text()),
]);
const tq = await createTaoquote();
const rb = tq.loadRulebook(rulebook);
const text = rb.quoteJson(request);
const quote = JSON.parse(text);
document.getElementById('quote').textContent = text;
document.getElementById('total').textContent =
  `${quote.total} ${quote.currency} · ${formatQuote(quote, 'de-DE').total}`;
// The same quote from a web worker must be the same bytes.
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.onmessage = ({ data }) => {
  document.body.dataset.worker = data === text ? 'match' : 'mismatch';
  document.body.dataset.ready = 'yes';
};
worker.postMessage({ rulebook, request });
