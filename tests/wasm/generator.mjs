// A seeded generator of random but valid rulebooks and carts, and of bad inputs derived
// from them, for differential testing (native vs wasm). Deterministic for a given seed.
import { read } from './lib.mjs';

/** xorshift32: small, fast, and identical on every platform. */
export function rng(seed) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const int = (lo, hi) => lo + (next() % (hi - lo + 1));
  return {
    int,
    pick: (list) => list[next() % list.length],
    chance: (p) => next() / 4294967296 < p,
    /** A decimal string with up to `intDigits` integer and `fracDigits` fraction digits. */
    decimal(intDigits, fracDigits, allowZero = true) {
      let whole = String(int(0, 9));
      const n = int(1, intDigits);
      for (let i = 1; i < n; ++i) whole += String(int(0, 9));
      whole = whole.replace(/^0+(?=\d)/, '');
      const f = int(0, fracDigits);
      let frac = '';
      for (let i = 0; i < f; ++i) frac += String(int(0, 9));
      const s = f ? `${whole}.${frac}` : whole;
      if (!allowZero && /^[0.]+$/.test(s)) return '1';
      return s;
    },
  };
}

const baseA = JSON.parse(read('tests/vectors/rulebooks/fixture-a.json'));
const baseB = JSON.parse(read('tests/vectors/rulebooks/fixture-b.json'));
const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'KRW',
  'KWD',
  'BHD',
  'CLF',
  'AUD',
  'CAD',
  'CHF',
  'ISK',
  'OMR',
  'VND',
];
const ROUNDING = ['half_up', 'half_even', 'up', 'down', 'ceiling', 'floor'];
const ATTRS = ['battery', 'liquid', 'magnet', 'food', 'brand'];
const HS = [
  '610910',
  '610610',
  '610620',
  '490199',
  '851712',
  '392690',
  '950300',
  '420222',
  '330499',
  '640419',
];

/** A random valid rulebook derived from a fixture. */
export function randomRulebook(r) {
  const rb = structuredClone(r.chance(0.5) ? baseA : baseB);
  rb.id = `gen-${r.int(0, 1e6)}`;
  rb.rounding = r.pick(ROUNDING);
  rb.rate_scale = r.int(4, 12);
  if (!rb.fx.quoted_in) {
    for (const c of CURRENCIES)
      rb.fx.rates[c] = r.chance(0.2) ? r.decimal(1, 12, false) : r.decimal(2, 6, false);
    for (const c of ['KRW', 'VND', 'JPY', 'ISK'])
      rb.fx.rates[c] = `0.${'0'.repeat(r.int(0, 4))}${r.int(1, 999999)}`;
  }
  rb.fx.markup = r.chance(0.2) ? '0' : `0.0${r.int(0, 99)}`;
  rb.service_fee = {
    rate: r.chance(0.3) ? `${r.int(1, 9)}/${r.int(10, 300)}` : `0.0${r.int(0, 99)}`,
    min: r.decimal(2, 2),
    max: `${r.int(100, 999)}.00`,
  };
  rb.warehouse.handling_per_unit = r.decimal(1, 3);
  rb.warehouse.consolidation_per_parcel = r.decimal(2, 2);
  for (const line of rb.lines) {
    line.step_g = r.pick([1, 100, 250, 500, 1000]);
    if (line.volumetric) line.volumetric.divisor = r.pick([5000, 6000, 8000, 7000]);
    const p = line.pricing;
    if (p.kind === 'first_continued')
      Object.assign(p, {
        first: r.decimal(3, 2),
        continued: r.decimal(2, 3),
        continued_g: r.pick([100, 500, 1000]),
      });
    if (p.kind === 'per_kg') Object.assign(p, { per_kg: r.decimal(2, 4), min: r.decimal(2, 2) });
    if (p.kind === 'brackets') {
      let w = 0;
      p.brackets = p.brackets.map(() => ({
        up_to_g: (w += r.int(1, 3000)),
        price: r.decimal(3, 2),
      }));
    }
  }
  for (const d of rb.destinations) {
    if (!rb.fx.quoted_in && r.chance(0.4)) d.currency = r.pick(CURRENCIES);
    if (r.chance(0.3)) d.rounding = r.pick(ROUNDING);
    for (const t of d.taxes ?? [])
      if (t.rate && !t.of && r.chance(0.5))
        t.rate = r.chance(0.3) ? `${r.int(1, 30)}/${r.int(31, 200)}` : `0.${r.int(0, 30)}`;
    for (const list of [
      d.checkout,
      d.duty?.exemptions,
      ...(d.taxes ?? []).map((t) => t.exemptions),
    ])
      for (const th of list ?? [])
        th.max = r.chance(0.5)
          ? `${r.int(0, 2000)}.${String(r.int(0, 99)).padStart(2, '0')}`
          : th.max;
  }
  // A carrier's fee on delivery is in its destinations' currency (the core refuses anything
  // else): fees of a destination whose currency was just drawn anew are dropped.
  const currencyOf = Object.fromEntries(rb.destinations.map((d) => [d.country, d.currency]));
  for (const line of rb.lines)
    if (line.delivery_fees)
      line.delivery_fees = line.delivery_fees.filter((f) =>
        f.countries.every((c) => !(c in currencyOf) || currencyOf[c] === f.currency),
      );
  return rb;
}

