import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup-fast-check.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: the browser and the state-machine tests each start servers,
    // so cap workers to keep memory and ports predictable.
    maxWorkers: 2,
  },
});
