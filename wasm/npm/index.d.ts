// Type declarations of the taoquote npm package: the JavaScript contract.
// Money is never a number: every amount and rate is a decimal string, with an ISO 4217
// currency beside it. Field meanings: docs/schema.md and docs/quote.md in the repository.
// Every exported type, member, function and parameter carries TSDoc
// (tests/wasm/types.test.mjs checks it).

/**
 * A decimal string `-?(0|[1-9][0-9]*)(\.[0-9]+)?`: at most 15 integer and 12 fraction digits,
 * no exponent, no `+`, no spaces. Never a JavaScript number: a number where an amount belongs
 * is rejected with `INVALID_AMOUNT`. In a quote, a settled amount has exactly its currency's
 * ISO 4217 minor digits (`"12.50"`, JPY `"1250"`, KWD `"3.125"`).
 */
export type Amount = string;
/** A rate: a decimal string (`"0.19"`) or an exact ratio of two (`"22/78"`); never negative. */
export type RateString = string;
/** An active ISO 4217 alphabetic code, e.g. `"EUR"`; others are `UNKNOWN_CURRENCY`. */
export type CurrencyCode = string;
/** An ISO 3166-1 alpha-2 code, e.g. `"DE"`; others are `UNKNOWN_COUNTRY`. */
export type CountryCode = string;
/**
 * An RFC 3339 instant, e.g. `"2026-11-25T08:00:00Z"` (≤ 3 fraction digits, years 2000–2199).
 * A quote writes every instant in UTC (`Z`).
 */
export type Instant = string;
/** A civil date `"YYYY-MM-DD"` (no time, no zone). */
export type CivilDate = string;
/**
 * A rounding mode of a settlement point. `half_up` rounds ties away from zero; `up` rounds
 * away from zero and `ceiling` toward +∞ (they differ only below zero).
 */
export type Rounding = 'half_up' | 'half_even' | 'up' | 'down' | 'ceiling' | 'floor';
/** The transport mode of a shipping line; thresholds and duty rates may depend on it. */
export type LineMode = 'courier' | 'postal' | 'freight';
/** The Chinese marketplace an offer and its seller belong to. */
export type Platform = '1688' | 'taobao' | 'pinduoduo';
/** A part of the parcel's value that a tax base may count (each at most once). */
export type Component =
  'customs_value' | 'goods' | 'seller_shipping' | 'freight' | 'insurance' | 'duty' | 'fees';

/** Citations every rulebook object may carry (request objects may not). */
export interface Annotated {
  /** Free text for people (≤ 1024 bytes); ignored by the engine. */
  note?: string;
  /** Where the rule comes from, e.g. a regulation or URL (≤ 1024 bytes); ignored by the engine. */
  source?: string;
}

/** Optional effective dates of a rule: in force when `valid_from ≤ at < valid_to`. */
export interface Dated extends Annotated {
  /** First instant the rule is in force (inclusive); absent = always was. */
  valid_from?: Instant;
  /** First instant the rule is no longer in force (exclusive); absent = open-ended. */
  valid_to?: Instant;
}

/**
 * A value limit of a checkout regime, an exemption or a per-category duty; it "fires" when the
 * parcel is at or below it.
 */
export interface Threshold extends Dated {
  /** Rule id, reported in the quote's `customs.thresholds` when evaluated. */
  id: string;
  /** Which value of the parcel is compared: goods alone, or the customs value. */
  basis: 'goods' | 'customs_value';
  /** The limit, in `currency`. */
  max: Amount;
  /** Currency of `max`; the parcel's value is converted into it exactly, at the mid rate. */
  currency: CurrencyCode;
  /** `<` instead of `≤` (default false). */
  strict?: boolean;
  /** Applies only when every item's origin is listed. */
  origins?: CountryCode[];
  /** Applies only when the selected line has one of these modes. */
  modes?: LineMode[];
  /** Never applies when an item has one of these attributes. */
  unless_attributes?: string[];
}

/**
 * A duty or tax exemption: a threshold at or below which duty or the tax is 0, except for the
 * HS codes it leaves out (`unless_hs`). On a checkout threshold or a per-category duty,
 * `unless_hs` is `RULEBOOK_INVALID`.
 */
export interface Exemption extends Threshold {
  /**
   * HS-code prefixes (2–10 digits) the exemption does not cover: when it fires, their lines pay
   * duty and tax as if it had not, the others stay exempt; the value tested is still the whole
   * parcel's (Japan's ¥10,000 relief excludes knitted apparel, footwear, leather bags).
   */
  unless_hs?: string[];
}

/** Freight by first weight plus continued weight steps (base currency). */
export interface FirstContinuedPricing extends Annotated {
  /** Discriminant of the pricing kind. */
  kind: 'first_continued';
  /** Grams covered by `first`. */
  first_g: number;
  /** Price of the first `first_g` grams, base currency. */
  first: Amount;
  /** Size of each continued step, grams; every started step is charged. */
  continued_g: number;
  /** Price of each continued step, base currency. */
  continued: Amount;
}

/** Freight from a weight bracket table (base currency); above the last bracket = `OVERWEIGHT`. */
export interface BracketsPricing extends Annotated {
  /** Discriminant of the pricing kind. */
  kind: 'brackets';
  /** Brackets with strictly increasing `up_to_g`; the first with chargeable ≤ `up_to_g` applies. */
  brackets: (Annotated & {
    /** Upper bound of the bracket, grams (inclusive). */
    up_to_g: number;
    /** Freight for a parcel in this bracket, base currency. */
    price: Amount;
  })[];
}

/** Freight per kilogram of chargeable weight with a minimum (base currency). */
export interface PerKgPricing extends Annotated {
  /** Discriminant of the pricing kind. */
  kind: 'per_kg';
  /** Price per 1000 g of chargeable weight, base currency. */
  per_kg: Amount;
  /** Minimum freight, base currency. */
  min: Amount;
}

/** How a shipping line prices its base freight. */
export type Pricing = FirstContinuedPricing | BracketsPricing | PerKgPricing;

/** A surcharge as a rate of the base freight (e.g. fuel). */
export interface RateSurcharge extends Annotated {
  /** Charge code shown in the quote, e.g. `"FUEL"`. */
  code: string;
  /** Discriminant of the surcharge kind. */
  kind: 'rate';
  /** Rate applied to the base freight. */
  rate: RateString;
}

