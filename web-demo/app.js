// The storefront checkout: quotes live in the browser with the taoquote npm package and asks
// the native service to verify each quote's fingerprint. No pricing logic lives here: the page
// only builds the request from the cart and renders the quote the core returns — and, when the
// shopper changes the order, the package's diff of the last two quotes (docs/diff.md).
import { createTaoquote, QuoteError, formatQuote, formatMoney } from 'taoquote';

const LOCALES = [
  'en-US',
  'en-GB',
  'de-DE',
  'fr-FR',
  'nl-NL',
  'it-IT',
  'es-ES',
  'ja-JP',
  'ko-KR',
  'zh-CN',
  'de-CH',
  'en-AU',
];
const LABELS = {
  GOODS: 'Goods',
  SELLER_SHIPPING: 'Seller shipping to warehouse',
  SERVICE_FEE: 'Agent service fee',
  WAREHOUSE_HANDLING: 'Warehouse handling',
  WAREHOUSE_CONSOLIDATION: 'Consolidation & repacking',
  FREIGHT: 'International freight',
  INSURANCE: 'Shipping insurance',
  DUTY: 'Import duty',
  VAT: 'VAT',
  GST: 'GST',
  CASH_ROUNDING: 'Cash rounding',
  JP_CONSUMPTION_TAX: 'Consumption tax (national)',
  JP_LOCAL_CONSUMPTION_TAX: 'Consumption tax (local)',
  JP_POST_CLEARANCE_FEE: 'Japan Post clearance fee',
  CANADA_POST_HANDLING_FEE: 'Canada Post handling fee',
  ROYAL_MAIL_HANDLING_FEE: 'Royal Mail handling fee',
  DHL_DUTY_TAX_PAID_FEE: 'DHL duty & tax advance fee',
};
const REASONS = {
  DESTINATION_NOT_SERVED: 'does not ship to this country',
  PROHIBITED_ATTRIBUTE: 'cannot carry an item in your cart',
  OVERWEIGHT: 'parcel too heavy',
  OVERSIZE: 'parcel too large',
};

const state = {
  cart: new Map([
    ['cardigan', 2],
    ['phone-case', 1],
    ['power-bank', 1],
    ['shampoo', 1],
  ]),
  country: 'DE',
  currency: '',
  locale: 'de-DE',
  line: '',
};
let tq,
  catalog,
  rulebook,
  rulebookJson,
  quoteSeq = 0,
  verifyTimer,
  lastQuoted = null, // the last quote shown: the baseline of "what changed"
  lastAsked = '', // its request without `at` and `locale`
  lastChange = null; // the diff shown, re-rendered when only the language changes
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const isZero = (amount) => /^0(\.0+)?$/.test(amount);

