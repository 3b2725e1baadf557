/**
 * Hardware profiles. Seeded ones are editable too (prices and utilisation differ per site); an
 * edit marks them user-modified so later seeds leave them alone, and deleting a seeded profile
 * hides it rather than removing the row, so the next seed does not bring it back.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { hardwareHash } from '../content-hash';
import { inTransaction, uniqueName, type RepoContext } from '../context';
import { invalidInput, notFound } from '../errors';
import type { HardwareProfileRow } from '../types';
import { finiteSchema, nameSchema, parseInput, positiveSchema, requireId } from '../validation';

export interface HardwareProfileInput {
  /** Optional stable id (letters, digits, dashes); a UUID otherwise. */
  id?: string;
  name: string;
  deviceCount: number;
  memoryBytesPerDevice: number;
  peakFlopsPerDevice: number;
  defaultUtilization: number;
  pricePerDeviceHour?: number | null;
  powerWattsPerDevice?: number | null;
  source?: string;
}

export type HardwareProfilePatch = Partial<Omit<HardwareProfileInput, 'id'>>;

const fields = {
  name: nameSchema,
  deviceCount: z.number({ error: 'must be a number' }).int('must be a whole number').positive('must be at least 1'),
  memoryBytesPerDevice: z.number({ error: 'must be a number' }).int('must be a whole number of bytes').positive('must be greater than 0'),
  peakFlopsPerDevice: positiveSchema,
  defaultUtilization: finiteSchema.refine((v) => v > 0 && v <= 1, 'must be in (0, 1]'),
  pricePerDeviceHour: positiveSchema.nullable(),
  powerWattsPerDevice: positiveSchema.nullable(),
  source: z.string().max(2000),
};

const createSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be letters, digits, dots, dashes or underscores').optional(),
  ...fields,
  pricePerDeviceHour: fields.pricePerDeviceHour.optional(),
  powerWattsPerDevice: fields.powerWattsPerDevice.optional(),
  source: fields.source.optional(),
});
const patchSchema = z.object(fields).partial();

interface Raw {
  id: string;
  name: string;
  device_count: number;
  memory_bytes_per_device: number;
  peak_flops_per_device: number;
  default_utilization: number;
  price_per_device_hour: number | null;
  power_watts_per_device: number | null;
  source: string;
  seeded: number;
  seed_version: number | null;
  user_modified: number;
  content_hash: string;
  created_at: string;
  updated_at: string;
}

