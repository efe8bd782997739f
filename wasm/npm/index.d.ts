// Type declarations of the taoquote npm package: the JavaScript contract.
// Money is never a number: every amount and rate is a decimal string, with an ISO 4217
// currency beside it. Field meanings: docs/schema.md and docs/quote.md in the repository.

/** A decimal string: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, ≤ 15 integer and ≤ 12 fraction digits. */
export type Amount = string;
/** A rate: a decimal string ("0.19") or an exact ratio ("22/78"). */
export type RateString = string;
/** An ISO 4217 alphabetic code, e.g. "EUR". */
export type CurrencyCode = string;
/** An ISO 3166-1 alpha-2 code, e.g. "DE". */
export type CountryCode = string;
/** An RFC 3339 instant, e.g. "2026-11-25T08:00:00Z". */
export type Instant = string;
/** A civil date "YYYY-MM-DD". */
export type CivilDate = string;
export type Rounding = 'half_up' | 'half_even' | 'up' | 'down' | 'ceiling' | 'floor';
export type LineMode = 'courier' | 'postal' | 'freight';
export type Platform = '1688' | 'taobao' | 'pinduoduo';
export type Component =
  'customs_value' | 'goods' | 'seller_shipping' | 'freight' | 'insurance' | 'duty' | 'fees';

/** Optional effective dates of a rule: in force when valid_from ≤ at < valid_to. */
export interface Dated {
  valid_from?: Instant;
  valid_to?: Instant;
  note?: string;
  source?: string;
}

/** A value limit for exemptions and checkout regimes. */
export interface Threshold extends Dated {
  id: string;
  basis: 'goods' | 'customs_value';
  max: Amount;
  currency: CurrencyCode;
  /** `<` instead of `≤`. */
  strict?: boolean;
  /** Applies only when every item's origin is listed. */
  origins?: CountryCode[];
  /** Applies only to these line modes. */
  modes?: LineMode[];
  /** Never applies when an item has one of these attributes. */
  unless_attributes?: string[];
}

export type Pricing =
  | {
      kind: 'first_continued';
      first_g: number;
      first: Amount;
      continued_g: number;
      continued: Amount;
    }
  | { kind: 'brackets'; brackets: { up_to_g: number; price: Amount }[] }
  | { kind: 'per_kg'; per_kg: Amount; min: Amount };

export type Surcharge =
  | { code: string; kind: 'rate'; rate: RateString }
  | { code: string; kind: 'fixed'; amount: Amount }
  | { code: string; kind: 'attribute'; attribute: string; amount: Amount };

/** A shipping line the warehouse sells. */
export interface ShippingLine extends Dated {
  id: string;
  name: string;
  mode: LineMode;
  ddp?: boolean;
  volumetric?: { divisor: number; when_side_over_cm?: number };
  step_g: number;
  pricing: Pricing;
  zones?: { countries: CountryCode[]; pricing: Pricing }[];
  surcharges?: Surcharge[];
  insurance?: { rate: RateString; min: Amount };
  restrictions: {
    countries: CountryCode[];
    max_weight_g?: number;
    max_side_cm?: number;
    max_girth_cm?: number;
    prohibited?: string[];
  };
  transit_days: { min: number; max: number };
}

export interface Quantization {
  rounding?: Rounding;
  base_quantum?: Amount;
  quantum?: Amount;
}

export interface TaxRule extends Dated, Quantization {
  id: string;
  code: string;
  rate?: RateString;
  rates?: { hs: string; rate: RateString }[];
  of?: string;
  base?: Component[];
  checkout_base?: Component[];
  exemptions?: Threshold[];
}

export interface Destination {
  country: CountryCode;
  currency: CurrencyCode;
  rounding?: Rounding;
  valuation: { basis: 'fob' | 'cif' } | { basis: 'price_rate'; rate: RateString };
  duty?: Quantization & {
    rates?: (Dated & {
      hs: string;
      ad_valorem?: RateString;
      specific?: Amount;
      modes?: LineMode[];
    })[];
    exemptions?: Threshold[];
    per_category?: (Threshold & { amount: Amount; hs_digits: number })[];
  };
  taxes?: TaxRule[];
  checkout?: Threshold[];
}

