// A module worker that quotes off the main thread with the same package.
import { createTaoquote } from 'taoquote';

self.onmessage = async ({ data }) => {
  const tq = await createTaoquote();
  const rb = tq.loadRulebook(data.rulebook);
  self.postMessage(rb.quoteJson(data.request));
  rb.dispose();
};
