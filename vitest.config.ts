import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Hang guards, not budgets: the synthetic joint-law fit and the how-computed PDF test take
    // ~15 s idle and passed 60 s only on an idle machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One file per core. Vitest's default (cores − 1) ran the files one at a time on a 2-core CI
    // machine, and many of them wait on processes they spawn (the CLI, writers they kill, workers).
    maxWorkers: availableParallelism(),
  },
});