function productById(id) {
  return catalog.products.find((p) => p.id === id);
}
function money(amount, currency) {
  return formatMoney(amount, currency, state.locale);
}
function day(ymd) {
  return new Intl.DateTimeFormat(state.locale, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${ymd}T00:00:00Z`));
}
function region(code) {
  try {
    return new Intl.DisplayNames([state.locale], { type: 'region' }).of(code);
  } catch {
    return code;
  }
}

/** The request for the current cart and selectors (docs/schema.md). */
function buildRequest() {
  const items = [...state.cart]
    .filter(([, q]) => q > 0)
    .map(([id, quantity]) => {
      const p = productById(id);
      return {
        id: p.id,
        title: p.title,
        hs_code: p.hs_code,
        quantity,
        weight_g: p.weight_g,
        dimensions_cm: p.dimensions_cm,
        attributes: p.attributes,
        offers: p.offers,
      };
    });
  const used = new Set(items.flatMap((i) => i.offers.map((o) => o.seller)));
  const sellers = catalog.sellers.filter((s) => used.has(s.id)).map(({ name, ...s }) => s);
  const request = {
    at: new Date().toISOString(),
    destination: { country: state.country },
    locale: state.locale,
    // An item that cannot be ordered (below its MOQ, no shipping line) is listed in the
    // quote's `excluded` with its reason instead of failing the whole cart.
    partial: true,
    sellers,
    items,
  };
  if (state.currency) request.currency = state.currency;
  if (state.line) request.line = state.line;
  return request;
}

function renderProducts() {
  $('products').innerHTML = catalog.products
    .map((p) => {
      const offers = p.offers
        .map((o) => {
          const s = catalog.sellers.find((x) => x.id === o.seller);
          const price =
            o.unit_price ?? `${o.tiers[o.tiers.length - 1].unit_price}–${o.tiers[0].unit_price}`;
          const moq = o.moq > 1 ? ` · MOQ ${o.moq}` : '';
          return `<div class="offer-line"><span><span class="platform p${esc(s.platform)}">${esc(s.platform)}</span> ${esc(s.name)}</span><span>¥${esc(price)}${esc(moq)}</span></div>`;
        })
        .join('');
      const tags = p.attributes.map((a) => `<span class="tag">${esc(a)}</span>`).join(' ');
      return `<article class="product" data-id="${esc(p.id)}"><div class="pic" aria-hidden="true" style="--hue:${Number(p.hue)}">${esc(p.label)}</div>
      <div class="title">${esc(p.title)}</div><div class="meta">HS ${esc(p.hs_code)} · ${p.weight_g} g ${tags}</div>${offers}
      <button data-add="${esc(p.id)}">Add to cart</button></article>`;
    })
    .join('');
}

function renderSelectors() {
  const countries = rulebookJson.destinations.map((d) => d.country);
  $('country').innerHTML = countries
    .map(
      (c) =>
        `<option value="${c}" ${c === state.country ? 'selected' : ''}>${esc(region(c))}</option>`,
    )
    .join('');
  const currencies = [
    '',
    ...new Set(['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'KRW', 'AUD', 'CAD', 'CHF', 'HKD', 'SGD']),
  ];
  $('currency').innerHTML = currencies
    .map(
      (c) =>
        `<option value="${c}" ${c === state.currency ? 'selected' : ''}>${c || 'Local currency'}</option>`,
    )
    .join('');
  $('locale').innerHTML = LOCALES.map(
    (l) => `<option value="${l}" ${l === state.locale ? 'selected' : ''}>${l}</option>`,
  ).join('');
}

function renderCart() {
  const lines = [...state.cart].filter(([, q]) => q > 0);
  $('cart').innerHTML = lines.length
    ? lines
        .map(([id, q]) => {
          const p = productById(id);
          return `<div class="cart-line" data-id="${esc(id)}"><div><div class="name">${esc(p.title)}</div><div class="sub" data-sub="${esc(id)}"></div></div>
      <div class="qty"><button class="ghost" data-dec="${esc(id)}" aria-label="fewer">−</button>
      <input type="number" min="0" max="9999" value="${q}" data-qty="${esc(id)}" aria-label="quantity of ${esc(p.title)}">
      <button class="ghost" data-inc="${esc(id)}" aria-label="more">+</button></div><div class="amount" data-amount="${esc(id)}"></div></div>`;
        })
        .join('')
    : '<div class="empty">Your cart is empty — add something from the catalog.</div>';
}

function showMessage(text) {
  $('message').hidden = !text;
  $('message').textContent = text ?? '';
}

function clearQuote(reasonBadge) {
  for (const id of ['options', 'breakdown', 'customs']) $(id).innerHTML = '';
  $('changes').hidden = true;
  $('total').textContent = '—';
  $('delivery').hidden = true;
  $('fineprint').textContent = '';
  setBadge('pending', reasonBadge);
}

function explainError(e) {
  const itemOf = (path) => {
    const m = /^\/items\/(\d+)/.exec(path);
    return m ? buildRequest().items[Number(m[1])] : null;
  };
  const item = itemOf(e.path);
  switch (e.code) {
    case 'BELOW_MOQ':
      return `${item ? item.title : 'An item'}: ${e.message} Increase the quantity to order it.`;
    case 'NO_ELIGIBLE_LINE':
      return (
        `No shipping line can carry this parcel to ${region(state.country)}: ` +
        (e.detail ?? []).map((d) => `${d.id} — ${REASONS[d.reason] ?? d.reason}`).join('; ') +
        '.'
      );
    case 'LINE_INELIGIBLE':
      return `The chosen line cannot carry this parcel: ${e.message}`;
    case 'FX_STALE':
      return 'Exchange rates are out of date; prices cannot be quoted right now.';
    default:
      return `${e.message} (${e.code}${e.path ? ` at ${e.path}` : ''})`;
  }
}

/** Marks each item the quote left out, with the core's reason beside it in the cart. */
function renderExcluded(q) {
  for (const x of q.excluded ?? []) {
    const row = document.querySelector(`.cart-line[data-id="${CSS.escape(x.item)}"]`);
    if (!row) continue;
    row.classList.add('excluded');
    row.dataset.excluded = x.code;
    const hint = x.code === 'BELOW_MOQ' ? ' Increase the quantity to order it.' : '';
    row.querySelector('[data-sub]').textContent = `Not in this order: ${x.message}${hint}`;
    row.querySelector('[data-amount]').textContent = '—';
  }
}

/** The option's landed total (checkout + what is due on delivery), and the delivery part. */
function optionFigures(q, o, display) {
  const due = o.due_on_delivery;
  const dueText = isZero(due.amount)
    ? ''
    : `<span class="due" data-due="${esc(due.amount)}">incl. ${esc(money(due.amount, due.currency))} on delivery</span>`;
  return `<span class="figures"><strong data-landed="${esc(o.landed_total)}">${esc(money(o.landed_total, q.currency))}</strong>${dueText}
      <span class="freight">shipping ${esc(display.price)}</span></span>`;
}

/** A charge code as the shopper reads it ("FUEL" on the selected line is a surcharge). */
function chargeLabel(code, q) {
  if (LABELS[code]) return LABELS[code];
  const words = code.replaceAll('_', ' ').toLowerCase();
  const line = q?.options.find((o) => o.line === q.selected);
  return line?.surcharges.some((s) => s.code === code)
    ? `${words} surcharge`
    : words.charAt(0).toUpperCase() + words.slice(1);
}

function renderQuote(q) {
  const display = formatQuote(q, state.locale);
  for (const item of q.items) {
    const sub = document.querySelector(`[data-sub="${CSS.escape(item.id)}"]`);
    const amt = document.querySelector(`[data-amount="${CSS.escape(item.id)}"]`);
    const seller = catalog.sellers.find((s) => s.id === item.seller);
    if (sub) sub.textContent = `${seller.platform} · ${seller.name} · ¥${item.unit_price} each`;
    if (amt) amt.textContent = money(item.amount, 'CNY');
  }
  $('options').innerHTML = q.options
    .map((o, i) => {
      if (!o.eligible)
        return `<div class="option ineligible" data-line="${esc(o.line)}" data-reason="${esc(o.reason)}"><span>✕</span><div><div>${esc(o.name)}</div><div class="why">${esc(REASONS[o.reason] ?? o.reason)} — ${esc(o.message)}</div></div><span></span></div>`;
      const selected = o.line === q.selected ? ' selected' : '';
      const eta = `${o.transit_days.min}–${o.transit_days.max} days · arrives ${day(o.eta.earliest)} – ${day(o.eta.latest)}`;
      const ddp = o.ddp ? ' · duties prepaid' : '';
      return `<div class="option${selected}" data-line="${esc(o.line)}" role="button" tabindex="0"><span>${selected ? '●' : '○'}</span>
      <div><div>${esc(o.name)}</div><div class="eta">${esc(eta)}${ddp} · ${o.chargeable_g} g chargeable</div></div>${optionFigures(q, o, display.options[i])}</div>`;
    })
    .join('');
  const line = q.options.find((o) => o.line === q.selected);
  $('breakdown').innerHTML = q.charges
    .map((c, i) => {
      const label = chargeLabel(c.code, q);
      const note =
        c.collect === 'delivery'
          ? ' <small>(on delivery)</small>'
          : c.currency !== c.source_currency
            ? ` <small>${esc(money(c.source_amount, c.source_currency))}</small>`
            : '';
      return `<div class="row" data-code="${esc(c.code)}"><span class="label">${esc(label)}${note}</span><span>${esc(display.charges[i].text)}</span></div>`;
    })
    .join('');
  const cu = q.customs;
  const fired = cu.thresholds
    .filter((t) => t.fired)
    .map(
      (t) =>
        `${t.id} (${t.basis === 'goods' ? 'goods' : 'customs value'} ${money(t.value, cu.currency)} ≤ ${money(t.max, t.currency)})`,
    );
  const basis =
    cu.valuation.basis === 'price_rate'
      ? `${Number(cu.valuation.rate) * 100} % of the price`
      : cu.valuation.basis.toUpperCase();
  const who =
    cu.collect === 'checkout'
      ? `Duties and taxes are collected now, at checkout${cu.regime ? ` (${cu.regime})` : ''}.`
      : 'Duties and taxes are paid to the carrier on delivery.';
  $('customs').innerHTML =
    `Customs in ${esc(region(cu.country))}: valuation ${esc(basis)}, customs value ${esc(money(cu.customs_value, cu.currency))}. ` +
    `Duty: ${esc(cu.duty.rule === 'exempt' ? `exempt (${cu.duty.id})` : cu.duty.rule === 'per_category' ? `flat per tariff category (${cu.duty.id})` : 'by HS code')}. ` +
    `${fired.length ? `Thresholds applied: ${esc(fired.join(', '))}. ` : ''}${esc(who)}`;
  $('total').textContent = display.total;
  $('total').dataset.amount = q.total;
  $('total').dataset.currency = q.currency;
  const due = q.due_on_delivery;
  $('delivery').hidden = isZero(due.amount);
  const taxes = new Set(['DUTY', ...cu.taxes.map((t) => t.code)]);
  const fees = q.charges.some((c) => c.collect === 'delivery' && !taxes.has(c.code));
  $('delivery').textContent =
    `Due on delivery: ${display.due_on_delivery} (import duty and taxes${fees ? " and the carrier's fees" : ''}, paid to the carrier) — ` +
    `${money(line.landed_total, q.currency)} in all.`;
  renderExcluded(q);
  const stale = q.warnings.find((w) => w.code === 'FX_STALE');
  showMessage(stale ? `Note: ${stale.message}` : null);
  $('fineprint').textContent = `Rulebook ${q.rulebook.id} · ${q.fingerprint}`;
}

// --- What changed since the last quote ----------------------------------------------------------
// The package's diff(before, after) splits each changed charge into causes whose amounts add
// up exactly to its change (docs/diff.md); the page only words them for shoppers. Amounts
// stay decimal strings: the page never does arithmetic on prices.

/** An amount with its sign: "+€1.14", "−€0.16", "€0.00". */
function signedMoney(amount, currency) {
  if (amount.startsWith('-')) return `−${money(amount.slice(1), currency)}`;
  return isZero(amount) ? money(amount, currency) : `+${money(amount, currency)}`;
}

/** One cause of a charge's change in a shopper's words (the diff's own sentence is its title). */
function causeWords(c) {
  const item = productById(c.ref)?.title ?? c.ref;
  const seller = catalog.sellers.find((s) => s.id === c.ref)?.name ?? c.ref;
  switch (c.kind) {
    case 'quantity': // no item: the units the warehouse handles
      return c.ref ? `quantity of ${item}` : 'number of items';
    case 'tier':
      return `volume price of ${item}`;
    case 'offer':
      return `another seller for ${item}`;
    case 'unit_price':
      return `price of ${item}`;
    case 'item_added':
      return `${item} added`;
    case 'item_removed':
      return `${item} removed`;
    case 'seller_added':
      return `shipping from ${seller}`;
    case 'seller_removed':
      return `nothing more from ${seller}`;
    case 'seller_shipping':
      return `${seller}'s shipping`;
    case 'goods':
      return 'follows the goods';
    case 'line':
      return 'another shipping option';
    case 'weight':
      return 'parcel weight';
    case 'threshold':
      return 'a threshold was crossed';
    case 'rule':
      return 'another customs rule applies';
    case 'duty':
      return 'charged on the duty too';
    case 'tax_rate':
      return 'another tax rate';
    case 'customs_value':
      return 'the value declared to customs';
    case 'fx':
      return 'exchange rate';
    case 'regime':
      return 'paid at another time';
    case 'due':
      return "carrier's fee";
    case 'rounding':
      return 'rounding';
    case 'currency':
      return 'another currency';
    case 'rulebook':
      return 'updated prices';
    default:
      return 'other';
  }
}