/** A rulebook (`taoquote.rulebook/1`). */
export interface RulebookJson {
  schema: 'taoquote.rulebook/1';
  id: string;
  origin_country: CountryCode;
  base_currency: CurrencyCode;
  rounding: Rounding;
  rate_scale?: number;
  quote_valid_minutes: number;
  fx: {
    as_of: Instant;
    max_age_hours: number;
    on_stale: 'warn' | 'error';
    markup: RateString;
    quoted_in?: CurrencyCode;
    rates: Record<CurrencyCode, Amount>;
  };
  cash_increments?: Record<CurrencyCode, Amount>;
  service_fee: { rate: RateString; min: Amount; max: Amount };
  warehouse: {
    handling_per_unit: Amount;
    consolidation_per_parcel: Amount;
    packaging: { weight_g: number; padding_cm: number };
    inbound_business_days: number;
    weekend?: number[];
    closures?: { name: string; from: CivilDate; to: CivilDate }[];
  };
  lines: ShippingLine[];
  destinations: Destination[];
  note?: string;
  source?: string;
}

/** One way to buy an item: a flat `unit_price` or quantity `tiers`, and an MOQ. */
export type OfferJson =
  | { seller: string; unit_price: Amount; moq?: number }
  | { seller: string; tiers: { min_qty: number; unit_price: Amount }[]; moq?: number };

/** A request (`taoquote.request/1`). */
export interface RequestJson {
  schema?: 'taoquote.request/1';
  /** The quote instant: the core never reads a clock. */
  at: Instant;
  destination: { country: CountryCode; postal_code?: string };
  /** Settlement currency (default: the destination's). */
  currency?: CurrencyCode;
  /** BCP 47 tag for display strings. */
  locale?: string;
  /** Quote this line instead of the cheapest eligible. */
  line?: string;
  cash_rounding?: boolean;
  sellers: { id: string; platform: Platform; shipping: Amount; free_over?: Amount }[];
  items: {
    id: string;
    title: string;
    hs_code: string;
    quantity: number;
    weight_g: number;
    dimensions_cm: [number, number, number];
    attributes?: string[];
    origin?: CountryCode;
    offers: OfferJson[];
  }[];
}

export interface ThresholdCheck {
  id: string;
  applies_to: string;
  basis: 'goods' | 'customs_value';
  value: Amount;
  max: Amount;
  currency: CurrencyCode;
  fired: boolean;
}

export type ShippingOption =
  | {
      line: string;
      name: string;
      mode: LineMode;
      ddp: boolean;
      eligible: true;
      volumetric_g: number;
      chargeable_g: number;
      /** Base currency (CNY). */
      freight: Amount;
      surcharges: { code: string; amount: Amount }[];
      insurance: Amount | null;
      total: Amount;
      /** In the settlement currency, with FX markup. */
      price: Amount;
      transit_days: { min: number; max: number };
      eta: { dispatch: CivilDate; earliest: CivilDate; latest: CivilDate };
    }
  | {
      line: string;
      name: string;
      mode: LineMode;
      ddp: boolean;
      eligible: false;
      reason: 'DESTINATION_NOT_SERVED' | 'PROHIBITED_ATTRIBUTE' | 'OVERWEIGHT' | 'OVERSIZE';
      message: string;
    };

export interface Charge {
  code: string;
  collect: 'checkout' | 'delivery';
  amount: Amount;
  currency: CurrencyCode;
  source_amount: Amount;
  source_currency: CurrencyCode;
}

/** A canonical quote (`taoquote.quote/1`). */
export interface Quote {
  schema: 'taoquote.quote/1';
  rulebook: { id: string; digest: string };
  at: Instant;
  expires_at: Instant;
  destination: { country: CountryCode; currency: CurrencyCode };
  /** Settlement currency of `total` and checkout charges. */
  currency: CurrencyCode;
  items: {
    id: string;
    quantity: number;
    offer: number;
    seller: string;
    platform: Platform;
    unit_price: Amount;
    amount: Amount;
  }[];
  sellers: { id: string; platform: Platform; shipping: Amount }[];
  parcel: { actual_g: number; dimensions_cm: [number, number, number] };
  options: ShippingOption[];
  selected: string;
  customs: {
    country: CountryCode;
    currency: CurrencyCode;
    valuation: { basis: 'fob' | 'cif' | 'price_rate'; rate?: RateString };
    goods_value: Amount;
    customs_value: Amount;
    thresholds: ThresholdCheck[];
    lines: {
      item: string;
      hs_code: string;
      goods: Amount;
      seller_shipping: Amount;
      freight: Amount;
      insurance: Amount;
      fees: Amount;
      customs_value: Amount;
      duty: Amount;
    }[];
    duty: { rule: 'per_category' | 'exempt' | 'rates'; id: string | null; amount: Amount };
    taxes: {
      id: string;
      code: string;
      of: string | null;
      exempt_by: string | null;
      groups: { rate: RateString; base: Amount; amount: Amount }[];
      amount: Amount;
    }[];
    collect: 'checkout' | 'delivery';
    regime: string | null;
  };
  charges: Charge[];
  /** Σ checkout charges, settlement currency. */
  total: Amount;
  /** Σ delivery charges, destination currency. */
  due_on_delivery: { amount: Amount; currency: CurrencyCode };
  fx: {
    as_of: Instant;
    markup: RateString;
    rates: { from: CurrencyCode; to: CurrencyCode; mid: string; charged: string }[];
  };
  warnings: { code: string; message: string }[];
  /** "sha256:" + hex SHA-256 of the canonical JSON without this field. */
  fingerprint: string;
}

