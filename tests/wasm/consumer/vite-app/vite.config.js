// Builds the one-page app as a user would; the .wasm is an asset found via import.meta.url.
export default {
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  worker: { format: 'es' },
  logLevel: 'warn',
};
