import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests of pure code (the laws, formatting, schemas, the contract's dispatch on a data folder
 * of each test's own) share a worker's loaded modules from file to file: isolating each file
 * re-imported the engine and the contract's schemas ~100 times, half of the unit tests' CPU time.
 * Files whose code keeps state across calls (the renderer's stores, the shell, the store's id
 * counters, the report renderer's cache, and the files that replace a module with vi.mock) and all
 * the integration tests keep a fresh module graph per file.
 */
const SHARED = ['engine', 'format', 'schema', 'ipc', 'cli', 'architecture'].map((d) => `tests/unit/${d}/**/*.test.ts`);

export default defineConfig({
  test: {
    // Hang guards, not budgets: the synthetic joint-law fit and the how-computed PDF test take
    // ~15 s idle and passed 60 s only on an idle machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One file per core. Vitest's default (cores − 1) ran the files one at a time on a 2-core CI
    // machine, and many of them wait on processes they spawn (the CLI, writers they kill, workers).
    maxWorkers: availableParallelism(),
    projects: [
      { extends: true, test: { name: 'unit-shared', include: SHARED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'], exclude: SHARED } },
    ],
  },
});
