// The storefront checkout: quotes live in the browser with the taoquote npm package and asks
// the native service to verify each quote's fingerprint. No pricing logic lives here: the page
// only builds the request from the cart and renders the quote the core returns — and, when the
// shopper changes the order, the package's diff of the last two quotes (docs/diff.md). Prices
// in the catalog and the cart are converted into the buyer's currency by the package too
// (Rulebook.convert, the quote's own FX rules). The catalog is drawn before the package and its
// WebAssembly have arrived (they are imported dynamically), in yuan until they have.

// Filled in once the package has loaded (dynamic import: the catalog does not wait for it).
let createTaoquote,
  QuoteError = class Pending extends Error {},
  formatQuote,
  formatMoney;

const { COUNTRY_LOCALE } = window.taoquoteRequest;
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
  'en-CA',
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
const ATTRIBUTE_WORDS = {
  battery: 'a battery',
  liquid: 'liquid',
  magnet: 'magnets',
  powder: 'powder',
};

const state = window.taoquoteRequest.opening();
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
/** The built page runs this script as soon as it is parsed, in the head (build.mjs): drawing
 *  waits for the document. */
const parsed =
  document.readyState === 'loading'
    ? new Promise((resolve) =>
        document.addEventListener('DOMContentLoaded', resolve, { once: true }),
      )
    : Promise.resolve();
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const isZero = (amount) => /^0(\.0+)?$/.test(amount);