/** Stable error codes (docs/errors.md). */
export type ErrorCode =
  | 'INVALID_JSON'
  | 'INVALID_FIELD'
  | 'INVALID_AMOUNT'
  | 'INVALID_INSTANT'
  | 'UNKNOWN_CURRENCY'
  | 'UNKNOWN_COUNTRY'
  | 'DUPLICATE_ID'
  | 'TIERS_OUT_OF_ORDER'
  | 'OVERLAPPING_DATES'
  | 'RULEBOOK_INVALID'
  | 'UNSUPPORTED_SCHEMA'
  | 'LIMIT_EXCEEDED'
  | 'OVERFLOW'
  | 'UNKNOWN_SELLER'
  | 'UNKNOWN_LINE'
  | 'UNSUPPORTED_DESTINATION'
  | 'NO_OFFER'
  | 'BELOW_MOQ'
  | 'NO_ELIGIBLE_LINE'
  | 'LINE_INELIGIBLE'
  | 'FX_RATE_MISSING'
  | 'FX_STALE'
  | 'INTERNAL';

/** A failure reported by the core, with the same code and pointer as natively. */
export declare class QuoteError extends Error {
  readonly name: 'QuoteError';
  readonly code: ErrorCode;
  /** Which document the pointer points into. */
  readonly doc: 'rulebook' | 'request';
  /** RFC 6901 JSON Pointer to the offending field ("" = the whole document). */
  readonly path: string;
  /** Per-line reasons, for NO_ELIGIBLE_LINE and LINE_INELIGIBLE. */
  readonly detail?: { id: string; reason: string; message: string }[];
}

/** A loaded, validated rulebook inside the module. */
export interface Rulebook {
  readonly id: string;
  /** "sha256:" + hex of the rulebook's canonical JSON. */
  readonly digest: string;
  /** Quotes a request (object or JSON text); throws QuoteError. */
  quote(request: RequestJson | string): Quote;
  /** The canonical quote JSON text, byte-identical to the native build's. */
  quoteJson(request: RequestJson | string): string;
  /** Frees the rulebook in the module; later quotes throw. Idempotent. */
  dispose(): void;
}

export interface Taoquote {
  /** Parses and validates a rulebook; throws QuoteError. */
  loadRulebook(rulebook: RulebookJson | string): Rulebook;
  /** Bytes of the module's linear memory. */
  heapBytes(): number;
  /** Bytes allocated inside the module and not yet freed. */
  allocatedBytes(): number;
  /** Throws and catches a C++ exception in the module (proves exceptions do not abort). */
  selfTest(): string;
}

export interface CreateOptions {
  /** The .wasm bytes, when the default loader cannot fetch or read them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Maps a file name of the module to a URL. */
  locateFile?: (file: string) => string;
}

/** Instantiates the module (Node ≥ 18, browsers, web workers, bundlers). */
export declare function createTaoquote(options?: CreateOptions): Promise<Taoquote>;

export interface DisplayStrings {
  locale: string;
  total: string;
  due_on_delivery: string;
  charges: { code: string; text: string }[];
  options: {
    line: string;
    price: string | null;
    eta: { earliest: string; latest: string } | null;
  }[];
}

/** Locale display strings through Intl (presentation only, outside the fingerprint). */
export declare function formatQuote(quote: Quote, locale: string): DisplayStrings;
/** One decimal-string amount formatted for a locale. */
export declare function formatMoney(amount: Amount, currency: CurrencyCode, locale: string): string;
