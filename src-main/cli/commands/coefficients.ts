/**
 * The Coefficients page's editor as commands: `coefficients create` (from a JSON file such as
 * `coefficients show ID --json` prints, and/or `--set name=value,…`), `coefficients update ID`,
 * `coefficients duplicate ID` (a published set included) and `coefficients delete ID`.
 */
import * as fmt from '../../format';
import { parseNumber, parseWordList } from '../../format';
import type { ResponseOf } from '../../ipc/contract';
import { UsageError, type FlagSpec, type FlagValues } from '../args';
import { command, type Caller } from '../command';
import { readTextFile } from '../files';
import { joinBlocks, table } from '../text';

export const LAWS = ['joint', 'leverage', 'comprehensive', 'dense-moe', 'chinchilla'] as const;

/** `--set A=406.4,B=410.7`: each value read as a number, a bad pair named. */
function assignments(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of parseWordList(text)) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq).trim();
    if (eq < 1 || key === '') throw new UsageError(`--set: "${pair}" is not name=value (e.g. --set A=406.4,alpha=0.34)`);
    if (key in out) throw new UsageError(`--set: ${key} is given twice`);
    const r = parseNumber(pair.slice(eq + 1).trim(), `--set ${key}`);
    if (!r.ok) throw new UsageError(r.message);
    out[key] = r.value;
  }
  return out;
}

/** What a --from file holds: a set as `coefficients show ID --json` prints it (law, name, values, notes…), or its values alone. */
interface SetFile {
  law?: unknown;
  name?: unknown;
  notes?: unknown;
  values: Record<string, unknown>;
}

