// taoquote for JavaScript: the idiomatic API over the raw WebAssembly functions.
// Objects or JSON strings in, plain objects out; amounts are decimal strings; failures throw
// QuoteError with the same code and JSON Pointer as the native build. Misuse from JavaScript
// (a missing or non-JSON argument, a disposed rulebook) throws QuoteError too, with the
// core's INVALID_ARGUMENT code (as the C ABI does for a NULL pointer), never a raw embind error.
import createTaoquoteModule from './taoquote-core.js';

/** A failure reported by the core: stable `code`, JSON Pointer `path`, and `doc`. */
export class QuoteError extends Error {
  /** `body` is the `error` object of the core's JSON error body. */
  constructor(body = {}) {
    super(String(body.message ?? 'taoquote failed.'));
    this.name = 'QuoteError';
    this.code = body.code ?? 'INTERNAL';
    this.doc = body.doc ?? 'request';
    this.path = body.path ?? '';
    if (body.detail) this.detail = body.detail;
  }
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

const isNode = typeof process !== 'undefined' && !!(process.versions && process.versions.node);
// A literal URL next to this module, so bundlers (Vite, webpack, esbuild) emit the .wasm as
// an asset and rewrite this line to its final location.
const wasmUrl = new URL('./taoquote-core.wasm', import.meta.url);

async function readWasmInNode() {
  // Hidden from bundlers: only Node reads the module from disk.
  const fsName = 'node:fs/promises';
  const { readFile } = await import(/* @vite-ignore */ fsName);
  return readFile(wasmUrl);
}

// The QuoteError for a caller's mistake about the `doc` argument (pointer: the whole argument).
function argumentError(doc, message) {
  return new QuoteError({ code: 'INVALID_ARGUMENT', doc, path: '', message });
}

// "null", "an array", "a number", …: what a wrong argument was, for the message.
function describe(value) {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// JSON text for the module: a string is passed as is (the core parses and checks it); a
// plain object is serialised. Anything else is a caller's mistake, reported before the call
// reaches embind (which would throw an untyped BindingError).
function asJson(value, doc) {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw argumentError(
      doc,
      `The ${doc} must be a JSON object or its JSON text, not ${describe(value)}.`,
    );
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    // A cycle or a BigInt: JSON cannot carry it.
    throw argumentError(doc, `The ${doc} object cannot be written as JSON: ${e.message}`);
  }
  if (typeof text !== 'string')
    throw argumentError(doc, `The ${doc} object cannot be written as JSON (toJSON gave no value).`);
  return text;
}

// JSON text of a quote given to diff(): a string as is, an object serialised (its key order
// kept); anything else is a caller's mistake, pointed at "/before" or "/after".
function quoteJsonArgument(value, side) {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new QuoteError({
      code: 'INVALID_ARGUMENT',
      doc: 'request',
      path: `/${side}`,
      message: `The ${side} quote must be a quote object or its JSON text, not ${describe(value)}.`,
    });
  return JSON.stringify(value);
}

// Writes `json` as UTF-8 straight into a view of the module's memory (at most 3 bytes per
// UTF-16 unit; no character-by-character copy in JavaScript) and returns the length to pass.
// A view stops one byte past the largest text the core reads: a text that does not fit is
// passed as the full view, which the core refuses for its size, even when a multi-byte
// character stopped the encoder short.
function intoModule(view, json) {
  const { read, written } = utf8Encoder.encodeInto(json, view);
  return read < json.length ? view.length : written;
}

// The module's JSON answer, or its error body thrown as a QuoteError.
function parseOrThrow(text) {
  const value = JSON.parse(text);
  if (value && value.error) throw new QuoteError(value.error);
  return value;
}

// The `using` protocol: the standard Symbol.dispose where the engine has it, else the
// registered symbol that common polyfills install (`Symbol.dispose ??= Symbol.for(...)`).
// Looked up again for each rulebook, so a polyfill installed after this module loaded works.
function disposeSymbol() {
  return typeof Symbol.dispose === 'symbol' ? Symbol.dispose : Symbol.for('Symbol.dispose');
}

/** A loaded, validated rulebook. Call dispose() when done (a finalizer is only a backstop). */
class Rulebook {
  #raw;
  #handle;
  #registry;
  constructor(raw, info, registry) {
    this.#raw = raw;
    this.#handle = info.handle;
    this.#registry = registry;
    this.id = info.id;
    this.digest = info.digest;
    registry.register(this, { raw, handle: info.handle }, this);
    const key = disposeSymbol();
    if (!(key in Rulebook.prototype))
      Object.defineProperty(Rulebook.prototype, key, {
        value: Rulebook.prototype.dispose,
        configurable: true,
        writable: true,
      });
  }

