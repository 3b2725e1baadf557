/**
 * An import's scenarios as the bytes its INSERT statements read, made where the file is checked
 * (the import's worker thread, or this thread in prepareHere), so the thread that owns the store's
 * connection only cuts them into chunks and hands them to SQLite: it builds no row objects and no
 * JSON, allocates next to nothing on its heap per chunk, and so is not the one collecting the
 * garbage of ten thousand scenarios while other requests wait for it.
 *
 * What a row holds that depends on this database (which profiles and sets the import re-ids, the
 * content hashes an older file's scenarios take as "current") is decided by the store's thread from
 * the file's head and sent back as an ImportPlan before the first row is made. No database here.
 */
import { nameAllocator } from './context';
import { timeOrderedId } from './ids';
import { fingerprint, type JsonValue } from './json-value';
import type { PreparedScenario } from './project-file';
import { normaliseTags } from './validation';

/** What an import re-ids: a file's profile or set id to the id it gets here. */
export interface ReferenceMaps {
  hardware: Map<string, string>;
  coefficients: Map<string, string>;
}

/** How the file's references land in this database (structured-clone safe: it crosses to the worker). */
export interface ImportPlan {
  /** File id → id here, for the profiles and sets the import adds under a new id. */
  hardware: Array<[string, string]>;
  coefficients: Array<[string, string]>;
  /** Content hash of every profile and set a scenario may point at once the import publishes (others: none). */
  hardwareHashes: Array<[string, string]>;
  coefficientHashes: Array<[string, string]>;
}

/**
 * Consecutive rows as UTF-8: each scenario's row (a JSON array, see ROW_COLUMNS) and each of its
 * tags (`["id","tag"]`) followed by a comma; `*Ends[i]` is where scenario i's bytes end.
 */
export interface EncodedRows {
  ids: string[];
  scenarios: Uint8Array;
  scenarioEnds: Uint32Array;
  tags: Uint8Array;
  tagEnds: Uint32Array;
}

/** Rows for one chunk's statements: JSON arrays as UTF-8 (tags null when none has any), and their new ids. */
export interface RowSlice {
  count: number;
  ids: string[];
  scenarios: Buffer;
  tags: Buffer | null;
}

/** The scenarios columns a row carries, in its order (the project id is bound apart: the staged project's). */
export const ROW_COLUMNS = [
  'id',
  'name',
  'wizard',
  'inputs_json',
  'results_json',
  'inputs_fingerprint',
  'notes',
  'hardware_profile_id',
  'hardware_profile_hash',
  'coefficient_set_id',
  'coefficient_set_hash',
  'created_at',
  'updated_at',
] as const;

/** Ids inside inputs under these keys are rewritten when an import has to re-id a profile or set. */
export const REFERENCE_KEYS = { hardwareProfileId: 'hardware', coefficientSetId: 'coefficients' } as const;

