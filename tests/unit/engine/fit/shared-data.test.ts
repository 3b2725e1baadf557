/** Under CI the public Chinchilla data must be present: the replication tests never skip there. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHINCHILLA_CSV, JOINT_RUNS_CSV, MISSING_CHINCHILLA, MISSING_JOINT_RUNS } from './helpers';

describe.runIf(!!process.env.CI)('shared data under CI', () => {
  it('has the Chinchilla data', () => {
    expect(existsSync(CHINCHILLA_CSV), MISSING_CHINCHILLA).toBe(true);
  });

  it('has the joint law’s runs', () => {
    expect(existsSync(JOINT_RUNS_CSV), MISSING_JOINT_RUNS).toBe(true);
  });
});
