import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test-server/**/*.test.ts', 'tests/**/*.test.{ts,tsx}'],
    // Each test file gets its own ROUNDTABLE_HOME: the real ~/.roundtable is never touched.
    setupFiles: ['tests/setup-home.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Runs use real loopback sockets and child processes; two cores are plenty for two workers.
    maxWorkers: 2,
  },
});
