// The differential test's reducer: with a synthetic "failure" it must reach the minimal cart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shrinkRequest } from './shrink.mjs';
import { rng, randomRulebook, randomRequest } from './generator.mjs';

test('shrinking keeps the failure and removes everything else', () => {
  const r = rng(7);
  const rb = randomRulebook(r);
  let req;
  do req = randomRequest(r, rb);
  while (req.items.length < 4);
  const culprit = req.items[2].id;
  req.currency = 'USD';
  req.items[2].quantity = 9;
  const fails = (c) => c.items.some((i) => i.id === culprit);
  const small = shrinkRequest(req, fails);
  assert.equal(small.items.length, 1);
  assert.equal(small.items[0].id, culprit);
  assert.equal(small.items[0].offers.length, 1);
  assert.equal(small.items[0].quantity, 1);
  assert.ok(!('currency' in small));
  assert.ok(small.sellers.every((s) => small.items[0].offers.some((o) => o.seller === s.id)));
  assert.ok(fails(small));
});
