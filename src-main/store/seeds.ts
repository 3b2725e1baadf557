/**
 * Seed data from resources/seed: hardware profiles and published coefficient sets. Each file
 * carries a seedVersion; a file newer than the one recorded in `seed_versions` is applied once:
 * it adds new rows and corrects published/seeded ones, but never touches user-made rows, seeded
 * profiles the user edited, or seeded profiles the user deleted.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import hardwareSeedJson from '../../resources/seed/hardware-profiles.json';
import coefficientSeedJson from '../../resources/seed/coefficient-sets.json';
import { coefficientHash, hardwareHash } from './content-hash';
import { StoreError } from './errors';
import { LAW_IDS } from './validation';

const finite = z.number().refine(Number.isFinite, 'must be finite');
const positive = finite.refine((v) => v > 0, 'must be > 0');

export const hardwareSeedSchema = z.object({
  seedVersion: z.number().int().positive(),
  convention: z.string().optional(),
  profiles: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      deviceCount: z.number().int().positive(),
      memoryBytesPerDevice: z.number().int().positive(),
      peakFlopsPerDevice: positive,
      defaultUtilization: finite.refine((v) => v > 0 && v <= 1, 'must be in (0, 1]'),
      pricePerDeviceHour: positive.nullable(),
      source: z.string(),
    }),
  ),
});

export const coefficientSeedSchema = z.object({
  seedVersion: z.number().int().positive(),
  sets: z.array(
    z.object({
      id: z.string().min(1),
      law: z.enum(LAW_IDS),
      name: z.string().min(1),
      citation: z.string().min(1),
      provenance: z.enum(['published-table', 'secondary-transcription', 'partial']),
      source: z.string(),
      values: z.record(z.string().min(1), finite),
      notes: z.string(),
    }),
  ),
});

export type HardwareSeed = z.infer<typeof hardwareSeedSchema>;
export type CoefficientSeed = z.infer<typeof coefficientSeedSchema>;

export interface SeedData {
  hardware: unknown;
  coefficients: unknown;
}

export const BUNDLED_SEEDS: SeedData = { hardware: hardwareSeedJson, coefficients: coefficientSeedJson };

function parseSeed<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue ? issue.path.join('.') || '(root)' : '(root)';
  throw new StoreError('invalid-seed', `Seed file ${file} is invalid at ${where}: ${issue?.message ?? 'unknown problem'}`, {
    field: where,
  });
}

function recordedVersion(db: Database.Database, kind: string): number {
  const row = db.prepare('SELECT version FROM seed_versions WHERE kind = ?').get(kind) as { version: number } | undefined;
  return row?.version ?? 0;
}

function recordVersion(db: Database.Database, kind: string, version: number, now: string): void {
  db.prepare(
    `INSERT INTO seed_versions (kind, version, applied_at) VALUES (?, ?, ?)
     ON CONFLICT(kind) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at`,
  ).run(kind, version, now);
}

export interface SeedReport {
  hardwareVersion: number;
  coefficientsVersion: number;
  applied: Array<'hardware-profiles' | 'coefficient-sets'>;
}

/** The seed versions already applied, for a store that cannot write (a read-only folder). */
export function recordedSeeds(db: Database.Database): SeedReport {
  return { hardwareVersion: recordedVersion(db, 'hardware-profiles'), coefficientsVersion: recordedVersion(db, 'coefficient-sets'), applied: [] };
}

/** Validates both seed files, then applies the newer ones in a single transaction. */
export function applySeeds(db: Database.Database, seeds: SeedData, now: string): SeedReport {
  const hardware = parseSeed(hardwareSeedSchema, seeds.hardware, 'resources/seed/hardware-profiles.json');
  const coefficients = parseSeed(coefficientSeedSchema, seeds.coefficients, 'resources/seed/coefficient-sets.json');
  const applied: SeedReport['applied'] = [];

  // IMMEDIATE: two processes starting together must not both apply (the version is re-read inside)
  db.transaction(() => {
    if (hardware.seedVersion > recordedVersion(db, 'hardware-profiles')) {
      seedHardware(db, hardware, now);
      recordVersion(db, 'hardware-profiles', hardware.seedVersion, now);
      applied.push('hardware-profiles');
    }
    if (coefficients.seedVersion > recordedVersion(db, 'coefficient-sets')) {
      seedCoefficients(db, coefficients, now);
      recordVersion(db, 'coefficient-sets', coefficients.seedVersion, now);
      applied.push('coefficient-sets');
    }
  }).immediate();

  return {
    hardwareVersion: recordedVersion(db, 'hardware-profiles'),
    coefficientsVersion: recordedVersion(db, 'coefficient-sets'),
    applied,
  };
}

