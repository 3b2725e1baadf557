/** Under CI the public Chinchilla data must be present: the replication tests never skip there. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHINCHILLA_CSV, MISSING_CHINCHILLA } from './helpers';

describe.runIf(!!process.env.CI)('shared data under CI', () => {
  it('has the Chinchilla data', () => {
    expect(existsSync(CHINCHILLA_CSV), MISSING_CHINCHILLA).toBe(true);
  });
});