function renderChargeChange(ch, q) {
  const onDelivery = ch.collect === 'delivery' ? ' <small>(on delivery)</small>' : '';
  const single = ch.causes.length === 1;
  const causes = ch.causes
    .map(
      (c) =>
        `<span class="cause" data-kind="${esc(c.kind)}" data-amount="${esc(c.amount)}" title="${esc(c.text)}">${esc(causeWords(c))}${single ? '' : ` ${esc(signedMoney(c.amount, ch.currency))}`}</span>`,
    )
    .join(', ');
  return `<li data-code="${esc(ch.code)}" data-collect="${esc(ch.collect)}" data-delta="${esc(ch.delta)}" data-currency="${esc(ch.currency)}">
    <span class="what">${esc(chargeLabel(ch.code, q))}${onDelivery}</span> <strong>${esc(signedMoney(ch.delta, ch.currency))}</strong>
    <span class="why">(${causes})</span></li>`;
}

/** Renders the last diff that changed a price into the "what changed" region (hidden if none). */
function renderChanges() {
  const d = lastChange?.diff;
  $('changes').hidden = !d;
  if (!d) {
    $('changes-body').innerHTML = '';
    return;
  }
  const q = lastChange.after;
  const total = d.total;
  const totalLine = !d.comparable
    ? `<p class="changes-total" data-total-delta="" data-currency="${esc(d.currency)}">Total now <strong>${esc(money(total.after, d.currency))}</strong>
       <span class="was">(was ${esc(money(total.before, d.before.currency))}; in another currency, so not compared item by item)</span></p>`
    : isZero(total.delta)
      ? `<p class="changes-total" data-total-delta="${esc(total.delta)}" data-currency="${esc(d.currency)}">Your total did not change <span class="was">(${esc(money(total.after, d.currency))})</span>.</p>`
      : `<p class="changes-total" data-total-delta="${esc(total.delta)}" data-currency="${esc(d.currency)}">Total <strong>${esc(signedMoney(total.delta, d.currency))}</strong>
       <span class="was">(was ${esc(money(total.before, d.before.currency))}, now ${esc(money(total.after, d.currency))})</span></p>`;
  const due = d.due_on_delivery;
  const dueLine =
    due.delta !== null && !isZero(due.delta)
      ? `<p class="changes-due" data-due-delta="${esc(due.delta)}">Due on delivery <strong>${esc(signedMoney(due.delta, due.currency))}</strong></p>`
      : '';
  const place = d.changes.find((c) => c.kind === 'destination');
  const placeLine = place
    ? `<p class="changes-place" data-from="${esc(place.before.split(' ')[0])}" data-to="${esc(place.ref)}">Shipping to ${esc(region(place.ref))} instead of ${esc(region(place.before.split(' ')[0]))}.</p>`
    : '';
  const rows = d.charges.map((ch) => renderChargeChange(ch, q)).join('');
  $('changes-body').innerHTML =
    placeLine + totalLine + dueLine + (rows ? `<ul class="changes-list">${rows}</ul>` : '');
}

