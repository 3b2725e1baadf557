/**
 * `call`, `batch` and `schema`, in-process: the whole contract from the command line, with the
 * same validation and typed errors as the other transports.
 */
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract } from '../../../src-main/ipc/contract';
import { COMMANDS } from '../../../src-main/cli/commands';
import { runCli } from '../../../src-main/cli/run';
import { bufferedWriter } from '../../../src-main/cli/commands/contract';
import type { CliIo } from '../../../src-main/cli/command';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { cli, cliJson, cliWithStdin, ctx } from './run-cli';

type Json = Record<string, any>;

/**
 * A small JSON Schema checker, written here so the generated schema is checked by something
 * other than zod: type, enum, const, required, properties, additionalProperties, items,
 * anyOf/oneOf, minimum/maximum, $ref into $defs. Returns the problems found, with their path.
 */
function check(schema: Json, value: unknown, root: Json = schema, path = '$'): string[] {
  if (schema === undefined || Object.keys(schema).length === 0) return [];
  if (schema.$ref) {
    const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
    if (name === undefined && schema.$ref !== '#') return [`${path}: unsupported $ref ${schema.$ref}`];
    return check(name === undefined ? root : root.$defs[name], value, root, path);
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (schema[key]) {
      const passing = (schema[key] as Json[]).filter((s) => check(s, value, root, path).length === 0).length;
      if (key === 'anyOf' ? passing === 0 : passing !== 1) return [`${path}: ${passing} of the ${key} branches match`];
    }
  }
  const problems: string[] = [];
  if (schema.allOf) for (const s of schema.allOf as Json[]) problems.push(...check(s, value, root, path));
  if ('const' in schema && value !== schema.const) problems.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) problems.push(`${path}: ${JSON.stringify(value)} not in enum`);
  const types: string[] | undefined = schema.type === undefined ? undefined : [schema.type].flat();
  if (types) {
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    const ok = types.some((t) => t === actual || (t === 'integer' && Number.isInteger(value)) || (t === 'number' && actual === 'number'));
    if (!ok) return [...problems, `${path}: expected ${types.join('|')}, got ${actual}`];
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path}: below minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path}: above maximum`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) problems.push(`${path}: not above exclusiveMinimum`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => problems.push(...check(schema.items, v, root, `${path}[${i}]`)));
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Json;
    for (const k of (schema.required as string[] | undefined) ?? []) if (!(k in obj)) problems.push(`${path}: missing required ${k}`);
    const props = (schema.properties as Json | undefined) ?? {};
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) problems.push(...check(props[k], v, root, `${path}.${k}`));
      else if (schema.additionalProperties === false) problems.push(`${path}: unexpected property ${k}`);
      else if (typeof schema.additionalProperties === 'object') problems.push(...check(schema.additionalProperties, v, root, `${path}.${k}`));
    }
  }
  return problems;
}

describe('moe-workbench schema', () => {
  it("plan.compute's response schema validates the CLI's own `plan compute --json` output", async () => {
    const doc = await cliJson('schema', 'plan.compute');
    expect(doc.schemaVersion).toBe(1);
    expect(doc.channel).toBe('plan.compute');
    const out = await cliJson('plan', 'compute', '--flops', '1e22');
    expect(check(doc.response, out)).toEqual([]);
    // …and it is not a schema that accepts anything: a candidate whose loss is text (it then matches neither the
    // feasible nor the infeasible form), or a plan without candidates, fails it.
    const broken = structuredClone(out);
    broken.candidates[0].loss = 'low';
    expect(check(doc.response, broken)).toEqual(['$.candidates[0]: 0 of the oneOf branches match']);
    const { candidates: _dropped, ...withoutCandidates } = out;
    expect(check(doc.response, withoutCandidates)).toContain('$: missing required candidates');
    // zod agrees: the output is a valid plan.compute response.
    expect(contract['plan.compute'].response.safeParse(out).success).toBe(true);
  });

  it("every named command's --json output is valid under its channel's response schema", async () => {
    const all = await cliJson('schema');
    // The commands whose example runs as written (no saved ids, no files), with --json.
    const runnable = COMMANDS.filter((c) => c.channel && !c.json && !/[A-Z]{2,}_ID|\.csv|\.pdf|\.json|\.sqlite|--save/.test(c.example));
    expect(runnable.length).toBeGreaterThan(15);
    for (const c of runnable) {
      const argv = [...c.example.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!).filter((w) => w !== '--json');
      const out = await cliJson(...argv);
      expect(check(all.channels[c.channel!].response, out), c.example).toEqual([]);
    }
  });

  it('describes a request as a caller sends it: fields with defaults are optional', async () => {
    const { request } = await cliJson('schema', 'plan.compute');
    expect(request.required).toEqual(['flops']);
    expect(request.properties.kvTokens.default).toBe(16384);
    expect(check(request, { flops: 1e22 })).toEqual([]);
    expect(check(request, { flops: '1e22' })).not.toEqual([]);
  });

  it('without a channel prints every channel, and refuses an unknown one', async () => {
    const all = await cliJson('schema');
    expect(Object.keys(all.channels).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const c of CHANNEL_NAMES) expect(all.channels[c].response.$schema, c).toMatch(/json-schema\.org/);
    expect(all.error.properties.code.enum).toContain('invalid-request');
    const bad = await cli('schema', 'plan.nothing');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown channel "plan\.nothing"/);
  });
});

describe('moe-workbench call', () => {
  it('runs a channel from a JSON argument or from standard input, like the named command', async () => {
    const named = await cliJson('plan', 'compute', '--flops', '3e21', '--experts', '1,8');
    const r = await cli('call', 'plan.compute', '{"flops": 3e21, "experts": [1, 8]}');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(named);
    const piped = await cliWithStdin('{"flops": 3e21, "experts": [1, 8]}', 'call', 'plan.compute', '-');
    expect(JSON.parse(piped.stdout)).toEqual(named);
    // A channel without a named command: leverage.reference takes an empty request.
    const ref = await cli('call', 'leverage.reference');
    expect(ref.code, ref.stderr).toBe(0);
  });

  it('returns the typed error with its field and exits 2 for a bad request, 1 for a missing record', async () => {
    const bad = await cli('call', 'plan.compute', '{"flops": -1}');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error).toMatchObject({ code: 'invalid-request', path: ['flops'] });
    const missing = await cli('call', 'scenarios.get', '{"id": "no-such-scenario"}');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('not-found');
    const notJson = await cli('call', 'plan.compute', '{flops: 1}');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/REQUEST is not JSON/);
  });
});

describe('moe-workbench batch', () => {
  it('answers one envelope per request line, in order, errors included, ids echoed', async () => {
    const budgets = [1e20, 1e21, 1e22, 1e23];
    const lines = [
      ...budgets.map((f, i) => JSON.stringify({ channel: 'plan.compute', request: { flops: f, experts: [1, 8] }, id: i })),
      '',
      '{"channel": "plan.compute", "request": {"flops": 0}}',
      'this is not json',
      '{"request": {}}',
      JSON.stringify({ channel: 'law.chinchilla', request: { params: 70e9, tokens: 1.4e12, coefficientSetId: 'hoffmann2022' } }),
    ];
    const r = await cliWithStdin(lines.join('\r\n') + '\n', 'batch');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/3 of the requests failed/);
    const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Json);
    expect(out).toHaveLength(8);
    for (const [i, f] of budgets.entries()) {
      expect(out[i]).toMatchObject({ id: i, ok: true });
      expect(out[i]!.value.flops).toBe(f);
      expect(out[i]!.value).toEqual(await cliJson('plan', 'compute', '--flops', String(f), '--experts', '1,8'));
    }
    expect(out[4]).toMatchObject({ ok: false, error: { code: 'invalid-request', path: ['flops'] } });
    expect(out[5]).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(out[5]!.error.message).toMatch(/^line 7: not JSON/);
    expect(out[6]!.error.message).toMatch(/^line 8: expected \{"channel"/);
    // L = E + A/N^α + B/D^β with Hoffmann et al.'s published values.
    expect(out[7]!.value.loss).toBeCloseTo(1.69 + 406.4 / 70e9 ** 0.34 + 410.7 / 1.4e12 ** 0.28, 10);
  });

  it('exits 0 when every request succeeds, and runs store requests in order (create, then list)', async () => {
    const lines = [
      { channel: 'projects.create', request: { name: 'Batch project' } },
      { channel: 'projects.list', request: { search: 'Batch project' } },
    ].map((l) => JSON.stringify(l));
    const r = await cliWithStdin(lines.join('\n'), 'batch');
    expect(r.code, r.stderr).toBe(0);
    const [created, listed] = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Json);
    expect(listed!.value.items.map((p: Json) => p.id)).toEqual([created!.value.id]);
  });

  it('writes byte for byte what dispatch answers for each request, the same as call answers it', async () => {
    const requests = [1e19, 3e20, 1e22, 7e23, 1e25].map((flops) => ({ channel: 'plan.compute', request: { flops } }));
    requests.push({ channel: 'plan.compute', request: { flops: -1 } });
    const r = await cliWithStdin(requests.map((q) => JSON.stringify(q)).join('\n'), 'batch');
    const expected = await Promise.all(requests.map((q) => dispatch(handlers, ctx, q.channel, q.request)));
    expect(r.stdout).toBe(expected.map((e) => JSON.stringify(e) + '\n').join(''));
    const called = await cli('call', 'plan.compute', JSON.stringify(requests[2]!.request));
    expect(JSON.parse(r.stdout.split('\n')[2]!).value).toEqual(JSON.parse(called.stdout));
  });

  it('waits for a full output stream to drain before writing more, and loses nothing', async () => {
    const count = 120; // ~2.7 MB of responses: more than one 1 MiB block
    const stdin = Array.from({ length: count }, (_, i) => JSON.stringify({ channel: 'plan.compute', request: { flops: 1e20 * (i + 1) }, id: i })).join('\n');
    const blocks: string[] = [];
    let waiting = false;
    let waits = 0;
    const io: CliIo = {
      // A slow reader: every block fills the buffer; writing again before the drain would be a bug.
      write: (t) => {
        if (waiting) throw new Error('wrote while the stream was full');
        blocks.push(t);
        return false;
      },
      error: () => {},
      stdin: async function* () {
        yield stdin;
      },
      drained: () => {
        waiting = true;
        waits++;
        return new Promise((resolve) => setTimeout(() => ((waiting = false), resolve()), 0));
      },
    };
    expect((await runCli(['batch'], ctx, io)).code).toBe(0);
    expect(blocks.length).toBeGreaterThan(1);
    expect(waits).toBe(blocks.length);
    const ids = blocks.join('').trimEnd().split('\n').map((l) => (JSON.parse(l) as Json).id);
    expect(ids).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it('encodes lines as UTF-8 bytes in blocks, the same text as the string path, long lines and full streams included', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `${'x'.repeat(i * 7)}×ó—${i}\n`).concat(['a\n', 'é'.repeat(300) + '\n', 'b\n']);
    const bytes: Buffer[] = [];
    let waiting = false;
    let waits = 0;
    const io: CliIo = {
      write: () => {
        throw new Error('the byte path writes bytes only');
      },
      writeBytes: (b) => {
        if (waiting) throw new Error('wrote while the stream was full');
        bytes.push(Buffer.from(b)); // a copy: the writer must not reuse a block it handed over
        return bytes.length % 2 === 0;
      },
      drained: () => {
        waiting = true;
        waits++;
        return new Promise((resolve) => setTimeout(() => ((waiting = false), resolve()), 0));
      },
      error: () => {},
      stdin: async function* () {},
    };
    const w = bufferedWriter(io, 256);
    for (const l of lines) await w.push(l);
    await w.flush();
    expect(Buffer.concat(bytes).toString('utf8')).toBe(lines.join(''));
    expect(bytes.length).toBeGreaterThan(5);
    // A block holds what fits in 256 bytes; a line that may not fit (3 bytes per code unit) goes out alone.
    expect(bytes.filter((b) => b.length > 256).every((b) => lines.includes(b.toString('utf8')))).toBe(true);
    expect(bytes.some((b) => b.toString('utf8') === lines.at(-2))).toBe(true);
    expect(waits).toBe(Math.ceil(bytes.length / 2));
  });
});
