// taoquote for JavaScript: the idiomatic API over the raw WebAssembly functions.
// Objects or JSON strings in, plain objects out; amounts are decimal strings; failures throw
// QuoteError with the same code and JSON Pointer as the native build.
import createTaoquoteModule from './taoquote-core.js';

/** A failure reported by the core: stable `code`, JSON Pointer `path`, and `doc`. */
export class QuoteError extends Error {
  constructor(body) {
    super(body.message);
    this.name = 'QuoteError';
    this.code = body.code;
    this.doc = body.doc;
    this.path = body.path;
    if (body.detail) this.detail = body.detail;
  }
}

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

function asJson(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function parseOrThrow(text) {
  const value = JSON.parse(text);
  if (value && value.error) throw new QuoteError(value.error);
  return value;
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
  }

  /** The canonical quote JSON text: the exact bytes the native build produces. */
  quoteJson(request) {
    if (this.#handle === 0)
      throw new QuoteError({
        code: 'INTERNAL',
        doc: 'rulebook',
        path: '',
        message: 'This rulebook has been disposed.',
      });
    const text = this.#raw._quote(this.#handle, asJson(request));
    if (text.startsWith('{"error":')) throw new QuoteError(JSON.parse(text).error);
    return text;
  }

  /** The quote as a plain object (amounts are strings). */
  quote(request) {
    return JSON.parse(this.quoteJson(request));
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
  const moduleOptions = {};
  if (options.wasmBinary) moduleOptions.wasmBinary = options.wasmBinary;
  else if (isNode) moduleOptions.wasmBinary = await readWasmInNode();
  moduleOptions.locateFile =
    options.locateFile ??
    ((file) => (file.endsWith('.wasm') ? wasmUrl.href : new URL(file, import.meta.url).href));
  const raw = await createTaoquoteModule(moduleOptions);
  const registry = new FinalizationRegistry(({ raw: r, handle }) => r._disposeRulebook(handle));
  return {
    /** Parses and validates a rulebook (object or JSON text); throws QuoteError. */
    loadRulebook(rulebook) {
      return new Rulebook(raw, parseOrThrow(raw._loadRulebook(asJson(rulebook))), registry);
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