/** A fixed surcharge per parcel (base currency). */
export interface FixedSurcharge extends Annotated {
  /** Charge code shown in the quote. */
  code: string;
  /** Discriminant of the surcharge kind. */
  kind: 'fixed';
  /** Amount per parcel, base currency. */
  amount: Amount;
}

/** A surcharge per parcel when any item has an attribute (e.g. batteries). */
export interface AttributeSurcharge extends Annotated {
  /** Charge code shown in the quote. */
  code: string;
  /** Discriminant of the surcharge kind. */
  kind: 'attribute';
  /** The item attribute that triggers it, e.g. `"battery"`. */
  attribute: string;
  /** Amount per parcel, base currency. */
  amount: Amount;
}

/** A surcharge on a shipping line's freight, settled to 0.01 base currency. */
export type Surcharge = RateSurcharge | FixedSurcharge | AttributeSurcharge;

/** A carrier fee per parcel, in the destination currency, collected on delivery. */
export interface FixedDeliveryFee extends Dated {
  /** Charge code shown in the quote (`collect: "delivery"`), e.g. `"POSTAL_CLEARANCE_FEE"`. */
  code: string;
  /** Destinations the fee applies to, with this line. */
  countries: CountryCode[];
  /** The destination currency of every listed country (else `RULEBOOK_INVALID`). */
  currency: CurrencyCode;
  /** Amount per parcel in `currency`, a whole multiple of its minor unit. */
  fixed: Amount;
}

/** A carrier fee as a rate of the duty and tax due on delivery, with optional bounds. */
export interface RateDeliveryFee extends Dated {
  /** Charge code shown in the quote (`collect: "delivery"`), e.g. `"DUTY_TAX_PAID_FEE"`. */
  code: string;
  /** Destinations the fee applies to, with this line. */
  countries: CountryCode[];
  /** The destination currency of every listed country (else `RULEBOOK_INVALID`). */
  currency: CurrencyCode;
  /** Rate of the duty and tax due on delivery. */
  rate: RateString;
  /** Least fee in `currency` (whole minor units). */
  min?: Amount;
  /** Greatest fee in `currency` (whole minor units, ≥ `min`). */
  max?: Amount;
}

/**
 * A carrier fee collected from the buyer on delivery (clearance, brokerage, duty advance,
 * postal handling): it applies with its line to a listed country when duty or tax is due on
 * delivery. Exactly one of `fixed` and `rate`.
 */
export type DeliveryFee = FixedDeliveryFee | RateDeliveryFee;

/** A shipping line the warehouse sells (versions of one line share the id, with disjoint dates). */
export interface ShippingLine extends Dated {
  /** Line id, the value of a request's `line` and a quote's `selected`. */
  id: string;
  /** Display name. */
  name: string;
  /** Transport mode. */
  mode: LineMode;
  /** Delivered duty paid: duty and tax are collected at checkout (default false). */
  ddp?: boolean;
  /** Volumetric weight rule; absent = actual weight only. */
  volumetric?: Annotated & {
    /** Volumetric kilograms = L×W×H in cm³ / this (5000 for express couriers). */
    divisor: number;
    /** Volumetric weight counts only when a side exceeds this many centimetres. */
    when_side_over_cm?: number;
  };
  /** Chargeable weight is rounded up to a multiple of this many grams. */
  step_g: number;
  /** Base freight pricing. */
  pricing: Pricing;
  /** Per-destination pricing: the first zone naming the destination replaces `pricing`. */
  zones?: (Annotated & {
    /** Destinations of this zone. */
    countries: CountryCode[];
    /** Pricing for these destinations. */
    pricing: Pricing;
  })[];
  /** Surcharges added to the base freight. */
  surcharges?: Surcharge[];
  /** Insurance: `rate` × goods subtotal, at least `min` (base currency); CIF includes it. */
  insurance?: Annotated & {
    /** Rate of the goods subtotal. */
    rate: RateString;
    /** Minimum premium, base currency. */
    min: Amount;
  };
  /** What the line accepts; a parcel outside it makes the line ineligible, with a reason. */
  restrictions: Annotated & {
    /** Destinations served (required); others are `DESTINATION_NOT_SERVED`. */
    countries: CountryCode[];
    /** Maximum chargeable weight, grams (`OVERWEIGHT`). */
    max_weight_g?: number;
    /** Maximum side, centimetres (`OVERSIZE`). */
    max_side_cm?: number;
    /** Maximum length + girth, centimetres (`OVERSIZE`). */
    max_girth_cm?: number;
    /** Item attributes the line refuses (`PROHIBITED_ATTRIBUTE`). */
    prohibited?: string[];
  };
  /** Transit time after dispatch, calendar days. */
  transit_days: Annotated & {
    /** Fewest days. */
    min: number;
    /** Most days (≥ `min`). */
    max: number;
  };
  /** Carrier fees on delivery; versions of one `code` must not overlap in time. */
  delivery_fees?: DeliveryFee[];
}

/** Rounding of a duty or tax: its mode, and the quanta of its base and of its amount. */
export interface Quantization extends Annotated {
  /** Mode for the base and the amount (default: the destination's). */
  rounding?: Rounding;
  /** Quantum the base is rounded to, destination currency (Japan: `"1000"`). */
  base_quantum?: Amount;
  /** Quantum the amount is rounded to, destination currency (Japan: `"100"`). */
  quantum?: Amount;
}

/** A VAT/GST or other tax of a destination. */
export interface TaxRule extends Dated, Quantization {
  /** Rule id (unique in the destination), used by `of` and reported in the quote. */
  id: string;
  /** Charge code shown in the quote, e.g. `"VAT"`. */
  code: string;
  /** One rate for every item (or use `rates`). */
  rate?: RateString;
  /** Rates by HS-code prefix; the longest matching prefix applies. */
  rates?: (Annotated & {
    /** HS-code prefix (0–10 digits; `""` = every code). */
    hs: string;
    /** Tax rate for items under this prefix. */
    rate: RateString;
  })[];
  /** Id of an earlier tax: this tax is `rate` × that tax's amount (and has no `base`). */
  of?: string;
  /** Components summed into the tax base (each at most once, else `RULEBOOK_INVALID`). */
  base?: Component[];
  /** The base when a checkout regime fires (e.g. IOSS: the whole consideration). */
  checkout_base?: Component[];
  /** Thresholds at or below which the tax is 0. */
  exemptions?: Exemption[];
}

