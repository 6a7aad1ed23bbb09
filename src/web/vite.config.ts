/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server forwards everything the .NET app owns; the Host header is kept (no changeOrigin) so the
// server sees the same origin as the browser, which keeps SameSite cookies and origin checks honest.
const server = 'http://127.0.0.1:5000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': server,
      '/hubs': { target: server, ws: true },
      '/health': server,
      '/openapi': server,
      '/metrics': server,
    },
  },
  build: {
    outDir: '../Unbuilt/wwwroot',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // Generous limits: CI and shared 2-core machines run these beside .NET builds; a slow run is not a failure.
    testTimeout: 20_000,
  },
});