function remapReferences(value: JsonValue, maps: ReferenceMaps): JsonValue {
  if (Array.isArray(value)) return value.map((v) => remapReferences(v, maps));
  if (value === null || typeof value !== 'object') return value;
  const out: { [k: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) {
    const kind = REFERENCE_KEYS[k as keyof typeof REFERENCE_KEYS] as 'hardware' | 'coefficients' | undefined;
    out[k] = kind && typeof v === 'string' ? (maps[kind].get(v) ?? v) : remapReferences(v, maps);
  }
  return out;
}

/** A prepared scenario whose inputs name re-id'd profiles or sets, with those ids rewritten. */
function remapPrepared(s: PreparedScenario, maps: ReferenceMaps): PreparedScenario {
  if (!s.refersById || (maps.hardware.size === 0 && maps.coefficients.size === 0)) return s;
  const inputs = remapReferences(JSON.parse(s.inputsJson) as JsonValue, maps);
  return { ...s, inputsJson: JSON.stringify(inputs), inputsFingerprint: fingerprint(inputs) };
}

const encoder = new TextEncoder();

function encode(parts: string[]): { bytes: Uint8Array; ends: Uint32Array } {
  const ends = new Uint32Array(parts.length);
  let at = 0;
  parts.forEach((p, i) => (ends[i] = at += Buffer.byteLength(p)));
  return { bytes: encoder.encode(parts.join('')), ends };
}

/**
 * Makes the rows of an import's scenarios, in file order, under `plan`: new time-ordered ids,
 * names made unique within the project ("Plan", "Plan (2)" …), references and hashes as they will
 * be here. One encoder per import: it keeps the names already given.
 */
export function rowEncoder(plan: ImportPlan): (batch: readonly PreparedScenario[]) => EncodedRows {
  const maps: ReferenceMaps = { hardware: new Map(plan.hardware), coefficients: new Map(plan.coefficients) };
  const hashes = { hardware: new Map(plan.hardwareHashes), coefficients: new Map(plan.coefficientHashes) };
  const uniqueName = nameAllocator([]);
  return (batch) => {
    const ids: string[] = [];
    const rows: string[] = [];
    const tags: string[] = [];
    for (const prepared of batch) {
      const s = remapPrepared(prepared, maps);
      const id = timeOrderedId();
      const hardwareProfileId = s.hardwareProfileId === null ? null : (maps.hardware.get(s.hardwareProfileId) ?? s.hardwareProfileId);
      const coefficientSetId = s.coefficientSetId === null ? null : (maps.coefficients.get(s.coefficientSetId) ?? s.coefficientSetId);
      // no hash in the file (an older format): the snapshot counts as taken with what it points at now
      const hardwareProfileHash = s.hardwareProfileHash !== undefined ? s.hardwareProfileHash : hardwareProfileId === null ? null : (hashes.hardware.get(hardwareProfileId) ?? null);
      const coefficientSetHash = s.coefficientSetHash !== undefined ? s.coefficientSetHash : coefficientSetId === null ? null : (hashes.coefficients.get(coefficientSetId) ?? null);
      ids.push(id);
      rows.push(
        `${JSON.stringify([id, uniqueName(s.name), s.wizard, s.inputsJson, s.resultsJson, s.inputsFingerprint, s.notes, hardwareProfileId, hardwareProfileHash, coefficientSetId, coefficientSetHash, s.createdAt, s.updatedAt])},`,
      );
      tags.push(normaliseTags(s.tags).map((t) => `${JSON.stringify([id, t])},`).join(''));
    }
    const scenarios = encode(rows);
    const tagged = encode(tags);
    return { ids, scenarios: scenarios.bytes, scenarioEnds: scenarios.ends, tags: tagged.bytes, tagEnds: tagged.ends };
  };
}

const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');

/**
 * Encoded rows as they arrive, cut into slices of whole scenarios: a slice's bytes are views of
 * the arrived ones between a bracket and a bracket (its trailing comma dropped), copied once.
 */
export function rowQueue() {
  const queue: Array<{ rows: EncodedRows; next: number }> = [];
  let size = 0;
  return {
    /** Scenarios waiting to be taken. */
    get size(): number {
      return size;
    },
    push(rows: EncodedRows): void {
      queue.push({ rows, next: 0 });
      size += rows.ids.length;
    },
    /** The next `max` scenarios or all there are, fewer than `max` when fewer are waiting. */
    take(max: number): RowSlice {
      const ids: string[] = [];
      const scenarios: Uint8Array[] = [OPEN];
      const tags: Uint8Array[] = [OPEN];
      let tagBytes = 0;
      while (queue.length && ids.length < max) {
        const head = queue[0]!;
        const { rows } = head;
        const from = head.next;
        const to = Math.min(rows.ids.length, from + (max - ids.length));
        const start = (ends: Uint32Array) => (from === 0 ? 0 : ends[from - 1]!);
        ids.push(...rows.ids.slice(from, to));
        scenarios.push(rows.scenarios.subarray(start(rows.scenarioEnds), rows.scenarioEnds[to - 1]));
        const t = rows.tags.subarray(start(rows.tagEnds), rows.tagEnds[to - 1]);
        tags.push(t);
        tagBytes += t.length;
        head.next = to;
        if (to === rows.ids.length) queue.shift();
      }
      size -= ids.length;
      return { count: ids.length, ids, scenarios: closed(scenarios), tags: tagBytes ? closed(tags) : null };
    },
  };
}

/** `[` and rows each ending in a comma, as one JSON array: the last comma becomes the `]`. */
function closed(parts: Uint8Array[]): Buffer {
  const bytes = Buffer.concat(parts);
  if (bytes.length === 1) return Buffer.concat([bytes, CLOSE]);
  bytes[bytes.length - 1] = CLOSE[0]!;
  return bytes;
}
