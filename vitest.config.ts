import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/security/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Two files at a time on CI's two cores (vitest's default is one fewer than the cores): the fault suites
    // wait on their hub and laptops' processes as much as they compute.
    maxWorkers: Number(process.env.QINGSHUI_TEST_WORKERS) || 2,
  },
});
