import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import hardwareSeed from '../../../resources/seed/hardware-profiles.json';
import coefficientSeed from '../../../resources/seed/coefficient-sets.json';
import { openStore, StoreError } from '../../../src-main/store';

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

describe('seeds', () => {
  it('seed every hardware profile and published set from resources/seed, with citation and provenance', () => {
    const store = openStore({ path: ':memory:' });
    expect(store.hardware.list().map((h) => h.id).sort()).toEqual(hardwareSeed.profiles.map((p) => p.id).sort());
    const h100 = store.hardware.get('h100-sxm');
    expect(h100).toMatchObject({ memoryBytesPerDevice: 80 * 2 ** 30, peakFlopsPerDevice: 9.894e14, seeded: true, userModified: false });
    expect(store.hardware.get('8xh100').deviceCount).toBe(8);
    for (const s of coefficientSeed.sets) {
      const row = store.coefficients.get(s.id);
      expect(row).toMatchObject({ citation: s.citation, provenance: s.provenance, law: s.law, values: s.values, published: true });
    }
    expect(store.seeds).toMatchObject({ hardwareVersion: hardwareSeed.seedVersion, coefficientsVersion: coefficientSeed.seedVersion });
    store.close();
  });

  it('a later seed version adds and corrects published data without touching user data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moe-store-seed-'));
    const s1 = openStore({ dataDir: dir });
    const userSet = s1.coefficients.duplicate('hoffmann2022', { values: { E: 1.8 } });
    s1.hardware.update('rtx4090', { pricePerDeviceHour: 0.7 }); // user edit of a seeded profile
    s1.hardware.delete('a100-40'); // user deletes a seeded profile
    const mine = s1.hardware.create({ name: 'My box', deviceCount: 2, memoryBytesPerDevice: 2 ** 34, peakFlopsPerDevice: 1e14, defaultUtilization: 0.3 });
    s1.close();

    const hw = clone(hardwareSeed);
    hw.seedVersion += 1;
    for (const p of hw.profiles) {
      if (p.id === 'rtx4090' || p.id === 'a100-40' || p.id === 'h100-sxm') p.defaultUtilization = 0.45;
    }
    hw.profiles.push({ ...hw.profiles[0]!, id: 'new-gpu', name: 'New GPU' });
    const cs = clone(coefficientSeed);
    cs.seedVersion += 1;
    const chin = cs.sets.find((s) => s.id === 'hoffmann2022')!;
    chin.values.E = 1.7;
    cs.sets.push({ ...chin, id: 'new-set', name: 'New set' });

    const s2 = openStore({ dataDir: dir, seeds: { hardware: hw, coefficients: cs } });
    expect(s2.seeds.applied).toEqual(['hardware-profiles', 'coefficient-sets']);
    expect(s2.coefficients.get('hoffmann2022').values['E']).toBe(1.7); // corrected
    expect(s2.coefficients.get('new-set').published).toBe(true); // added
    expect(s2.coefficients.get(userSet.id)).toEqual(userSet); // untouched
    expect(s2.hardware.get('h100-sxm').defaultUtilization).toBe(0.45); // corrected (not edited by user)
    expect(s2.hardware.get('rtx4090')).toMatchObject({ defaultUtilization: 0.4, pricePerDeviceHour: 0.7 }); // user edit wins
    expect(s2.hardware.find('a100-40')).toBeNull(); // stays deleted
    expect(s2.hardware.get('new-gpu').seeded).toBe(true);
    expect(s2.hardware.get(mine.id)).toEqual(mine);
    s2.close();

    // the same seed version again changes nothing
    const s3 = openStore({ dataDir: dir, seeds: { hardware: hw, coefficients: cs } });
    expect(s3.seeds.applied).toEqual([]);
    s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('invalid seed JSON is refused naming the bad field', () => {
    const hw = clone(hardwareSeed) as { profiles: Array<Record<string, unknown>> };
    hw.profiles[2]!['peakFlopsPerDevice'] = -1;
    try {
      openStore({ path: ':memory:', seeds: { hardware: hw, coefficients: coefficientSeed } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StoreError);
      expect((e as StoreError).code).toBe('invalid-seed');
      expect((e as StoreError).message).toContain('profiles.2.peakFlopsPerDevice');
    }
  });
});