/** A duty rate row, matched by the longest HS-code prefix among rows in force. */
export interface DutyRate extends Dated {
  /** HS-code prefix (0–10 digits; `""` = every code). */
  hs: string;
  /** Ad valorem rate of the line's customs value. */
  ad_valorem?: RateString;
  /** Specific duty per unit, destination currency. */
  specific?: Amount;
  /** Applies only to lines of these modes (beats a row without `modes` on equal prefixes). */
  modes?: LineMode[];
}

/** A flat duty per distinct tariff category in a parcel at or below a threshold (EU €3). */
export interface PerCategoryDuty extends Threshold {
  /** Duty per distinct category, destination currency. */
  amount: Amount;
  /** Number of leading HS digits that define a category (1–10). */
  hs_digits: number;
}

/** Customs rules of one destination country. */
export interface Destination extends Annotated {
  /** The destination (unique in the rulebook). */
  country: CountryCode;
  /** Customs currency, and the default settlement currency. */
  currency: CurrencyCode;
  /** Rounding of customs conversions and values (default: the rulebook's). */
  rounding?: Rounding;
  /** How the customs value is built: FOB, CIF, or a rate of the price (Japan: 60 %). */
  valuation:
    | (Annotated & {
        /** FOB = goods + seller shipping; CIF = FOB + freight + insurance. */
        basis: 'fob' | 'cif';
      })
    | (Annotated & {
        /** Customs value = `rate` × the goods price, plus the parts in `add`. */
        basis: 'price_rate';
        /** Rate of the price (Japan: `"0.6"`). */
        rate: RateString;
        /**
         * Parcel amounts whose line shares are added to `rate` × goods (Japan: freight and
         * insurance); they count as inside `customs_value` for a tax base.
         */
        add?: ('seller_shipping' | 'freight' | 'insurance')[];
      });
  /** Import duty. */
  duty?: Quantization & {
    /** Rate table by HS-code prefix. */
    rates?: DutyRate[];
    /**
     * Duty of an item no row matches (no prefix, none in force, none for the line's mode);
     * undated, for every code and mode. Without it such an item is `DUTY_RATE_MISSING`.
     */
    default?: Annotated & {
      /** Ad valorem rate of the line's customs value. */
      ad_valorem?: RateString;
      /** Specific duty per unit, destination currency. */
      specific?: Amount;
    };
    /** Thresholds at or below which duty is 0. */
    exemptions?: Exemption[];
    /** Flat per-category duties that replace the rate table when they fire. */
    per_category?: PerCategoryDuty[];
  };
  /** Taxes, in order (a tax with `of` must name an earlier one). */
  taxes?: TaxRule[];
  /** Thresholds: the first that fires makes every duty and tax collected at checkout. */
  checkout?: Threshold[];
  /**
   * How customs assesses the parcels of one split order: together as one consignment
   * (default; thresholds on the order's total) or each parcel on its own.
   */
  parcels?: 'together' | 'separately';
}

/** A rulebook (`taoquote.rulebook/1`): every rule and rate a quote uses, as data. */
export interface RulebookJson extends Annotated {
  /** Schema tag; any other value is `UNSUPPORTED_SCHEMA`. */
  schema: 'taoquote.rulebook/1';
  /** Rulebook id, reported in every quote. */
  id: string;
  /** Origin of every item that names none (e.g. `"CN"`). */
  origin_country: CountryCode;
  /** Pivot of the FX table and currency of goods, fees and freight (CNY). */
  base_currency: CurrencyCode;
  /** Default mode of every settlement point. */
  rounding: Rounding;
  /** Fraction digits of rebased FX rates, 0–12 (default 12). */
  rate_scale?: number;
  /** Minutes a quote stays valid: `expires_at = at + this` (1–10080). */
  quote_valid_minutes: number;
  /** Exchange rates. */
  fx: Annotated & {
    /** When the rates were published. */
    as_of: Instant;
    /** A quote more than this many hours after `as_of` is stale. */
    max_age_hours: number;
    /** Stale rates give a warning, or the error `FX_STALE`. */
    on_stale: 'warn' | 'error';
    /** Spread added to every charging conversion between two different currencies (< 1). */
    markup: RateString;
    /** Currency the `rates` are quoted against (default `base_currency`; e.g. ECB's EUR). */
    quoted_in?: CurrencyCode;
    /** Rates by currency: base units per unit, or units per `quoted_in` unit when given. */
    rates: Record<CurrencyCode, Amount>;
  };
  /** Cash rounding increments by currency (e.g. CHF `"0.05"`). */
  cash_increments?: Record<CurrencyCode, Amount>;
  /** The agent's service fee, base currency. */
  service_fee: Annotated & {
    /** Rate of the goods subtotal. */
    rate: RateString;
    /** Minimum fee. */
    min: Amount;
    /** Maximum fee (≥ `min`). */
    max: Amount;
  };
  /** The consolidation warehouse: fees, packaging and dispatch calendar. */
  warehouse: Annotated & {
    /** Fee per unit handled (Σ quantities), base currency. */
    handling_per_unit: Amount;
    /** Fee per parcel consolidated, base currency. */
    consolidation_per_parcel: Amount;
    /** The most parcels a split order ships as (1–4, default 4; 1 turns splitting off). */
    max_parcels?: number;
    /** Packaging added to the parcel. */
    packaging: Annotated & {
      /** Packaging weight, grams. */
      weight_g: number;
      /** Padding added to each dimension, centimetres. */
      padding_cm: number;
    };
    /** Business days from the quote date (China time) to dispatch (0–60). */
    inbound_business_days: number;
    /** ISO weekdays off (1 = Monday … 7 = Sunday); default `[6, 7]`. */
    weekend?: number[];
    /** Closures (inclusive date ranges), e.g. Spring Festival. */
    closures?: (Annotated & {
      /** Name of the closure. */
      name: string;
      /** First closed day. */
      from: CivilDate;
      /** Last closed day (inclusive). */
      to: CivilDate;
    })[];
  };
  /** Shipping lines, in the order quotes list them. */
  lines: ShippingLine[];
  /** Customs rules per destination country. */
  destinations: Destination[];
}

/**
 * An Ed25519 signature over an offer's canonical JSON (item id, seller, tiers, MOQ, base
 * currency, expiry), made by the shop's product service; the package never checks it.
 */
export interface OfferSignatureJson {
  /** Id of the signing key, as the service's key set names it. */
  kid: string;
  /** The only algorithm read. */
  alg: 'ed25519';
  /** Base64url (no padding) of the 64-byte signature: 86 characters. */
  value: string;
}