/** Diffs a new quote against the last one shown when the shopper changed the order (cart,
 *  destination, currency or line); a new language only re-renders the change on screen. A
 *  diff the package refuses hides the region. */
function trackChanges(request, quote) {
  const asked = JSON.stringify({ ...request, at: undefined, locale: undefined });
  const before = lastQuoted;
  lastQuoted = quote;
  if (before && asked !== lastAsked) {
    try {
      lastChange = { diff: tq.diff(before, quote), after: quote };
    } catch (e) {
      if (!(e instanceof QuoteError)) throw e;
      lastChange = null;
    }
  }
  lastAsked = asked;
  window.taoquoteDemo.lastDiff = lastChange?.diff ?? null;
  renderChanges();
}

function setBadge(kind, text) {
  $('badge').className = `badge ${kind}`;
  $('badge').textContent = text;
}

function describeDifference(local, server) {
  if (local.total !== server.total)
    return `server total ${server.total} ${server.currency}, this page ${local.total} ${local.currency}`;
  const diff = server.charges.find((c, i) => c.amount !== local.charges[i]?.amount);
  return diff
    ? `${diff.code}: server ${diff.amount}, this page ${local.charges.find((c) => c.code === diff.code)?.amount ?? 'missing'}`
    : 'details differ';
}

