import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact()],
  resolve: {
    alias: {
      // Extension code imports the polyfilled `browser`; unit tests get WXT's in-memory fake.
      '@wxt-dev/webextension-polyfill/browser': fileURLToPath(new URL('./tests/unit/fake-browser.ts', import.meta.url)),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', '{core,db,page,background,components,scripts}/**/*.test.{ts,tsx}', '*.test.ts'],
    reporters: ['verbose'],
  },
});