/** An offer at one flat unit price. */
export interface FlatOfferJson {
  /** A seller id declared in the request's `sellers` (else `UNKNOWN_SELLER`). */
  seller: string;
  /** Price per unit, base currency. */
  unit_price: Amount;
  /** Minimum order quantity (default 1); below it the offer is skipped. */
  moq?: number;
  /** When the price stops being offered; required with `signature` (docs/signed-offers.md). */
  expires_at?: Instant;
  /** The product service's signature; passed through unchanged, checked only by the server. */
  signature?: OfferSignatureJson;
}

/** An offer with quantity tiers: the tier with the largest `min_qty ≤ quantity` applies. */
export interface TieredOfferJson {
  /** A seller id declared in the request's `sellers` (else `UNKNOWN_SELLER`). */
  seller: string;
  /** 1–32 tiers, `min_qty` strictly increasing (else `TIERS_OUT_OF_ORDER`). */
  tiers: {
    /** Smallest quantity for this tier (≥ 1). */
    min_qty: number;
    /** Price per unit at this tier, base currency. */
    unit_price: Amount;
  }[];
  /** Minimum order quantity (default 1); below it the offer is skipped. */
  moq?: number;
  /** When the price stops being offered; required with `signature` (docs/signed-offers.md). */
  expires_at?: Instant;
  /** The product service's signature; passed through unchanged, checked only by the server. */
  signature?: OfferSignatureJson;
}

/** One way to buy an item: a flat `unit_price` or quantity `tiers`, and an MOQ. */
export type OfferJson = FlatOfferJson | TieredOfferJson;

/** A seller, declared once: its domestic shipping to the warehouse is counted once per order. */
export interface SellerJson {
  /** Seller id, named by offers. */
  id: string;
  /** Marketplace of the seller. */
  platform: Platform;
  /** Domestic shipping to the warehouse, base currency. */
  shipping: Amount;
  /** Shipping is waived when this seller's settled goods in the order reach this amount. */
  free_over?: Amount;
}

/** One item line of a request. */
export interface ItemJson {
  /** Item id (unique in the request). */
  id: string;
  /** Title (≤ 512 bytes). */
  title: string;
  /** HS code, 4–10 digits; duty and tax rates match it by prefix. */
  hs_code: string;
  /** Units ordered (1–1,000,000). */
  quantity: number;
  /** Weight of one unit, whole grams. */
  weight_g: number;
  /** Size of one unit: three whole centimetres (1–1000). */
  dimensions_cm: [number, number, number];
  /** Attributes such as `"battery"`, `"liquid"` (`[a-z_]{1,32}`). */
  attributes?: string[];
  /** Origin country (default: the rulebook's `origin_country`). */
  origin?: CountryCode;
  /** 1–32 offers; the one minimising the cart's cost is chosen (ties: earlier offer). */
  offers: OfferJson[];
}

/** A request (`taoquote.request/1`): what to quote, where to, and when. */
export interface RequestJson {
  /** Schema tag; optional, but any other value is `UNSUPPORTED_SCHEMA`. */
  schema?: 'taoquote.request/1';
  /** The quote instant: the core never reads a clock. */
  at: Instant;
  /** Where the parcel goes; the country must have rules (`UNSUPPORTED_DESTINATION`). */
  destination: {
    /** Destination country. */
    country: CountryCode;
    /** Postal code (≤ 16 characters). */
    postal_code?: string;
  };
  /** Settlement currency (default: the destination's). */
  currency?: CurrencyCode;
  /** BCP 47 tag for display strings (≤ 35 characters). */
  locale?: string;
  /** Quote this line instead of choosing one (`UNKNOWN_LINE`, `LINE_INELIGIBLE`). */
  line?: string;
  /**
   * Without `line`, which eligible option to quote: the least landed total (`"landed"`, the
   * default: checkout total plus what is due on delivery), the earliest latest ETA
   * (`"fastest"`) or the least freight, surcharges and insurance (`"cheapest_freight"`).
   */
  choose?: 'landed' | 'fastest' | 'cheapest_freight';
  /** Round the total to the currency's cash increment, shown as its own charge. */
  cash_rounding?: boolean;
  /**
   * `true`: items that cannot be quoted even alone (`BELOW_MOQ`, `NO_OFFER`,
   * `NO_ELIGIBLE_LINE`) are left out and listed in the quote's `excluded`, and the rest is
   * quoted; nothing left is the first exclusion's error. Default `false`: one such item fails
   * the quote.
   */
  partial?: boolean;
  /**
   * When the cart may ship as several parcels (docs/parcels.md): `"never"`, only when no single
   * line can carry it (`"when_needed"`, default), or whenever that lowers the landed total
   * (`"when_cheaper"`).
   */
  split?: 'never' | 'when_needed' | 'when_cheaper';
  /** Sellers named by the offers. */
  sellers: SellerJson[];
  /** Item lines (≤ 200). */
  items: ItemJson[];
}

/** A threshold the quote evaluated, and whether it fired. */
export interface ThresholdCheck {
  /** The threshold's rule id. */
  id: string;
  /** What it decides: `"per_category"`, `"duty"`, `"checkout"` or `"tax:<id>"`. */
  applies_to: string;
  /** Which value was compared. */
  basis: 'goods' | 'customs_value';
  /** The parcel's value on that basis, in `currency`. */
  value: Amount;
  /** The limit, in `currency`. */
  max: Amount;
  /** Currency of `value` and `max`. */
  currency: CurrencyCode;
  /** Whether the threshold fired (value at or below the limit, conditions met). */
  fired: boolean;
  /** Split quotes whose parcels are assessed separately: the parcel whose value this was. */
  parcel?: number;
}

