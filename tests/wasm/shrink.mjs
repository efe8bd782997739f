// Greedy test-case reduction for the differential test: removes items, offers, tiers, sellers
// and optional fields from a request while `stillFails(request)` holds, so a difference is
// reported as the smallest request that still shows it.

function candidates(req) {
  const out = [];
  const without = (mutate) => {
    const c = structuredClone(req);
    mutate(c);
    out.push(c);
  };
  req.items.forEach((_, i) => {
    if (req.items.length > 1) without((c) => c.items.splice(i, 1));
  });
  req.items.forEach((item, i) =>
    item.offers.forEach((_, o) => {
      if (item.offers.length > 1) without((c) => c.items[i].offers.splice(o, 1));
    }),
  );
  req.items.forEach((item, i) =>
    item.offers.forEach((offer, o) =>
      (offer.tiers ?? []).forEach((_, t) => {
        if (offer.tiers.length > 1) without((c) => c.items[i].offers[o].tiers.splice(t, 1));
      }),
    ),
  );
  req.sellers.forEach((s, k) => {
    if (!req.items.some((it) => it.offers.some((o) => o.seller === s.id)))
      without((c) => c.sellers.splice(k, 1));
  });
  for (const key of ['currency', 'line', 'cash_rounding', 'locale'])
    if (key in req) without((c) => delete c[key]);
  req.items.forEach((item, i) => {
    for (const key of ['attributes', 'origin'])
      if (key in item) without((c) => delete c.items[i][key]);
  });
  req.items.forEach((item, i) => {
    if (item.quantity > 1)
      without((c) => {
        c.items[i].quantity = 1;
      });
  });
  return out;
}

/** The smallest request reachable by single removals for which `stillFails` stays true. */
export function shrinkRequest(request, stillFails, maxSteps = 500) {
  let current = request;
  for (let step = 0; step < maxSteps; ++step) {
    const next = candidates(current).find((c) => {
      try {
        return stillFails(c);
      } catch {
        return false;
      }
    });
    if (!next) return current;
    current = next;
  }
  return current;
}
