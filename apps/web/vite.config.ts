import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// `@/…` is src/, so imports say which layer they reach into (app, components, features, lib).
const srcDir = decodeURIComponent(new URL('./src', import.meta.url).pathname);
// The AHP maths of the analytics library, compiled into the SPA from its (browser-safe) source so the consistency
// indicator is computed live by the same code as the API's results (R-ANA-4).
const analyticsAhp = decodeURIComponent(new URL('../../libs/analytics/src/ahp.ts', import.meta.url).pathname);

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': srcDir, '@lianxi/analytics/ahp': analyticsAhp } },
  server: {
    port: 5173,
    strictPort: true,
    // Same origin for the SPA and the API in development, as in production: the refresh cookie is SameSite=Strict.
    proxy: { '/api': { target: process.env.API_PROXY_TARGET ?? 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd, tree-shaken, is one ~910 kB vendor chunk (290 kB gzipped) cached across releases since the record pages
    // (drawer, descriptions, popconfirm, radio, breadcrumb); warn above that.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        // Vendor code changes far less often than ours: separate chunks stay cached across our releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|dayjs)[\\/]/ },
            // Charts are drawn on few pages: ECharts stays out of the vendor chunk, fetched with the first chart.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
  },
});