/** A shipping line that can carry the parcel, with its price and dates. */
export interface EligibleOption {
  /** Line id. */
  line: string;
  /** Line display name. */
  name: string;
  /** Transport mode. */
  mode: LineMode;
  /** Whether duty and tax are prepaid at checkout on this line. */
  ddp: boolean;
  /** Discriminant: this line can carry the parcel. */
  eligible: true;
  /** Volumetric weight, grams. */
  volumetric_g: number;
  /** Chargeable weight (max of actual and volumetric, rounded up to the step), grams. */
  chargeable_g: number;
  /** Base freight, base currency (CNY). */
  freight: Amount;
  /** Surcharges, base currency. */
  surcharges: {
    /** Surcharge code. */
    code: string;
    /** Settled amount, base currency. */
    amount: Amount;
  }[];
  /** Insurance premium, base currency, or null when the line has none. */
  insurance: Amount | null;
  /** Freight + surcharges + insurance, base currency. */
  total: Amount;
  /** `total` in the settlement currency, with FX markup (this line's freight charges). */
  price: Amount;
  /** Settlement currency: the quote's `total` if this line is chosen. */
  checkout_total: Amount;
  /** Destination currency: the quote's `due_on_delivery` if this line is chosen. */
  due_on_delivery: {
    /** Duty, tax and carrier fees collected on delivery with this line. */
    amount: Amount;
    /** Destination currency. */
    currency: CurrencyCode;
  };
  /**
   * Settlement currency: `checkout_total` + `due_on_delivery` converted at the mid rate
   * without markup, settled; what the buyer pays in all with this line.
   */
  landed_total: Amount;
  /** Transit time after dispatch, calendar days. */
  transit_days: {
    /** Fewest days. */
    min: number;
    /** Most days. */
    max: number;
  };
  /** Dates in China time: warehouse dispatch and the delivery window. */
  eta: {
    /** Dispatch day from the warehouse. */
    dispatch: CivilDate;
    /** Earliest delivery day. */
    earliest: CivilDate;
    /** Latest delivery day. */
    latest: CivilDate;
  };
}

/** A shipping line that cannot carry the parcel, and why. */
export interface IneligibleOption {
  /** Line id. */
  line: string;
  /** Line display name. */
  name: string;
  /** Transport mode. */
  mode: LineMode;
  /** Whether duty and tax would be prepaid on this line. */
  ddp: boolean;
  /** Discriminant: this line cannot carry the parcel. */
  eligible: false;
  /** Stable reason code. */
  reason: 'DESTINATION_NOT_SERVED' | 'PROHIBITED_ATTRIBUTE' | 'OVERWEIGHT' | 'OVERSIZE';
  /** One sentence for people. */
  message: string;
}

/** One shipping option of a quote; narrow on `eligible`. */
export type ShippingOption = EligibleOption | IneligibleOption;

/** One charge of the breakdown, settled in its currency. */
export interface Charge {
  /**
   * Charge code, e.g. `"GOODS"`, `"FREIGHT"`, `"VAT"`; after duty and tax, the selected line's
   * carrier fees on delivery by their rulebook `code` (`collect: "delivery"`).
   */
  code: string;
  /** Paid at checkout (counted in `total`) or collected on delivery (in `due_on_delivery`). */
  collect: 'checkout' | 'delivery';
  /** Settled amount in `currency`. */
  amount: Amount;
  /** Settlement currency (checkout) or destination currency (delivery). */
  currency: CurrencyCode;
  /** The amount before conversion, in `source_currency`. */
  source_amount: Amount;
  /** Currency the charge arose in. */
  source_currency: CurrencyCode;
  /** Split quotes: the index in `parcels` of the parcel this charge belongs to. */
  parcel?: number;
}

/** Customs detail of a quote, in the destination currency. */
export interface CustomsDetail {
  /** Destination country. */
  country: CountryCode;
  /** Customs currency. */
  currency: CurrencyCode;
  /** Valuation basis used (and its rate for `price_rate`). */
  valuation: {
    /** FOB, CIF, or a rate of the price. */
    basis: 'fob' | 'cif' | 'price_rate';
    /** Rate of the price, for `price_rate`. */
    rate?: RateString;
  };
  /** Goods value, settled. */
  goods_value: Amount;
  /** Customs value, settled (thresholds compare this). */
  customs_value: Amount;
  /**
   * Split quotes only: the parcels were assessed together as one consignment, or each on its
   * own (the destination's rule, docs/parcels.md).
   */
  assessment?: 'together' | 'separately';
  /** Every threshold evaluated, in order; each list stops at the first that fires. */
  thresholds: ThresholdCheck[];
  /** Per item line: its share of each value and its duty. */
  lines: {
    /** Item id. */
    item: string;
    /** HS code of the item. */
    hs_code: string;
    /** Goods value of the line. */
    goods: Amount;
    /** Allocated seller shipping. */
    seller_shipping: Amount;
    /** Allocated freight. */
    freight: Amount;
    /** Allocated insurance. */
    insurance: Amount;
    /** Allocated fees. */
    fees: Amount;
    /** Customs value of the line. */
    customs_value: Amount;
    /** Duty of the line. */
    duty: Amount;
  }[];
  /** Which duty rule applied and the total duty. */
  duty: {
    /**
     * Per-category flat duty, exempt under a threshold, the rate table, or (split quotes whose
     * parcels are assessed separately) the sum of each parcel's own duty.
     */
    rule: 'per_category' | 'exempt' | 'rates' | 'parcels';
    /** Id of the threshold that fired, or null. */
    id: string | null;
    /** Total duty. */
    amount: Amount;
  };
  /** Each tax with its rate groups. */
  taxes: {
    /** Tax rule id. */
    id: string;
    /** Charge code. */
    code: string;
    /** Id of the tax this one is a rate of, or null. */
    of: string | null;
    /** Id of the exemption threshold that fired, or null. */
    exempt_by: string | null;
    /** Rate groups: each rate's base and amount, settled once per group. */
    groups: {
      /** Rate of the group. */
      rate: RateString;
      /** Base of the group. */
      base: Amount;
      /** Tax of the group. */
      amount: Amount;
    }[];
    /** Total of the tax. */
    amount: Amount;
  }[];
  /** Who collects duty and tax: at checkout, or the carrier on delivery. */
  collect: 'checkout' | 'delivery';
  /** The checkout regime that fired (threshold id), `"ddp"`, or null. */
  regime: string | null;
}