function productById(id) {
  return catalog.products.find((p) => p.id === id);
}
/** The number and date format in force: the shopper's choice, else the destination's. */
function locale() {
  return window.taoquoteRequest.locale(state);
}
/** The currency the buyer pays in: the shopper's choice, else the destination's. */
function buyerCurrency() {
  if (state.currency) return state.currency;
  return rulebookJson?.destinations.find((d) => d.country === state.country)?.currency ?? 'CNY';
}
function money(amount, currency) {
  // Intl formats a decimal string exactly; the package's formatMoney does the same, and
  // takes over once it has loaded.
  if (formatMoney) return formatMoney(amount, currency, locale());
  return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(amount);
}
/** A yuan amount in the buyer's currency, converted by the package (null before it loads). */
function converted(cny) {
  if (!rulebook) return null;
  const cur = buyerCurrency();
  return rulebook.convert(cny, 'CNY', cur);
}
/** A yuan amount as the buyer reads it: converted when the package is ready, else in yuan. */
function price(cny) {
  try {
    const c = converted(cny);
    return c ? money(c.amount, c.currency) : money(cny, 'CNY');
  } catch (e) {
    // A catalog price that is not a decimal string: the quote explains it; no guess here.
    if (e instanceof QuoteError || e instanceof RangeError) return 'price unavailable';
    throw e;
  }
}
function day(ymd) {
  return new Intl.DateTimeFormat(locale(), {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${ymd}T00:00:00Z`));
}
/** Country names in the page's language (English), whatever the number format. */
function region(code) {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code);
  } catch {
    return code;
  }
}

/** The request for the current cart and selectors (docs/schema.md; request.js). */
function buildRequest() {
  return window.taoquoteRequest.build(catalog, state);
}

function renderProducts() {
  $('products').innerHTML = catalog.products
    .map((p) => {
      const offers = p.offers
        .map((o) => {
          const s = catalog.sellers.find((x) => x.id === o.seller);
          const shown = o.unit_price
            ? price(o.unit_price)
            : `${price(o.tiers[o.tiers.length - 1].unit_price)}–${price(o.tiers[0].unit_price)}`;
          const moq = o.moq > 1 ? ` · min. ${o.moq}` : '';
          return `<div class="offer-line"><span><span class="platform p${esc(s.platform)}">${esc(s.platform)}</span> ${esc(s.name)}</span><span data-price>${esc(shown)}${esc(moq)}</span></div>`;
        })
        .join('');
      const tags = p.attributes.map((a) => `<span class="tag">${esc(a)}</span>`).join(' ');
      return `<article class="product" data-id="${esc(p.id)}" aria-labelledby="title-${esc(p.id)}"><div class="pic" aria-hidden="true" style="--hue:${Number(p.hue)}">${esc(p.label)}</div>
      <h3 class="title" id="title-${esc(p.id)}">${esc(p.title)}</h3><div class="meta">${p.weight_g} g ${tags}</div>${offers}
      <button data-add="${esc(p.id)}" data-key="add:${esc(p.id)}" aria-label="Add to cart: ${esc(p.title)}">Add to cart</button></article>`;
    })
    .join('');
}

function renderSelectors() {
  const countries = rulebookJson
    ? rulebookJson.destinations.map((d) => d.country)
    : Object.keys(COUNTRY_LOCALE);
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
        `<option value="${c}" ${c === state.currency ? 'selected' : ''}>${c || `Local currency (${buyerCurrencyOf(state.country)})`}</option>`,
    )
    .join('');
  $('locale').innerHTML = ['', ...LOCALES]
    .map(
      (l) =>
        `<option value="${l}" ${l === state.locale ? 'selected' : ''}>${l || `Local format (${COUNTRY_LOCALE[state.country] ?? 'en-US'})`}</option>`,
    )
    .join('');
}

function buyerCurrencyOf(country) {
  return rulebookJson?.destinations.find((d) => d.country === country)?.currency ?? '…';
}

function renderCart() {
  const lines = [...state.cart].filter(([, q]) => q > 0);
  $('cart').innerHTML = lines.length
    ? lines
        .map(([id, q]) => {
          const p = productById(id);
          return `<div class="cart-line" data-id="${esc(id)}"><div><div class="name">${esc(p.title)}</div><div class="sub" data-sub="${esc(id)}"></div></div>
      <div class="qty"><button class="ghost" data-dec="${esc(id)}" data-key="dec:${esc(id)}" aria-label="One fewer ${esc(p.title)}">−</button>
      <input type="number" min="0" max="9999" value="${q}" data-qty="${esc(id)}" data-key="qty:${esc(id)}" aria-label="Quantity of ${esc(p.title)}">
      <button class="ghost" data-inc="${esc(id)}" data-key="inc:${esc(id)}" aria-label="One more ${esc(p.title)}">+</button></div><div class="amount" data-amount="${esc(id)}"></div></div>`;
        })
        .join('')
    : '<div class="empty">Your cart is empty — add something from the catalog.</div>';
}

function showMessage(text) {
  $('message').hidden = !text;
  $('message').textContent = text ?? '';
}

function clearQuote(reasonBadge) {
  for (const id of ['options', 'parcels', 'unavailable', 'breakdown', 'customs'])
    $(id).innerHTML = '';
  $('parcels').hidden = true;
  $('changes').hidden = true;
  $('total').textContent = '—';
  delete $('total').dataset.amount;
  $('delivery').hidden = true;
  $('summary').hidden = true;
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
        `No shipping option can carry this parcel to ${region(state.country)}: ` +
        (e.detail ?? [])
          .map((d) => `${lineName(d.id)} ${refusal({ line: d.id, reason: d.reason })}`)
          .join('; ') +
        '.'
      );
    case 'LINE_INELIGIBLE':
      return `The chosen line cannot carry this parcel: ${e.message}`;
    case 'FX_STALE':
      return 'Exchange rates are out of date; prices cannot be quoted right now.';
    default:
      return `${item ? `${item.title} cannot be quoted: ` : ''}${e.message} (${e.code}${e.path ? ` at ${e.path}` : ''})`;
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
    row.querySelector('[data-sub]').textContent = `Not in this order — ${x.message}${hint}`;
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

/** A line's name from the rulebook (its id if unknown). */
function lineName(id) {
  return rulebookJson?.lines.find((l) => l.id === id)?.name ?? id;
}

/** Why a line cannot carry this parcel, naming the items that stop it. */
function refusal(o) {
  switch (o.reason) {
    case 'DESTINATION_NOT_SERVED':
      return `does not ship to ${region(state.country)}`;
    case 'PROHIBITED_ATTRIBUTE': {
      // The rulebook's list of what the line refuses, against the items in the cart (the
      // core names the first such attribute; the page names every item that has one).
      const prohibited =
        rulebookJson?.lines.find((l) => l.id === o.line)?.restrictions?.prohibited ?? [];
      const items = buildRequest().items.filter((i) =>
        i.attributes.some((a) => prohibited.includes(a)),
      );
      if (!items.length) return `cannot carry an item in your cart (${o.message})`;
      return `cannot carry ${items
        .map((i) => {
          const why = i.attributes.filter((a) => prohibited.includes(a));
          return `${i.title} (contains ${why.map((a) => ATTRIBUTE_WORDS[a] ?? a).join(' and ')})`;
        })
        .join(', ')}`;
    }
    case 'OVERWEIGHT':
      return `cannot take a parcel this heavy — ${o.message}`;
    case 'OVERSIZE':
      return `cannot take a parcel this large — ${o.message}`;
    default:
      return `cannot carry this parcel — ${o.message}`;
  }
}

/**
 * A charge code as the shopper reads it ("FUEL" on the selected line is a surcharge); a split
 * quote's per-parcel charges name their parcel.
 */
function chargeLabel(code, q, parcel) {
  const of = parcel === undefined ? '' : ` (parcel ${parcel + 1})`;
  if (LABELS[code]) return LABELS[code] + of;
  const words = code.replaceAll('_', ' ').toLowerCase();
  const line =
    parcel === undefined ? q?.options.find((o) => o.line === q.selected) : q?.parcels[parcel];
  return (
    (line?.surcharges.some((s) => s.code === code)
      ? `${words} surcharge`
      : words.charAt(0).toUpperCase() + words.slice(1)) + of
  );
}

/**
 * A split quote's parcels (docs/parcels.md): what each holds, its line, price and dates
 * (`display`: the quote's formatQuote strings, which give each parcel's price).
 */
function renderParcels(q, display) {
  $('parcels').hidden = !q.parcels;
  if (!q.parcels) {
    $('parcels').innerHTML = '';
    return;
  }
  const why = q.options.some((o) => o.eligible)
    ? 'Shipping it in parcels costs less than one parcel.'
    : 'No shipping line can carry the whole order as one parcel.';
  $('parcels').innerHTML =
    `<p><strong>Ships as ${q.parcels.length} parcels.</strong> ${esc(why)}</p><ol>` +
    q.parcels
      .map((p, i) => {
        const items = p.items
          .map((it) => `${productById(it.id)?.title ?? it.id} × ${it.quantity}`)
          .join(', ');
        const kg = new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(
          p.actual_g / 1000,
        );
        const units = p.items.map((it) => `${it.id}:${it.quantity}`).join(',');
        const shown = display.parcels[i];
        return `<li class="parcel" data-parcel="${i}" data-line="${esc(p.line)}" data-units="${esc(units)}"><span class="name">${esc(items)}</span>
        <span class="eta">${esc(kg)} kg · ${esc(p.name)} · shipping ${esc(shown.price)} · arrives ${esc(day(p.eta.earliest))} – ${esc(day(p.eta.latest))}</span></li>`;
      })
      .join('') +
    '</ol>';
}

function renderQuote(q) {
  const display = formatQuote(q, locale());
  for (const item of q.items) {
    const sub = document.querySelector(`[data-sub="${CSS.escape(item.id)}"]`);
    const amt = document.querySelector(`[data-amount="${CSS.escape(item.id)}"]`);
    const seller = catalog.sellers.find((s) => s.id === item.seller);
    if (sub)
      sub.textContent = `${seller.platform} · ${seller.name} · ${price(item.unit_price)} each`;
    if (amt) amt.textContent = price(item.amount);
  }
  // A native radio group: Tab reaches the chosen option, arrow keys move the choice.
  $('options').innerHTML = q.options
    .map((o, i) => {
      if (!o.eligible) return '';
      const selected = o.line === q.selected;
      const eta = `${o.transit_days.min}–${o.transit_days.max} days · arrives ${day(o.eta.earliest)} – ${day(o.eta.latest)}`;
      const ddp = o.ddp ? ' · duties prepaid' : '';
      return `<label class="option${selected ? ' selected' : ''}" data-line="${esc(o.line)}"><input type="radio" name="line" value="${esc(o.line)}" data-key="line:${esc(o.line)}"${selected ? ' checked' : ''}>
      <span><span class="name">${esc(o.name)}</span><span class="eta">${esc(eta)}${ddp}</span></span>${optionFigures(q, o, display.options[i])}</label>`;
    })
    .join('');
  const refused = q.options.filter((o) => !o.eligible);
  $('unavailable').innerHTML = refused.length
    ? `<p>${q.parcels ? 'Not available for the whole order as one parcel' : 'Not available for this parcel'}:</p><ul>${refused
        .map(
          (o) =>
            `<li class="option ineligible" data-line="${esc(o.line)}" data-reason="${esc(o.reason)}"><strong>${esc(o.name)}</strong> ${esc(refusal(o))}</li>`,
        )
        .join('')}</ul>`
    : '';
  renderParcels(q, display);
  // What the buyer pays in all, and when it arrives: the selected line's, or for a split the
  // quote's landed total and the window from the first parcel's earliest to the last's latest.
  const line = q.parcels
    ? {
        landed_total: q.landed_total,
        name: `${q.parcels.length} parcels`,
        eta: {
          earliest: q.parcels.map((p) => p.eta.earliest).sort()[0],
          latest: q.parcels
            .map((p) => p.eta.latest)
            .sort()
            .at(-1),
        },
      }
    : q.options.find((o) => o.line === q.selected);
  $('breakdown').innerHTML = q.charges
    .map((c, i) => {
      const label = chargeLabel(c.code, q, c.parcel);
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
  // What the shopper needs in the main view; rule ids, valuation and the fingerprint go
  // under "How this was calculated".
  const basis =
    cu.valuation.basis === 'price_rate'
      ? `a share of the price (${cu.valuation.rate})`
      : cu.valuation.basis.toUpperCase();
  $('customs').innerHTML =
    `<p>Customs in ${esc(region(cu.country))}: valuation ${esc(basis)}, customs value ${esc(money(cu.customs_value, cu.currency))}. ` +
    `Duty rule: ${esc(cu.duty.rule === 'exempt' ? `exempt (${cu.duty.id})` : cu.duty.rule === 'per_category' ? `flat per tariff category (${cu.duty.id})` : 'by HS code')}. ` +
    `${fired.length ? `Thresholds applied: ${esc(fired.join(', '))}. ` : ''}${cu.regime ? `Regime: ${esc(cu.regime)}.` : ''}</p>` +
    `<p>Exchange: ${q.fx.rates.map((f) => `1 ${esc(f.from)} = ${esc(f.charged)} ${esc(f.to)} (mid ${esc(f.mid)})`).join('; ') || 'none'}.</p>`;
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
  const expires = new Intl.DateTimeFormat(locale(), {
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(q.expires_at));
  const who =
    cu.collect === 'checkout'
      ? 'Import taxes are included in the total.'
      : 'Import taxes are paid to the carrier on delivery.';
  $('summary').hidden = false;
  $('summary').innerHTML =
    `Arrives <strong>${esc(day(line.eta.earliest))} – ${esc(day(line.eta.latest))}</strong> with ${esc(line.name)}. ` +
    `${esc(who)} <span data-expires="${esc(q.expires_at)}">Price valid until ${esc(expires)}.</span>`;
  renderExcluded(q);
  const stale = q.warnings.find((w) => w.code === 'FX_STALE');
  showMessage(stale ? `Note: ${stale.message}` : null);
  $('fineprint').textContent =
    `Rulebook ${q.rulebook.id} (${q.rulebook.digest}) · quote fingerprint ${q.fingerprint}`;
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

/** The request without its time and number format: what decides whether a quote still fits. */
const askedKey = (request) => JSON.stringify({ ...request, at: undefined, locale: undefined });

/** Diffs a new quote against the last one shown when the shopper changed the order (cart,
 *  destination, currency or line); a new language only re-renders the change on screen. A
 *  diff the package refuses hides the region. */
function trackChanges(request, quote) {
  const asked = askedKey(request);
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

/** Reads `text` out politely (the total, then the server's verdict), without moving focus. */
function announce(text) {
  $('announce').textContent = text;
}

/** The server's refusals of prices or times it did not sign (docs/signed-offers.md). */
const REFUSALS = new Set([
  'OFFER_SIGNATURE_INVALID',
  'OFFER_UNSIGNED',
  'UNKNOWN_KEY',
  'OFFER_EXPIRED',
  'CLOCK_SKEW',
  'QUOTE_EXPIRED',
]);

/** Shows a refusal: what failed and where, and the server's own total when it has one. */
function showRefusal(body) {
  const { code, path, message } = body.error;
  const server = body.quote ? ` Server's total: ${body.quote.total} ${body.quote.currency}.` : '';
  document.body.dataset.verified = 'refused';
  document.body.dataset.refusal = code;
  window.taoquoteDemo.lastRefusal = body;
  setBadge('bad', `✕ Server refused this price — ${code} at ${path}: ${message}${server}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Backoff before retry `attempt` (0, 1, …): 0.5 s doubling, at most 4 s. */
const backoff = (attempt) => Math.min(500 * 2 ** attempt, 4000);

function describeDifference(local, server) {
  if (local.total !== server.total)
    return `this page computed ${money(local.total, local.currency)}`;
  const diff = server.charges.find((c, i) => c.amount !== local.charges[i]?.amount);
  return diff ? `${chargeLabel(diff.code, server)} differed` : 'details differed';
}

/** Asks the service to recompute the quote. A network failure or a 5xx is retried with backoff
 *  for as long as this quote is the current one, so the badge updates once the service is back;
 *  on a mismatch the server's quote replaces the page's. */
async function verify(seq, request, quote) {
  delete document.body.dataset.refusal;
  for (let attempt = 0; ; attempt++) {
    let res, body;
    try {
      res = await fetch('/v1/verify', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request, fingerprint: quote.fingerprint }),
      });
      body = res.status >= 500 ? null : await res.json();
    } catch {
      res = null;
    }
    if (seq !== quoteSeq) return; // a newer quote superseded this one
    if (!res || res.status >= 500) {
      const wait = backoff(attempt);
      document.body.dataset.verified = 'error';
      setBadge(
        'bad',
        `Server unavailable — retrying in ${Math.ceil(wait / 1000)} s. The price shown is computed in your browser.`,
      );
      if (attempt === 0) announce('The server could not be reached; the price is computed here.');
      await sleep(wait);
      if (seq !== quoteSeq) return;
      continue;
    }
    if (res.status === 422 && REFUSALS.has(body.error?.code)) return showRefusal(body);
    if (!res.ok) {
      document.body.dataset.verified = 'error';
      return setBadge('bad', `Server rejected the request: ${body.error?.code ?? res.status}`);
    }
    if (body.match) {
      setBadge('ok', `✓ Verified by server · ${quote.fingerprint.slice(0, 19)}…`);
      announce(`Total due now ${$('total').textContent}. Verified by the server.`);
      document.body.dataset.verified = 'match';
      return;
    }
    // The server's price is the one charged: it replaces the page's.
    const why = describeDifference(quote, body.quote);
    window.taoquoteDemo.lastQuote = body.quote;
    window.taoquoteDemo.pageQuote = quote;
    lastQuoted = body.quote;
    renderQuote(body.quote);
    setBadge('bad', `Price updated by the server (${why}); the total shown is the server's.`);
    announce(`Price updated by the server: total due now ${$('total').textContent}.`);
    document.body.dataset.verified = 'mismatch';
    return;
  }
}

let updating = false,
  updateAgain = false;

/** Quotes the current cart and schedules verification. Re-entrant calls (re-rendering the
 *  cart removes a focused quantity input, and the browser then fires its `change`) are
 *  deferred and run after the current one, so no update is lost or half-applied. The focused
 *  control is found again after re-rendering (by its data-key), so keyboard users keep their
 *  place: Enter on "+" three times adds three. */
function update() {
  if (updating) {
    updateAgain = true;
    return;
  }
  updating = true;
  const key = document.activeElement?.dataset?.key;
  try {
    do {
      updateAgain = false;
      updateOnce();
    } while (updateAgain);
  } finally {
    updating = false;
  }
  if (key && document.activeElement?.dataset?.key !== key) {
    const again = document.querySelector(`[data-key="${CSS.escape(key)}"]`);
    (again ?? $('checkout')).focus();
  }
}

function updateOnce() {
  const seq = ++quoteSeq;
  document.body.dataset.verified = 'pending';
  renderCart();
  if (!rulebook) {
    document.body.dataset.state = 'loading';
    return; // quoted as soon as the package and the rulebook are in
  }
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
    announce(explainError(e));
    document.body.dataset.state = 'error';
    document.body.dataset.error = e.code;
    return;
  }
  window.taoquoteDemo.lastQuote = quote;
  renderQuote(quote);
  // Milliseconds from navigation to the first quote on screen, and to the first the page
  // computed itself (docs/performance.md).
  window.taoquoteDemo.timing.firstQuote ??= Math.round(performance.now());
  window.taoquoteDemo.timing.pageQuote ??= Math.round(performance.now());
  trackChanges(request, quote);
  document.body.dataset.state = 'quoted';
  delete document.body.dataset.error;
  setBadge('pending', 'Checking with the server…');
  announce(`Total due now ${$('total').textContent}.`);
  clearTimeout(verifyTimer);
  verifyTimer = setTimeout(() => verify(seq, request, quote), 120);
}

function setQuantity(id, q) {
  state.cart.set(id, Math.max(0, Math.min(9999, Number.isFinite(q) ? Math.trunc(q) : 0)));
  update();
}

/** The catalog: inlined in the built page, else (the sources served as they are) fetched. */
async function loadCatalog() {
  const inline = document.getElementById('catalog-data');
  if (inline) return JSON.parse(inline.textContent);
  const r = await fetch('./catalog.json');
  if (!r.ok) throw new Error(`catalog: HTTP ${r.status}`);
  return r.json();
}

/** The rulebook in force, retried with backoff while the service is unreachable or failing. */
async function loadRulebookText() {
  for (let attempt = 0; ; attempt++) {
    let status = 0;
    try {
      const r = await fetch('/v1/rulebook');
      if (r.ok) {
        const text = await r.text();
        await parsed;
        showMessage(null);
        return text;
      }
      status = r.status;
    } catch {
      status = 0;
    }
    if (status >= 400 && status < 500)
      throw new Error(`the price rules are missing (HTTP ${status})`);
    const wait = backoff(attempt);
    await parsed;
    setBadge('bad', `Server unavailable — retrying in ${Math.ceil(wait / 1000)} s.`);
    showMessage(
      `The price rules could not be loaded yet; retrying in ${Math.ceil(wait / 1000)} s.`,
    );
    document.body.dataset.rulebook = 'retrying';
    await sleep(wait);
  }
}

function onClick(ev) {
  const t = ev.target.closest('[data-add],[data-inc],[data-dec]');
  if (!t) return;
  if (t.dataset.add) setQuantity(t.dataset.add, (state.cart.get(t.dataset.add) ?? 0) + 1);
  else if (t.dataset.inc) setQuantity(t.dataset.inc, (state.cart.get(t.dataset.inc) ?? 0) + 1);
  else setQuantity(t.dataset.dec, (state.cart.get(t.dataset.dec) ?? 0) - 1);
}

function onChange(ev) {
  const t = ev.target;
  if (t.dataset.qty) setQuantity(t.dataset.qty, Number(t.value));
  else if (t.name === 'line') {
    state.line = t.value;
    update();
  } else if (t.id === 'country') {
    state.country = t.value;
    state.line = '';
    refreshPrices();
  } else if (t.id === 'currency') {
    state.currency = t.value;
    refreshPrices();
  } else if (t.id === 'locale') {
    state.locale = t.value;
    refreshPrices();
  }
}

/** Country, currency or format changed: the selectors, the catalog's prices and the quote. */
function refreshPrices() {
  renderSelectors();
  renderProducts();
  if (rulebook) $('catalog-note').hidden = true;
  update();
}

/** The first price comes from the service's POST /v1/quote — the bytes the page will compute
 *  itself a moment later — so the shopper sees a total at once. It is asked before anything
 *  else is fetched, so it has the slow link to itself. Dropped if the cart changed meanwhile or
 *  the page already quoted. Resolves (never rejects) once the answer is in, or failed. */
async function serverFirstQuote() {
  try {
    // Asked by request.js already when the built page inlines the catalog.
    const early = window.taoquoteRequest.first;
    const request = early?.request ?? buildRequest();
    if (!request.items.length) return;
    const res =
      early?.response ??
      fetch('/v1/quote', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
    const display = import('taoquote/display');
    const r = await res;
    if (!r.ok) return;
    const quote = await r.json();
    ({ formatQuote, formatMoney } = await display);
    await parsed;
    if (rulebook || askedKey(request) !== askedKey(buildRequest())) return;
    window.taoquoteDemo.lastRequest = request;
    window.taoquoteDemo.lastQuote = quote;
    renderQuote(quote);
    lastQuoted = quote;
    lastAsked = askedKey(request);
    document.body.dataset.state = 'quoted';
    document.body.dataset.verified = 'server';
    setBadge('ok', 'Priced by the server · your browser takes over in a moment');
    announce(`Total due now ${$('total').textContent}.`);
    window.taoquoteDemo.timing.firstQuote ??= Math.round(performance.now());
    window.taoquoteDemo.timing.serverQuote = Math.round(performance.now());
  } catch {
    // The page quotes by itself once the package is in.
  }
}

/** How long the package and its WebAssembly wait for the server's first price at most, so a
 *  slow service does not hold the page's own quote back for long. */
const FIRST_QUOTE_HEAD_START_MS = 1500;

/** Fetches the package's modules and its WebAssembly at once, in parallel, rather than one
 *  after the other as the imports find them. */
function preloadPackage() {
  const index = new URL(import.meta.resolve('taoquote'));
  for (const [file, rel] of [
    ['index.js', 'modulepreload'],
    ['taoquote-core.js', 'modulepreload'],
    ['taoquote-core.wasm', 'preload'],
  ]) {
    const link = document.createElement('link');
    link.rel = rel;
    link.href = new URL(file, index).href;
    if (rel === 'preload') {
      link.as = 'fetch';
      link.type = 'application/wasm';
      link.crossOrigin = 'anonymous';
    }
    document.head.append(link);
  }
}

async function main() {
  window.taoquoteDemo = { timing: {} };
  try {
    catalog = await loadCatalog();
  } catch (e) {
    await parsed;
    showMessage(`Could not load the catalog: ${e.message}`);
    document.body.dataset.state = 'error';
    return;
  }
  // The server's first price and the rules are asked before anything else, then the catalog and
  // the cart are drawn; quoting in the page starts when the package is in.
  const firstQuote = serverFirstQuote();
  const rulebookText = loadRulebookText();
  // The rules name what stops an ineligible line: the server's first quote, if it came first,
  // is drawn again with them.
  rulebookText.then(
    (t) => {
      rulebookJson ??= JSON.parse(t);
      if (!rulebook && document.body.dataset.verified === 'server')
        renderQuote(window.taoquoteDemo.lastQuote);
    },
    () => {},
  );
  await parsed;
  renderSelectors();
  renderProducts();
  window.taoquoteDemo.timing.catalog = Math.round(performance.now());
  document.addEventListener('click', onClick);
  document.addEventListener('change', onChange);
  update();
  // The package and its WebAssembly (most of the page's bytes) wait until the server's first
  // price is in, or at most FIRST_QUOTE_HEAD_START_MS, so they do not share the link with it.
  await Promise.race([firstQuote, sleep(FIRST_QUOTE_HEAD_START_MS)]);
  preloadPackage();
  let text;
  try {
    let pkg;
    [pkg, text] = await Promise.all([import('taoquote'), rulebookText]);
    ({ createTaoquote, QuoteError, formatQuote, formatMoney } = pkg);
    tq = await createTaoquote();
    rulebookJson = JSON.parse(text);
    rulebook = tq.loadRulebook(text);
  } catch (e) {
    const code = e && e.code ? ` (${e.code})` : '';
    showMessage(`Could not start the checkout: ${e.message}${code}`);
    setBadge('bad', 'Prices cannot be quoted right now.');
    document.body.dataset.state = 'error';
    document.body.dataset.error = e?.code ?? 'STARTUP';
    return;
  }
  document.body.dataset.rulebook = 'loaded';
  refreshPrices();
}

main();