async function verify(seq, request, quote) {
  try {
    const res = await fetch('/v1/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request, fingerprint: quote.fingerprint }),
    });
    const body = await res.json();
    if (seq !== quoteSeq) return; // a newer quote superseded this one
    if (!res.ok) {
      document.body.dataset.verified = 'error';
      return setBadge('bad', `Server rejected the request: ${body.error?.code ?? res.status}`);
    }
    if (body.match) setBadge('ok', `✓ Verified by server · ${quote.fingerprint.slice(0, 19)}…`);
    else
      setBadge(
        'bad',
        `✕ Server computed a different price — ${describeDifference(quote, body.quote)}`,
      );
    document.body.dataset.verified = body.match ? 'match' : 'mismatch';
  } catch {
    if (seq !== quoteSeq) return;
    document.body.dataset.verified = 'error';
    setBadge('bad', 'Server unavailable — the price shown is computed in your browser.');
  }
}

let updating = false,
  updateAgain = false;

/** Quotes the current cart and schedules verification. Re-entrant calls (re-rendering the
 *  cart removes a focused quantity input, and the browser then fires its `change`) are
 *  deferred and run after the current one, so no update is lost or half-applied. */
function update() {
  if (updating) {
    updateAgain = true;
    return;
  }
  updating = true;
  try {
    do {
      updateAgain = false;
      updateOnce();
    } while (updateAgain);
  } finally {
    updating = false;
  }
}