/** One parcel of a split quote: its contents, size, line, charges and customs share. */
export interface ShippedParcel {
  /** The units of each item it holds. */
  items: {
    /** Item id. */
    id: string;
    /** Units of that item in this parcel. */
    quantity: number;
  }[];
  /** Actual weight with packaging, grams. */
  actual_g: number;
  /** Packed size [L, W, H], centimetres. */
  dimensions_cm: [number, number, number];
  /** Base currency: its items' line amounts, allocated by units. */
  goods: Amount;
  /** The line it ships by (its cheapest eligible line, or the request's `line`). */
  line: string;
  /** Line display name. */
  name: string;
  /** Transport mode. */
  mode: LineMode;
  /** Whether its duty and tax are prepaid at checkout on this line. */
  ddp: boolean;
  /** Volumetric weight, grams. */
  volumetric_g: number;
  /** Chargeable weight, grams. */
  chargeable_g: number;
  /** Base freight, base currency. */
  freight: Amount;
  /** Surcharges, base currency. */
  surcharges: {
    /** Surcharge code. */
    code: string;
    /** Settled amount, base currency. */
    amount: Amount;
  }[];
  /** Insurance premium on its goods, base currency, or null. */
  insurance: Amount | null;
  /** Freight + surcharges + insurance, base currency. */
  total: Amount;
  /** Its consolidation fee, base currency. */
  consolidation: Amount;
  /** Settlement currency: its consolidation, freight, surcharge and insurance charges. */
  price: Amount;
  /** Destination currency: its duty (its own assessment or its allocated share). */
  duty: Amount;
  /** Destination currency: its share of each tax, by charge code. */
  taxes: {
    /** Charge code. */
    code: string;
    /** Amount. */
    amount: Amount;
  }[];
  /** Who collects its duty and tax. */
  collect: 'checkout' | 'delivery';
  /** Transit time after dispatch, calendar days. */
  transit_days: {
    /** Fewest days. */
    min: number;
    /** Most days. */
    max: number;
  };
  /** Dates in China time: dispatch and the delivery window. */
  eta: {
    /** Dispatch day from the warehouse. */
    dispatch: CivilDate;
    /** Earliest delivery day. */
    earliest: CivilDate;
    /** Latest delivery day. */
    latest: CivilDate;
  };
}

/** An item a partial quote left out, and why it cannot be quoted even alone. */
export interface ExcludedItem {
  /** Item id. */
  item: string;
  /** The error of the item's lone quote. */
  code: 'BELOW_MOQ' | 'NO_OFFER' | 'NO_ELIGIBLE_LINE';
  /**
   * JSON Pointer into the request as sent: `/items/i/quantity` (`BELOW_MOQ`), `/items/i/offers`
   * (`NO_OFFER`) or `/items/i` (`NO_ELIGIBLE_LINE`).
   */
  path: string;
  /** One sentence for people, naming the item. */
  message: string;
}

/** A canonical quote (`taoquote.quote/1`), as `Rulebook.quote` returns it. */
export interface Quote {
  /** Schema tag. */
  schema: 'taoquote.quote/1';
  /** The rulebook used: id and `"sha256:…"` digest. */
  rulebook: {
    /** Rulebook id. */
    id: string;
    /** `"sha256:"` + hex of the rulebook's canonical JSON. */
    digest: string;
  };
  /** The request's instant (UTC). */
  at: Instant;
  /** `at` + the rulebook's `quote_valid_minutes`. */
  expires_at: Instant;
  /** Destination country and its customs currency. */
  destination: {
    /** Destination country. */
    country: CountryCode;
    /** Customs currency. */
    currency: CurrencyCode;
  };
  /** Settlement currency of `total` and checkout charges. */
  currency: CurrencyCode;
  /** The offer chosen per item, base currency. */
  items: {
    /** Item id. */
    id: string;
    /** Units. */
    quantity: number;
    /** Index of the chosen offer in the item's `offers`. */
    offer: number;
    /** Seller of the chosen offer. */
    seller: string;
    /** Platform of the chosen offer. */
    platform: Platform;
    /** Unit price (not settled: at least the minor digits, more when the offer had them). */
    unit_price: Amount;
    /** Line amount, settled to 0.01 base currency. */
    amount: Amount;
  }[];
  /** Sellers whose offers were chosen, in first-use order, with shipping after `free_over`. */
  sellers: {
    /** Seller id. */
    id: string;
    /** Platform. */
    platform: Platform;
    /** Domestic shipping, base currency. */
    shipping: Amount;
  }[];
  /**
   * Only in partial quotes (request `partial: true`; absent otherwise): the items left out, in
   * request order; `[]` when every item was quoted.
   */
  excluded?: ExcludedItem[];
  /** The consolidated parcel. */
  parcel: {
    /** Actual weight with packaging, grams. */
    actual_g: number;
    /** Packed size [L, W, H], centimetres. */
    dimensions_cm: [number, number, number];
  };
  /** Every line in force, rulebook order. */
  options: ShippingOption[];
  /**
   * The line quoted: the request's `line`, else the least eligible option under its `choose`.
   * Absent when the quote splits (each parcel names its line).
   */
  selected?: string;
  /** Only when the quote splits (docs/parcels.md): 2 … 4 parcels, in parcel order. */
  parcels?: ShippedParcel[];
  /** Customs valuation, duty and taxes. */
  customs: CustomsDetail;
  /** The breakdown; checkout charges sum exactly to `total`. */
  charges: Charge[];
  /** Σ checkout charges, settlement currency. */
  total: Amount;
  /** Σ delivery charges, destination currency: shown beside the total, never added to it. */
  due_on_delivery: {
    /** Amount collected on delivery. */
    amount: Amount;
    /** Destination currency. */
    currency: CurrencyCode;
  };
  /** Split quotes only: `total` + `due_on_delivery` at the mid rate, settled. */
  landed_total?: Amount;
  /** Conversions used for charging. */
  fx: {
    /** When the rates were published. */
    as_of: Instant;
    /** Markup applied to conversions between different currencies. */
    markup: RateString;
    /** Each conversion: mid and charged rate (shown rounded to `rate_scale`). */
    rates: {
      /** Source currency. */
      from: CurrencyCode;
      /** Target currency. */
      to: CurrencyCode;
      /** Mid rate, decimal string. */
      mid: string;
      /** Charged rate (mid with markup), decimal string. */
      charged: string;
    }[];
  };
  /** Warnings, e.g. `FX_STALE`, `CASH_INCREMENT_MISSING`. */
  warnings: {
    /** Warning code. */
    code: string;
    /** One sentence for people. */
    message: string;
  }[];
  /** `"sha256:"` + hex SHA-256 of the canonical JSON without this field. */
  fingerprint: string;
}

/**
 * Stable error codes of the core (docs/errors.md), the same natively, in WebAssembly and
 * over HTTP. This package throws `INVALID_ARGUMENT` for a call with a missing or non-JSON
 * argument (`doc: "request"` or `"rulebook"`, as the C ABI does for a NULL pointer) and for a
 * rulebook used after `dispose()` (`doc: "rulebook"`). tests/wasm/error-codes.test.mjs
 * checks this list against the core's table.
 */
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
  | 'DUTY_RATE_MISSING'
  | 'TAX_RATE_MISSING'
  | 'INVALID_ARGUMENT'
  | 'INTERNAL';