/** A random valid cart for `rb`. */
export function randomRequest(r, rb) {
  const countries = rb.destinations.map((d) => d.country);
  const sellers = [];
  for (let s = 0, n = r.int(1, 4); s < n; ++s)
    sellers.push({
      id: `s${s}`,
      platform: r.pick(['1688', 'taobao', 'pinduoduo']),
      shipping: r.decimal(2, r.pick([2, 3])),
      ...(r.chance(0.3) ? { free_over: r.decimal(3, 2) } : {}),
    });
  const items = [];
  for (let i = 0, n = r.int(1, 6); i < n; ++i) {
    const offers = [];
    for (let o = 0, m = r.int(1, 3); o < m; ++o) {
      const seller = r.pick(sellers).id;
      const huge = r.chance(0.05);
      if (r.chance(0.4)) {
        let q = 1;
        const tiers = [];
        for (let t = 0, k = r.int(1, 4); t < k; ++t) {
          tiers.push({
            min_qty: q,
            unit_price: huge ? r.decimal(9, 2) : r.decimal(3, r.pick([2, 3, 4])),
          });
          q += r.int(1, 10);
        }
        offers.push({ seller, tiers, moq: r.int(1, 3) });
      } else
        offers.push({
          seller,
          unit_price: huge ? r.decimal(9, 2) : r.decimal(3, r.pick([0, 2, 3])),
        });
    }
    items.push({
      id: `i${i}`,
      title: `Item ${i}`,
      hs_code: r.pick(HS),
      quantity: r.int(1, 12),
      weight_g: r.chance(0.3) ? r.pick([499, 500, 501, 999, 1000, 1001]) : r.int(0, 3000),
      dimensions_cm: [r.int(1, 70), r.int(1, 50), r.int(1, 30)],
      ...(r.chance(0.3) ? { attributes: [r.pick(ATTRS)] } : {}),
      ...(r.chance(0.1) ? { origin: r.pick(['CN', 'US', 'MX']) } : {}),
      offers,
    });
  }
  const day = r.int(1, 28);
  const req = {
    at: `${r.pick(['2025-08-28', '2025-08-29', '2026-06-30', '2026-07-01', '2026-11-2' + r.int(0, 9)])}T${String(r.int(0, 23)).padStart(2, '0')}:00:0${r.int(0, 9)}Z`,
    destination: { country: r.pick(countries) },
    sellers,
    items,
  };
  void day;
  if (r.chance(0.2)) req.currency = r.pick(['CNY', 'USD', 'EUR', 'JPY', 'KWD']);
  if (r.chance(0.1)) req.cash_rounding = true;
  if (r.chance(0.1)) req.line = r.pick(rb.lines).id;
  return req;
}

/** A random corruption of a valid request (type, range, structure, text). */
export function corrupt(r, req) {
  const bad = structuredClone(req);
  const item = r.pick(bad.items);
  const offer = r.pick(item.offers);
  switch (r.int(0, 11)) {
    case 0:
      item.quantity = r.pick([0, -1, 1.5, '3', 1e7]);
      break;
    case 1:
      offer.unit_price
        ? (offer.unit_price = r.pick([12.5, '-1', '1e2', '', '1.0000000000001']))
        : (offer.tiers[0].min_qty = r.pick([0, '1']));
      break;
    case 2:
      bad.destination.country = r.pick(['XX', 'de', '', 'DEU']);
      break;
    case 3:
      bad.at = r.pick(['2026-02-30T00:00:00Z', 'now', 0, '2026-11-25T08:00:00']);
      break;
    case 4:
      delete item.hs_code;
      break;
    case 5:
      item.dimensions_cm = r.pick([
        [1, 2],
        [0, 1, 1],
        [1, 2, 3, 4],
      ]);
      break;
    case 6:
      offer.seller = 'ghost';
      break;
    case 7:
      bad.sellers.push({ ...bad.sellers[0] });
      break;
    case 8:
      bad.currency = r.pick(['XYZ', 'BGN', 'SEK']);
      break;
    case 9:
      item[r.pick(['colour', 'qty'])] = 1;
      break;
    case 10:
      offer.moq = 1000000;
      break;
    default:
      bad.items.push(structuredClone(item));
      break;
  }
  return bad;
}