function seedHardware(db: Database.Database, seed: HardwareSeed, now: string): void {
  const find = db.prepare('SELECT seeded, user_modified, hidden FROM hardware_profiles WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO hardware_profiles (id, name, device_count, memory_bytes_per_device, peak_flops_per_device,
       default_utilization, price_per_device_hour, source, seeded, seed_version, user_modified, hidden,
       content_hash, created_at, updated_at)
     VALUES (@id, @name, @deviceCount, @memoryBytesPerDevice, @peakFlopsPerDevice, @defaultUtilization,
       @pricePerDeviceHour, @source, 1, @seedVersion, 0, 0, @contentHash, @now, @now)`,
  );
  const correct = db.prepare(
    `UPDATE hardware_profiles SET name = @name, device_count = @deviceCount,
       memory_bytes_per_device = @memoryBytesPerDevice, peak_flops_per_device = @peakFlopsPerDevice,
       default_utilization = @defaultUtilization, price_per_device_hour = @pricePerDeviceHour,
       source = @source, seed_version = @seedVersion, content_hash = @contentHash, updated_at = @now
     WHERE id = @id`,
  );
  for (const p of seed.profiles) {
    const existing = find.get(p.id) as { seeded: number; user_modified: number; hidden: number } | undefined;
    const params = { ...p, seedVersion: seed.seedVersion, contentHash: hardwareHash(p), now };
    if (!existing) insert.run(params);
    // user-made, user-edited or user-deleted rows win over a later seed
    else if (existing.seeded === 1 && existing.user_modified === 0 && existing.hidden === 0) {
      const current = db.prepare('SELECT content_hash, name, source FROM hardware_profiles WHERE id = ?').get(p.id) as
        | { content_hash: string; name: string; source: string }
        | undefined;
      if (current?.content_hash !== params.contentHash || current.name !== p.name || current.source !== p.source) {
        correct.run(params);
      }
    }
  }
}

function seedCoefficients(db: Database.Database, seed: CoefficientSeed, now: string): void {
  const find = db.prepare('SELECT published, content_hash, name, citation, provenance, source, notes FROM coefficient_sets WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO coefficient_sets (id, law, name, citation, provenance, source, values_json, notes, published,
       seed_version, derived_from, content_hash, created_at, updated_at)
     VALUES (@id, @law, @name, @citation, @provenance, @source, @valuesJson, @notes, 1, @seedVersion, NULL,
       @contentHash, @now, @now)`,
  );
  const correct = db.prepare(
    `UPDATE coefficient_sets SET law = @law, name = @name, citation = @citation, provenance = @provenance,
       source = @source, values_json = @valuesJson, notes = @notes, seed_version = @seedVersion,
       content_hash = @contentHash, updated_at = @now
     WHERE id = @id AND published = 1`,
  );
  for (const s of seed.sets) {
    const existing = find.get(s.id) as
      | { published: number; content_hash: string; name: string; citation: string; provenance: string; source: string; notes: string }
      | undefined;
    const params = {
      ...s,
      valuesJson: JSON.stringify(s.values),
      seedVersion: seed.seedVersion,
      contentHash: coefficientHash(s),
      now,
    };
    if (!existing) insert.run(params);
    else if (existing.published === 1) {
      const same =
        existing.content_hash === params.contentHash &&
        existing.name === s.name &&
        existing.citation === s.citation &&
        existing.provenance === s.provenance &&
        existing.source === s.source &&
        existing.notes === s.notes;
      if (!same) correct.run(params);
    }
    // a user row holding a published id (should not happen: user ids are UUIDs) is left alone
  }
}
