import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests start their own moto_server; two cores share them.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
