// Type declarations of `taoquote/display`: locale display strings through Intl, from a
// quote's exact decimal strings. Presentation only: never part of the canonical quote or its
// fingerprint. Importable alone (no WebAssembly needed).
import type { Amount, CurrencyCode, Quote } from './index.js';

/** A quote's amounts and dates formatted for one locale. */
export interface DisplayStrings {
  /** The BCP 47 tag the strings were made for, as given. */
  locale: string;
  /** The quote's `total` in the settlement currency, e.g. `"102,71 €"`. */
  total: string;
  /** The amount due on delivery, in the destination currency. */
  due_on_delivery: string;
  /** What the buyer pays in all (settlement currency): a split quote's `landed_total`, else
   *  its selected option's. */
  landed_total: string;
  /** Each charge of the quote, in order, formatted in its own currency. */
  charges: {
    /** The charge's code. */
    code: string;
    /** Its amount, formatted. */
    text: string;
  }[];
  /** Each shipping option of the quote, in order. */
  options: {
    /** Line id. */
    line: string;
    /** The option's price in the settlement currency, or null for an ineligible line. */
    price: string | null;
    /** What the buyer pays in all with this line (settlement currency), or null for an
     *  ineligible line. */
    landed_total: string | null;
    /** Delivery window as medium-style dates, or null for an ineligible line. */
    eta: {
      /** Earliest delivery day, formatted. */
      earliest: string;
      /** Latest delivery day, formatted. */
      latest: string;
    } | null;
  }[];
  /** Each parcel of a split quote, in parcel order; empty when the quote ships as one parcel. */
  parcels: {
    /** Line id the parcel ships by. */
    line: string;
    /** The parcel's price (its shipping charges and consolidation fee), settlement currency. */
    price: string;
    /** Its share of the duty, in the destination currency. */
    duty: string;
    /** Its share of each tax, in the destination currency. */
    taxes: {
      /** The tax's code. */
      code: string;
      /** Its amount, formatted. */
      text: string;
    }[];
    /** Delivery window as medium-style dates. */
    eta: {
      /** Earliest delivery day, formatted. */
      earliest: string;
      /** Latest delivery day, formatted. */
      latest: string;
    };
  }[];
}

/**
 * Formats every amount and delivery date of a quote for a locale (Intl: ICU/CLDR), exactly
 * from the decimal strings, rounding half away from zero like the native ICU formatting.
 * @param quote - A quote from `Rulebook.quote`.
 * @param locale - A BCP 47 tag, e.g. `"de-DE"`.
 * @returns The display strings.
 * @throws {RangeError} when `locale` is empty or ill-formed (Intl's own error).
 */
export declare function formatQuote(quote: Quote, locale: string): DisplayStrings;

/**
 * Formats one decimal-string amount in a currency for a locale, exactly.
 * @param amount - A decimal string, e.g. `"1234.50"` (never a number).
 * @param currency - An ISO 4217 code, e.g. `"EUR"`.
 * @param locale - A BCP 47 tag, e.g. `"ja-JP"`.
 * @returns The formatted amount, e.g. `"1.234,50 €"` for de-DE.
 * @throws {RangeError} when `locale` or `currency` is ill-formed (Intl's own error).
 */
export declare function formatMoney(amount: Amount, currency: CurrencyCode, locale: string): string;

/**
 * Whether this engine's Intl formats decimal strings exactly (Intl.NumberFormat v3: Node ≥ 19,
 * current browsers). When false, the package formats exactly through BigInt instead.
 */
export declare const intlFormatsDecimalStrings: boolean;
