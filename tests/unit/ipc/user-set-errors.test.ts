import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers, type ServiceContext } from '../../../src-main/services';
import { lazyStore } from '../../../src-main/services/store-access';
import { publishedSet } from '../../../src-main/engine/common/coefficients';

const dataDir = mkdtempSync(join(tmpdir(), 'moe-user-set-'));
const ctx: ServiceContext = { transport: 'cli', dataDir, appVersion: 'test', store: lazyStore(dataDir).store };

describe('a user coefficient set the law cannot use', () => {
  it('is refused as a bad request pointing at coefficientSetId, not as an internal error', async () => {
    const published = publishedSet('ludziejewski2025-joint').values;
    const created = await dispatch(handlers, ctx, 'coefficients.create', {
      law: 'joint',
      name: 'Swapped E bounds',
      values: { ...published, eStart: 300, eMax: 2 },
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = (created.value as { id: string }).id;
    const plan = await dispatch(handlers, ctx, 'plan.compute', { flops: 1e21, coefficientSetId: id });
    expect(plan.ok).toBe(false);
    if (!plan.ok) {
      expect(plan.error.code).toBe('invalid-request');
      expect(plan.error.path).toEqual(['coefficientSetId']);
      expect(plan.error.message).toMatch(/eStart < eMax/);
    }
  });
});
