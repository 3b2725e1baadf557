import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databasePath, resolveDataDir } from '../../../src-main/store';

describe('resolveDataDir', () => {
  it('prefers MOE_WORKBENCH_DATA, else the caller fallback', () => {
    expect(resolveDataDir({ MOE_WORKBENCH_DATA: '/tmp/x' }, '/home/u/.config/app')).toBe(resolve('/tmp/x'));
    expect(resolveDataDir({ MOE_WORKBENCH_DATA: '  ' }, '/home/u/.config/app')).toBe(resolve('/home/u/.config/app'));
    expect(resolveDataDir({}, 'rel')).toBe(resolve('rel'));
    expect(() => resolveDataDir({})).toThrow(/MOE_WORKBENCH_DATA/);
    expect(databasePath('/d')).toBe(resolve('/d/workbench.sqlite'));
  });
});
