import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console is built into dist/ (on install, and by `build`) and served by the gateway at `/`.
 * `dev` serves it with hot reload and forwards the API to a gateway on port 4000 (`pnpm start`).
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The gateway's Content-Security-Policy allows only the console's own files.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/graphql': 'http://127.0.0.1:4000',
      '/auth': 'http://127.0.0.1:4000',
      '/indicators.csv': 'http://127.0.0.1:4000',
    },
  },
});
