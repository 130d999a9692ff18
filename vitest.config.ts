import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test-server/**/*.test.ts', 'tests/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Runs use real loopback sockets and child processes; two cores are plenty for two workers.
    maxWorkers: 2,
  },
});
