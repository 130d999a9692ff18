import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test-server/**/*.test.ts', 'tests/**/*.test.{ts,tsx}'],
    // Each test file gets its own ROUNDTABLE_HOME: the real ~/.roundtable is never touched. A CLI
    // process a test left running is ended after it.
    setupFiles: ['tests/setup-home.ts', 'tests/setup-processes.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Runs use real loopback sockets and child processes; two cores are plenty for two workers.
    maxWorkers: 2,
  },
});