/** Why one shipping line was refused, in a `NO_ELIGIBLE_LINE` or `LINE_INELIGIBLE` error. */
export interface LineRefusal {
  /** Line id. */
  id: string;
  /** Reason code, as an ineligible option's `reason`. */
  reason: string;
  /** One sentence for people. */
  message: string;
}

/** The `error` object of the core's JSON error body, from which a QuoteError is built. */
export interface ErrorBody {
  /** Stable code. */
  code: ErrorCode;
  /** Which document `path` points into. */
  doc: 'rulebook' | 'request';
  /** RFC 6901 JSON Pointer ("" = the whole document). */
  path: string;
  /** One sentence for people. */
  message: string;
  /** Per-line reasons, for NO_ELIGIBLE_LINE and LINE_INELIGIBLE. */
  detail?: LineRefusal[];
}

/**
 * The one error type this package throws: a failure reported by the core, with the same
 * code and JSON Pointer as natively, or a misuse from JavaScript (`INVALID_ARGUMENT`: a
 * missing or non-JSON argument, a rulebook used after `dispose()`).
 */
export declare class QuoteError extends Error {
  /**
   * Builds the error from a core error body (the package does this; you rarely need to).
   * @param body - The `error` object of a JSON error body.
   */
  constructor(body: ErrorBody);
  /** Always `"QuoteError"`. */
  readonly name: 'QuoteError';
  /** Stable code to branch on; `message` is for people and may change. */
  readonly code: ErrorCode;
  /** Which document the pointer points into. */
  readonly doc: 'rulebook' | 'request';
  /** RFC 6901 JSON Pointer to the offending field ("" = the whole document or argument). */
  readonly path: string;
  /** Per-line reasons, for NO_ELIGIBLE_LINE and LINE_INELIGIBLE. */
  readonly detail?: LineRefusal[];
}

/** One amount converted by {@link RulebookApi.convert}. */
export interface ConvertedAmount {
  /** The settled amount, with exactly the currency's minor digits (`"1.58"`, `"215"` for JPY). */
  amount: Amount;
  /** Its ISO 4217 currency (the `to` of the call). */
  currency: CurrencyCode;
}

/**
 * The methods of a loaded rulebook; see {@link Rulebook}, which adds `[Symbol.dispose]`.
 */
export interface RulebookApi {
  /** The rulebook's `id`. */
  readonly id: string;
  /** `"sha256:"` + hex of the rulebook's canonical JSON. */
  readonly digest: string;
  /**
   * Quotes a request.
   * @param request - The request as an object, or its JSON text (passed to the core as is).
   * @returns The canonical quote as a plain object; every amount is a decimal string.
   * @throws {@link QuoteError} with the core's code and pointer for a bad request;
   *   `INVALID_ARGUMENT` when `request` is neither an object nor a string (`doc: "request"`)
   *   or after `dispose()` (`doc: "rulebook"`).
   */
  quote(request: RequestJson | string): Quote;
  /**
   * Quotes a request and returns the canonical JSON text, byte-identical to the native build's.
   * @param request - The request as an object, or its JSON text (passed to the core as is).
   * @returns The canonical quote JSON (what the fingerprint is computed over).
   * @throws {@link QuoteError} as {@link RulebookApi.quote} does.
   */
  quoteJson(request: RequestJson | string): string;
  /**
   * Converts one amount into another currency exactly as a quote settles a checkout charge
   * (docs/pipeline.md, settlement point 12): amount × rate(from) × (1 + markup, only when
   * `from` ≠ `to`) ÷ rate(to), rounded once to `to`'s minor unit with the rulebook's rounding
   * mode. For a product page's prices in the buyer's currency; a quote's converted charge
   * equals `convert` of its source amount. Does not check the FX table's age (the quote does).
   * @param amount - A non-negative decimal string, e.g. `"12.50"` (a JS number is refused).
   * @param from - The ISO 4217 code of `amount`, e.g. `"CNY"`.
   * @param to - The ISO 4217 code to convert into, e.g. `"EUR"`.
   * @returns The settled amount (exactly `to`'s minor digits) and `to`.
   * @throws {@link QuoteError} `INVALID_AMOUNT` (`/amount`), `UNKNOWN_CURRENCY` or
   *   `INVALID_ARGUMENT` (`/from`, `/to`), `FX_RATE_MISSING` (the rulebook has no rate),
   *   `OVERFLOW`; `INVALID_ARGUMENT` after `dispose()` (`doc: "rulebook"`).
   */
  convert(amount: Amount, from: CurrencyCode, to: CurrencyCode): ConvertedAmount;
  /** Frees the rulebook in the module; later quotes throw `INVALID_ARGUMENT`. Idempotent. */
  dispose(): void;
}

/**
 * `Symbol.dispose` where the consumer's TypeScript lib declares it (`esnext.disposable`,
 * ES2025, or `@types/node`), else `never`. Lets the declarations type-check under any
 * `target`/`lib`, including tsc's defaults, which have no `Symbol` value at all.
 */
export type DisposeSymbol = typeof globalThis extends {
  Symbol: { readonly dispose: infer K extends symbol };
}
  ? K
  : never;

/** `{ [Symbol.dispose](): void }` where the lib knows `Symbol.dispose`, else `{}`. */
export type DisposableWhereSupported = {
  /** Same as `dispose()`, so `using rb = tq.loadRulebook(...)` frees it at scope exit. */
  [K in DisposeSymbol]: () => void;
};

/**
 * A loaded, validated rulebook inside the module. Immutable; quote with it as often as you
 * like, then free it with `dispose()` or a `using` declaration (a finalizer is only a
 * backstop). At run time `rb[Symbol.dispose]` exists on every engine (on engines without
 * `Symbol.dispose`, under `Symbol.for('Symbol.dispose')`, which polyfills install).
 */
export type Rulebook = RulebookApi & DisposableWhereSupported;

/** One thing that differs between two quotes, independent of any charge (docs/diff.md). */
export interface DiffChange {
  /**
   * What changed: `rulebook`, `at`, `destination`, `currency`, `markup`, `fx`, `offer`,
   * `quantity`, `tier`, `unit_price`, `item_added`, `item_removed`, `seller_added`,
   * `seller_removed`, `seller_shipping`, `parcel`, `line`, `weight`, `threshold`, `rule`,
   * `duty_rule`, `tax_rate` or `regime`.
   */
  kind: string;
  /** What it is about: an item, seller, line or rule id, or an FX pair `"CNY/EUR"`; `""` if none. */
  ref: string;
  /** The value in the before quote (`""` when absent). */
  before: string;
  /** The value in the after quote (`""` when absent). */
  after: string;
  /** One English sentence for people; may change between versions. */
  text: string;
}

