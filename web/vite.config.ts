import { defineConfig } from 'vite';

// The gateway serves the built files at /; `npm run dev` proxies the API to a running `./atelier start`.
const gateway = process.env.ATELIER_GATEWAY ?? 'http://localhost:8080';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: process.env.ATELIER_WEB_OUT ?? 'dist',
    emptyOutDir: true,
    // No inline scripts or styles: the gateway's Content-Security-Policy allows 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: gateway, changeOrigin: false },
      '/.well-known': gateway,
    },
  },
});
