// 100,000 quotes (and errors, and rulebook loads) in one module instance: the wasm heap
// must stop growing once warm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goldenCases, loadPackage, read } from './lib.mjs';

const { createTaoquote } = await loadPackage();

test('100,000 quotes in one instance do not grow the heap', async () => {
  const tq = await createTaoquote();
  const rb = tq.loadRulebook(read('core/rules/sample-rulebook.json'));
  const request = read('docs/examples/request-de.json');
  const bad = JSON.stringify({ ...JSON.parse(request), at: 'not an instant' });
  const cases = goldenCases().filter((c) => c.rulebook === 'fixture-a');
  const fixture = tq.loadRulebook(read('tests/vectors/rulebooks/fixture-a.json'));
  const round = (n) => {
    for (let i = 0; i < n; ++i) {
      rb.quoteJson(request);
      try {
        rb.quoteJson(bad);
      } catch {
        /* QuoteError expected */
      }
      const c = cases[i % cases.length];
      try {
        fixture.quoteJson(c.request);
      } catch {
        /* error cases */
      }
    }
    const extra = tq.loadRulebook(read('tests/vectors/rulebooks/fixture-b.json'));
    extra.dispose();
  };
  round(4000); // warm up: allocator pools reach their working size
  const warm = tq.heapBytes();
  const warmAllocated = tq.allocatedBytes();
  for (let k = 0; k < 16; ++k) round(2000); // 4,000 + 32,000 iterations × 3 quotes ≥ 100,000
  const after = tq.heapBytes();
  const afterAllocated = tq.allocatedBytes();
  console.log(
    `linear memory ${warm} → ${after} bytes; allocated ${warmAllocated} → ${afterAllocated} bytes`,
  );
  assert.equal(after, warm, 'the wasm linear memory grew');
  assert.equal(afterAllocated, warmAllocated, 'allocations leaked');
});