/** One cause of a charge's change and its exact share of it, in the charge's currency. */
export interface DiffCause {
  /**
   * The cause: `fx`, `offer`, `tier`, `quantity`, `unit_price`, `item_added`, `item_removed`,
   * `seller_added`, `seller_removed`, `seller_shipping`, `goods`, `line`, `weight`,
   * `threshold`, `rule`, `duty`, `tax_rate`, `customs_value`, `regime`, `due`, `rulebook`,
   * `currency`, `rounding` or `other`.
   */
  kind: string;
  /** What it is about (item, seller, line or rule id, FX pair), `""` if none. */
  ref: string;
  /** Its share of the charge's delta; a charge's causes sum exactly to its delta. */
  amount: Amount;
  /** One English sentence for people; may change between versions. */
  text: string;
}

/** The change of one charge between two quotes. */
export interface DiffCharge {
  /** The charge code, e.g. `"GOODS"`, `"FREIGHT"`, `"VAT"`. */
  code: string;
  /** Who collects it; a charge that moved between the two is listed once for each. */
  collect: 'checkout' | 'delivery';
  /** The charge's currency (settlement currency at checkout, destination currency on delivery). */
  currency: CurrencyCode;
  /** Its amount in the before quote, or null when that quote has no such charge. */
  before: Amount | null;
  /** Its amount in the after quote, or null when that quote has no such charge. */
  after: Amount | null;
  /** after − before. */
  delta: Amount;
  /** The causes, whose amounts sum exactly to `delta`. */
  causes: DiffCause[];
}

/** The identity of one side of a diff. */
export interface DiffSide {
  /** The quote's rulebook id and digest. */
  rulebook: {
    /** Rulebook id. */
    id: string;
    /** Rulebook digest. */
    digest: string;
  };
  /** The quote instant. */
  at: Instant;
  /** The settlement currency. */
  currency: CurrencyCode;
  /** The selected shipping line. */
  selected: string;
  /** The quote's total. */
  total: Amount;
  /** The quote's due on delivery. */
  due_on_delivery: {
    /** Amount in the destination currency. */
    amount: Amount;
    /** Destination currency. */
    currency: CurrencyCode;
  };
  /** The quote's fingerprint (`""` when the input had none). */
  fingerprint: string;
}

/** A figure in both quotes and its change. */
export interface DiffFigure {
  /** The figure in the before quote. */
  before: Amount;
  /** The figure in the after quote. */
  after: Amount;
  /** after − before, or null when the two are in different currencies. */
  delta: Amount | null;
}

/** Why a price changed (`taoquote.diff/1`, docs/diff.md in the repository). */
export interface QuoteDiff {
  /** Always `"taoquote.diff/1"`. */
  schema: 'taoquote.diff/1';
  /** The before quote's identity. */
  before: DiffSide;
  /** The after quote's identity. */
  after: DiffSide;
  /** True when both quotes settle in the same currency (checkout charges are compared). */
  comparable: boolean;
  /** The after quote's settlement currency. */
  currency: CurrencyCode;
  /** The total at checkout; the checkout charges' deltas sum to its delta. */
  total: DiffFigure;
  /** Due on delivery; the delivery charges' deltas sum to its delta. */
  due_on_delivery: DiffFigure & {
    /** Destination currency of the after quote. */ currency: CurrencyCode;
  };
  /** What differs between the quotes, in a fixed order. */
  changes: DiffChange[];
  /** Every charge whose amount changed, with its causes. */
  charges: DiffCharge[];
  /** What could not be compared (different currencies), in English. */
  notes: string[];
}

/** An instantiated module: loads rulebooks. One per page or worker is enough. */
export interface Taoquote {
  /**
   * Parses and validates a rulebook.
   * @param rulebook - The rulebook as an object, or its JSON text (≤ 4 MiB).
   * @returns The loaded rulebook; free it with `dispose()` when done.
   * @throws {@link QuoteError} with the core's code and pointer (`doc: "rulebook"`) for an
   *   invalid rulebook; `INVALID_ARGUMENT` when `rulebook` is neither an object nor a string.
   */
  loadRulebook(rulebook: RulebookJson | string): Rulebook;
  /**
   * Explains why a price changed: two quotes compared charge by charge, each charge's change
   * split into causes (FX, rule, threshold, offer, tier, line, rounding …) that sum exactly to
   * it — the same document, byte for byte, as the native `taoquote diff --format json`.
   * @param before - The earlier quote, as an object or its canonical JSON text.
   * @param after - The later quote, as an object or its canonical JSON text.
   * @returns The diff document.
   * @throws {@link QuoteError} with a pointer into `{"before", "after"}` (e.g.
   *   `/after/charges/2/amount`) for input that is not a quote; `INVALID_ARGUMENT` (path
   *   `/before` or `/after`) when an argument is neither an object nor a string.
   */
  diff(before: Quote | string, after: Quote | string): QuoteDiff;
  /** Bytes of the module's linear memory (diagnostics). */
  heapBytes(): number;
  /** Bytes allocated inside the module and not yet freed (diagnostics, leak tests). */
  allocatedBytes(): number;
  /** Throws and catches a C++ exception in the module; returns its message (proves no abort). */
  selfTest(): string;
}

/** Options of {@link createTaoquote}; the defaults work in Node, browsers and bundlers. */
export interface CreateOptions {
  /** The .wasm bytes, when the default loader cannot fetch or read them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Maps a file name of the module (`"taoquote-core.wasm"`) to a URL. */
  locateFile?: (file: string) => string;
}

/**
 * Instantiates the WebAssembly module (Node ≥ 18, browsers, web workers, bundlers).
 * @param options - Where the .wasm comes from; omit it to use the file next to this module.
 * @returns A promise of the module's API.
 * @throws {@link QuoteError} `INVALID_ARGUMENT` (as a rejection) when `options` is not an object
 *   (`path: ""`), `wasmBinary` is not an ArrayBuffer or typed array (`"/wasmBinary"`) or
 *   `locateFile` is not a function (`"/locateFile"`).
 */
export declare function createTaoquote(options?: CreateOptions): Promise<Taoquote>;

export { formatQuote, formatMoney } from './display.js';
export type { DisplayStrings } from './display.js';