function updateOnce() {
  const seq = ++quoteSeq;
  document.body.dataset.verified = 'pending';
  renderCart();
  const request = buildRequest();
  window.taoquoteDemo.lastRequest = request;
  window.taoquoteDemo.lastQuote = null;
  if (!request.items.length) {
    clearQuote('Add items to get a quote.');
    showMessage(null);
    document.body.dataset.state = 'empty';
    return;
  }
  let quote;
  try {
    quote = rulebook.quote(request);
  } catch (e) {
    if (!(e instanceof QuoteError)) throw e;
    if (e.code === 'LINE_INELIGIBLE' || e.code === 'UNKNOWN_LINE') {
      state.line = '';
      updateAgain = true;
      return;
    }
    clearQuote('No quote to verify.');
    showMessage(explainError(e));
    document.body.dataset.state = 'error';
    document.body.dataset.error = e.code;
    return;
  }
  window.taoquoteDemo.lastQuote = quote;
  renderQuote(quote);
  trackChanges(request, quote);
  document.body.dataset.state = 'quoted';
  delete document.body.dataset.error;
  setBadge('pending', 'Checking with the server…');
  clearTimeout(verifyTimer);
  verifyTimer = setTimeout(() => verify(seq, request, quote), 120);
}

function setQuantity(id, q) {
  state.cart.set(id, Math.max(0, Math.min(9999, Number.isFinite(q) ? Math.trunc(q) : 0)));
  update();
}

async function main() {
  window.taoquoteDemo = {};
  try {
    let rb, cat;
    [cat, rb, tq] = await Promise.all([
      fetch('./catalog.json').then((r) => r.json()),
      fetch('/v1/rulebook').then((r) => {
        if (!r.ok) throw new Error(`rulebook: HTTP ${r.status}`);
        return r.text();
      }),
      createTaoquote(),
    ]);
    catalog = cat;
    rulebookJson = JSON.parse(rb);
    rulebook = tq.loadRulebook(rb);
  } catch (e) {
    showMessage(`Could not start the checkout: ${e.message}`);
    document.body.dataset.state = 'error';
    return;
  }
  renderProducts();
  renderSelectors();
  document.addEventListener('click', (ev) => {
    const t = ev.target.closest(
      '[data-add],[data-inc],[data-dec],.option[data-line]:not(.ineligible)',
    );
    if (!t) return;
    if (t.dataset.add) setQuantity(t.dataset.add, (state.cart.get(t.dataset.add) ?? 0) + 1);
    else if (t.dataset.inc) setQuantity(t.dataset.inc, (state.cart.get(t.dataset.inc) ?? 0) + 1);
    else if (t.dataset.dec) setQuantity(t.dataset.dec, (state.cart.get(t.dataset.dec) ?? 0) - 1);
    else {
      state.line = t.dataset.line;
      update();
    }
  });
  document.addEventListener('change', (ev) => {
    const t = ev.target;
    if (t.dataset.qty) setQuantity(t.dataset.qty, Number(t.value));
    else if (t.id === 'country') {
      state.country = t.value;
      state.line = '';
      update();
    } else if (t.id === 'currency') {
      state.currency = t.value;
      update();
    } else if (t.id === 'locale') {
      state.locale = t.value;
      renderSelectors();
      update();
    }
  });
  update();
}

main();