  // Throws INVALID_ARGUMENT once the rulebook is disposed.
  #checkLive() {
    if (this.#handle === 0)
      throw new QuoteError({
        code: 'INVALID_ARGUMENT',
        doc: 'rulebook',
        path: '',
        message: 'This rulebook has been disposed: load it again to quote with it.',
      });
  }

  /** The canonical quote JSON text: the exact bytes the native build produces. */
  quoteJson(request) {
    this.#checkLive();
    const json = asJson(request, 'request');
    // The quote is decoded from a view of the module's memory, as the request went in.
    const length = intoModule(this.#raw._inputView(json.length * 3), json);
    const text = utf8Decoder.decode(this.#raw._quoteInput(this.#handle, length));
    if (text.startsWith('{"error":')) throw new QuoteError(JSON.parse(text).error);
    return text;
  }

  /** The quote as a plain object (amounts are strings). */
  quote(request) {
    return JSON.parse(this.quoteJson(request));
  }

  /** One amount in another currency, as a quote would settle it: { amount, currency }. */
  convert(amount, from, to) {
    this.#checkLive();
    for (const [name, value] of [
      ['amount', amount],
      ['from', from],
      ['to', to],
    ])
      if (typeof value !== 'string')
        throw new QuoteError({
          code: name === 'amount' ? 'INVALID_AMOUNT' : 'INVALID_ARGUMENT',
          doc: 'request',
          path: `/${name}`,
          message:
            name === 'amount'
              ? `The amount must be a decimal string like "12.50", not ${describe(value)}.`
              : `The ${name} currency must be an ISO 4217 code string, not ${describe(value)}.`,
        });
    return parseOrThrow(
      this.#raw._convertAmount(this.#handle, JSON.stringify({ amount, from, to })),
    );
  }

  /** Frees the rulebook inside the module. Safe to call twice. */
  dispose() {
    if (this.#handle === 0) return;
    this.#raw._disposeRulebook(this.#handle);
    this.#registry.unregister(this);
    this.#handle = 0;
  }
}

/** Instantiates the WebAssembly module. Works in Node ≥ 18, browsers, workers and bundlers. */
export async function createTaoquote(options = {}) {
  const optionError = (path, message) =>
    new QuoteError({ code: 'INVALID_ARGUMENT', doc: 'request', path, message });
  if (options === null || typeof options !== 'object')
    throw optionError('', `The options must be an object, not ${describe(options)}.`);
  const { wasmBinary, locateFile } = options;
  if (
    wasmBinary !== undefined &&
    !(wasmBinary instanceof ArrayBuffer || ArrayBuffer.isView(wasmBinary))
  )
    throw optionError(
      '/wasmBinary',
      `wasmBinary must be an ArrayBuffer or a Uint8Array, not ${describe(wasmBinary)}.`,
    );
  if (locateFile !== undefined && typeof locateFile !== 'function')
    throw optionError('/locateFile', `locateFile must be a function, not ${describe(locateFile)}.`);
  const moduleOptions = {};
  if (wasmBinary !== undefined) moduleOptions.wasmBinary = wasmBinary;
  else if (isNode) moduleOptions.wasmBinary = await readWasmInNode();
  moduleOptions.locateFile =
    locateFile ??
    ((file) => (file.endsWith('.wasm') ? wasmUrl.href : new URL(file, import.meta.url).href));
  const raw = await createTaoquoteModule(moduleOptions);
  const registry = new FinalizationRegistry(({ raw: r, handle }) => r._disposeRulebook(handle));
  return {
    /** Parses and validates a rulebook (object or JSON text); throws QuoteError. */
    loadRulebook(rulebook) {
      const json = asJson(rulebook, 'rulebook');
      const length = intoModule(raw._rulebookView(json.length * 3), json);
      return new Rulebook(raw, parseOrThrow(raw._loadRulebookInput(length)), registry);
    },
    /** Why a price changed: two quotes compared charge by charge (docs/diff.md). */
    diff(before, after) {
      return parseOrThrow(
        raw._diffQuotes(quoteJsonArgument(before, 'before'), quoteJsonArgument(after, 'after')),
      );
    },
    /** Bytes of the module's linear memory (diagnostics and leak tests). */
    heapBytes() {
      return raw._heapBytes();
    },
    /** Bytes allocated inside the module and not yet freed (diagnostics and leak tests). */
    allocatedBytes() {
      return raw._allocatedBytes();
    },
    /** Throws and catches a C++ exception inside the module; returns its message. */
    selfTest() {
      return raw._selfTestThrow();
    },
  };
}

export { formatQuote, formatMoney } from './display.js';
