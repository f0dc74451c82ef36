// Vite build of the renderer: root renderer/, output renderer/dist/. The engine (core/) lives
// outside the root, so the dev server is allowed to read the repository; the bundled sample
// capture is copied from samples/ via publicDir so the app can open it with no file given.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Wire text is rendered as text everywhere; the CSP is the second line of defence. Only in the
// build: the dev server injects inline scripts (React refresh) that it would block.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "worker-src 'self' blob:; connect-src 'self' blob:; object-src 'none'; base-uri 'none'";

const csp = (): Plugin => ({
  name: 'wirestep-csp',
  apply: 'build',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head' },
  ],
});

export default defineConfig({
  root: here('.'),
  base: './',
  publicDir: here('../samples'),
  plugins: [react(), csp()],
  worker: { format: 'es' },
  server: { fs: { allow: [here('..')] } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
});