function toRow(r: Raw): HardwareProfileRow {
  return {
    id: r.id,
    name: r.name,
    deviceCount: r.device_count,
    memoryBytesPerDevice: r.memory_bytes_per_device,
    peakFlopsPerDevice: r.peak_flops_per_device,
    defaultUtilization: r.default_utilization,
    pricePerDeviceHour: r.price_per_device_hour,
    powerWattsPerDevice: r.power_watts_per_device,
    source: r.source,
    seeded: r.seeded === 1,
    seedVersion: r.seed_version,
    userModified: r.user_modified === 1,
    contentHash: r.content_hash,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type HardwareProfileRepository = ReturnType<typeof hardwareProfileRepository>;

export function hardwareProfileRepository(ctx: RepoContext) {
  const { db } = ctx;
  const selectOne = db.prepare('SELECT * FROM hardware_profiles WHERE id = ? AND hidden = 0');

  function find(id: string): HardwareProfileRow | null {
    const r = selectOne.get(id) as Raw | undefined;
    return r ? toRow(r) : null;
  }

  function get(id: string): HardwareProfileRow {
    const row = find(requireId(id));
    if (!row) throw notFound('hardware profile', id);
    return row;
  }

  return {
    /** Visible profiles, seeded first, then by name. */
    list(): HardwareProfileRow[] {
      return (db.prepare('SELECT * FROM hardware_profiles WHERE hidden = 0 ORDER BY seeded DESC, name COLLATE NOCASE, id').all() as Raw[]).map(toRow);
    },
    find,
    get,

    /** Each visible profile's id and content hash: what a scenario saved now would record for it. */
    contentHashes(): Array<[string, string]> {
      return db.prepare('SELECT id, content_hash FROM hardware_profiles WHERE hidden = 0').raw().all() as Array<[string, string]>;
    },

    create(input: HardwareProfileInput): HardwareProfileRow {
      const p = parseInput(createSchema, input);
      const id = p.id ?? randomUUID();
      return inTransaction(ctx, () => {
        if (db.prepare('SELECT 1 FROM hardware_profiles WHERE id = ?').get(id)) {
          throw invalidInput('id', `a hardware profile with id "${id}" already exists`);
        }
        const now = ctx.now();
        const row = { ...p, id, pricePerDeviceHour: p.pricePerDeviceHour ?? null, powerWattsPerDevice: p.powerWattsPerDevice ?? null, source: p.source ?? '' };
        db.prepare(
          `INSERT INTO hardware_profiles (id, name, device_count, memory_bytes_per_device, peak_flops_per_device,
             default_utilization, price_per_device_hour, power_watts_per_device, source, seeded, seed_version, user_modified, hidden,
             content_hash, created_at, updated_at)
           VALUES (@id, @name, @deviceCount, @memoryBytesPerDevice, @peakFlopsPerDevice, @defaultUtilization,
             @pricePerDeviceHour, @powerWattsPerDevice, @source, 0, NULL, 0, 0, @hash, @now, @now)`,
        ).run({ ...row, hash: hardwareHash(row), now });
        return get(id);
      });
    },

    update(id: string, patch: HardwareProfilePatch): HardwareProfileRow {
      const p = parseInput(patchSchema, patch);
      return inTransaction(ctx, () => {
        const current = get(id);
        const next = { ...current, ...p };
        db.prepare(
          `UPDATE hardware_profiles SET name = @name, device_count = @deviceCount,
             memory_bytes_per_device = @memoryBytesPerDevice, peak_flops_per_device = @peakFlopsPerDevice,
             default_utilization = @defaultUtilization, price_per_device_hour = @pricePerDeviceHour,
             power_watts_per_device = @powerWattsPerDevice,
             source = @source, user_modified = seeded, content_hash = @hash, updated_at = @now
           WHERE id = @id`,
        ).run({
          id: current.id,
          name: next.name,
          deviceCount: next.deviceCount,
          memoryBytesPerDevice: next.memoryBytesPerDevice,
          peakFlopsPerDevice: next.peakFlopsPerDevice,
          defaultUtilization: next.defaultUtilization,
          pricePerDeviceHour: next.pricePerDeviceHour,
          powerWattsPerDevice: next.powerWattsPerDevice,
          source: next.source,
          hash: hardwareHash(next),
          now: ctx.now(),
        });
        return get(id);
      });
    },

    /** The id an imported profile gets: its own while free here (hidden rows count), else a fresh one. */
    importId(fileId: string): string {
      return db.prepare('SELECT 1 FROM hardware_profiles WHERE id = ?').get(fileId) ? randomUUID() : fileId;
    },

    /**
     * Used by import: adds a profile from another machine as a user profile (a fresh name if
     * taken) under `id`, which the import chose beforehand with importId and must still be free.
     */
    insertImported(p: Omit<HardwareProfileRow, 'powerWattsPerDevice' | 'seeded' | 'seedVersion' | 'userModified' | 'contentHash' | 'createdAt' | 'updatedAt'> & { powerWattsPerDevice?: number | null }, id: string): HardwareProfileRow {
      const taken = (db.prepare('SELECT name FROM hardware_profiles WHERE hidden = 0').all() as { name: string }[]).map((r) => r.name);
      const now = ctx.now();
      db.prepare(
        `INSERT INTO hardware_profiles (id, name, device_count, memory_bytes_per_device, peak_flops_per_device,
           default_utilization, price_per_device_hour, power_watts_per_device, source, seeded, seed_version, user_modified, hidden,
           content_hash, created_at, updated_at)
         VALUES (@id, @name, @deviceCount, @memoryBytesPerDevice, @peakFlopsPerDevice, @defaultUtilization,
           @pricePerDeviceHour, @powerWattsPerDevice, @source, 0, NULL, 0, 0, @hash, @now, @now)`,
      ).run({ ...p, powerWattsPerDevice: p.powerWattsPerDevice ?? null, id, name: uniqueName(p.name, taken), hash: hardwareHash(p), now });
      return get(id);
    },

    /** Removes a user profile; hides a seeded one (see the module comment). */
    delete(id: string): void {
      inTransaction(ctx, () => {
        const current = get(id);
        if (current.seeded) db.prepare('UPDATE hardware_profiles SET hidden = 1, updated_at = ? WHERE id = ?').run(ctx.now(), id);
        else db.prepare('DELETE FROM hardware_profiles WHERE id = ?').run(id);
      });
    },
  };
}