function readSetFile(path: string): SetFile {
  const text = readTextFile(path, '--from');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--from "${path}": not JSON (${(err as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new UsageError(`--from "${path}": expected a JSON object, a coefficient set or its values`);
  const o = doc as Record<string, unknown>;
  if ('values' in o) {
    if (typeof o.values !== 'object' || o.values === null || Array.isArray(o.values)) throw new UsageError(`--from "${path}": "values" must be an object of name: number`);
    return { law: o.law, name: o.name, notes: o.notes, values: o.values as Record<string, unknown> };
  }
  return { values: o };
}

/** The values the options give: the file's, with --set's on top; none at all is refused when `required`. */
function valuesOf(v: FlagValues, file: SetFile | null, required: boolean): Record<string, unknown> | undefined {
  const set = v.set !== undefined ? assignments(String(v.set)) : {};
  if (!file && v.set === undefined) {
    if (required) throw new UsageError('give the values: --from FILE (a set as "coefficients show ID --json" prints it, or its values) and/or --set name=value,…');
    return undefined;
  }
  return { ...(file?.values ?? {}), ...set };
}

const valueFlags: Record<string, FlagSpec> = {
  from: { kind: 'string', unit: 'file', description: 'JSON file of the set (as "coefficients show ID --json" prints it) or of its values alone, {"A": 406.4, …}', field: 'values' },
  set: { kind: 'string', unit: 'name=value,…', description: 'Values by name, e.g. A=406.4,alpha=0.34 (on top of --from\'s)', field: 'values' },
  notes: { kind: 'string', unit: 'text', description: 'Notes of the set' },
};

/** A set's values as a table, each written as its source printed it (six significant digits at most; --json keeps them raw). */
export const valuesTable = (values: Readonly<Record<string, number>>) => table(['coefficient', 'value'], Object.entries(values).map(([k, v]) => [k, fmt.coefficient(v, 6)]));

/** The set as saved: its values through format, and how a command uses it. */
function savedText(verb: string, s: ResponseOf<'coefficients.create'>): string {
  return joinBlocks(
    `${verb} coefficient set "${s.name}" [${s.id}] — ${s.law} law, ${s.provenance}`,
    valuesTable(s.values),
    `Use it with --coefficients ${s.id} (see: law ${s.law} --help).`,
  );
}

async function updateRequest(v: FlagValues, [id]: string[], call: Caller): Promise<Record<string, unknown>> {
  const file = v.from !== undefined ? readSetFile(String(v.from)) : null;
  const given = valuesOf(v, file, false);
  const request: Record<string, unknown> = {};
  if (v.name !== undefined) request.name = v.name;
  if (v.notes !== undefined) request.notes = v.notes;
  if (given) {
    // coefficients.update replaces the values: the set's own fill in what the options leave out.
    const env = await call('coefficients.get', { id });
    const current = env.ok ? (env.value as ResponseOf<'coefficients.get'>).values : {};
    request.values = { ...current, ...given };
  }
  if (Object.keys(request).length === 0) throw new UsageError('nothing to change: give --name, --notes, --from FILE or --set name=value,…');
  return request;
}

export const coefficientCommands = [
  command({
    words: ['coefficients', 'create'],
    summary: 'Save a coefficient set of your own numbers (from a JSON file and/or --set name=value,…) for every page and command',
    channel: 'coefficients.create',
    example: 'coefficients create --law chinchilla --name "Chinchilla, E = 1.8" --set A=406.4,B=410.7,E=1.8,alpha=0.34,beta=0.28',
    flags: {
      law: { kind: 'string', description: `The law the values are for (default: the file's): ${LAWS.join(', ')}`, choices: LAWS },
      name: { kind: 'string', unit: 'name', description: "Name of the set (default: the file's)" },
      ...valueFlags,
      citation: { kind: 'string', unit: 'text', description: 'Where the numbers come from' },
    },
    toRequest: (v) => {
      const file = v.from !== undefined ? readSetFile(String(v.from)) : null;
      const values = valuesOf(v, file, true);
      const law = v.law ?? file?.law;
      const name = v.name ?? file?.name;
      if (law === undefined) throw new UsageError('give --law (the file does not say which law)');
      if (name === undefined) throw new UsageError('give --name (the file does not name the set)');
      const notes = v.notes ?? file?.notes;
      return { law, name, values, provenance: 'user-edited', ...(notes !== undefined ? { notes } : {}), ...(v.citation !== undefined ? { citation: v.citation } : {}) };
    },
    format: (s) => savedText('Created', s),
  }),
  command({
    words: ['coefficients', 'update'],
    summary: 'Edit a user coefficient set: its name, notes or values (those not given keep theirs; published sets are read-only)',
    channel: 'coefficients.update',
    example: 'coefficients update USER_SET_ID --set E=1.75 --notes "E from our 1e21 runs"',
    flags: { name: { kind: 'string', unit: 'name', description: 'New name' }, ...valueFlags },
    positionals: [{ name: 'ID', field: 'id', description: 'the coefficient set id (see: coefficients list)' }],
    toRequest: updateRequest,
    format: (s) => savedText('Updated', s),
  }),
  command({
    words: ['coefficients', 'duplicate'],
    summary: 'Copy a coefficient set (published ones included) as a user set to edit',
    channel: 'coefficients.duplicate',
    example: 'coefficients duplicate hoffmann2022 --name "Chinchilla, my copy"',
    flags: {
      name: { kind: 'string', unit: 'text', description: 'Name of the copy (default: the name with a number)' },
      notes: { kind: 'string', unit: 'text', description: 'Notes of the copy' },
    },
    positionals: [{ name: 'ID', field: 'id', description: 'the coefficient set id (see: coefficients list)' }],
    format: (s) => `Copied to coefficient set "${s.name}" [${s.id}] — ${s.law} law, ${s.provenance}`,
  }),
  command({
    words: ['coefficients', 'delete'],
    summary: 'Delete a user coefficient set (published sets are read-only)',
    channel: 'coefficients.delete',
    example: 'coefficients delete SET_ID',
    flags: {},
    positionals: [{ name: 'ID', field: 'id', description: 'the coefficient set id (see: coefficients list)' }],
    format: (r) => `Deleted coefficient set ${r.deleted}`,
  }),
];
