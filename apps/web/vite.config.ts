import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// `@/…` is src/, so imports say which layer they reach into (app, components, features, lib).
const srcDir = decodeURIComponent(new URL('./src', import.meta.url).pathname);

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': srcDir } },
  server: {
    port: 5173,
    strictPort: true,
    // Same origin for the SPA and the API in development, as in production: the refresh cookie is SameSite=Strict.
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
  },
});
