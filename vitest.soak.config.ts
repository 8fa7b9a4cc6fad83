/**
 * `npm run soak` (issue 9 §10, §12): the fault simulation at full size (100,000 ops) and 10,000
 * fuzzed requests. The same test files as `npm test`, sized by env; SIM_OPS, SIM_SEED, FUZZ_RUNS
 * and FUZZ_SEED set in the shell win over these.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/integration/sim/*.test.ts', 'tests/integration/fuzz/*.test.ts'],
    environment: 'node',
    // TEST_STORE=postgres npm run soak: the same on the run's throwaway PostgreSQL cluster (issue 10 §5).
    globalSetup: ['tests/support/pg-global-setup.ts'],
    env: {
      SIM_OPS: process.env['SIM_OPS'] ?? '100000',
      FUZZ_RUNS: process.env['FUZZ_RUNS'] ?? '10000',
      ...(process.env['SIM_SEED'] ? { SIM_SEED: process.env['SIM_SEED'] } : {}),
      ...(process.env['FUZZ_SEED'] ? { FUZZ_SEED: process.env['FUZZ_SEED'] } : {}),
    },
    // Hours, not minutes: the full simulation is long by design.
    testTimeout: 24 * 3_600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
