/**
 * The whole contract from the command line: `call` runs any channel, `batch` runs many in one
 * process (one JSON request per line in, one JSON envelope per line out), `schema` prints the
 * JSON Schemas generated from the contract. All go through the same dispatch as the desktop
 * app and the browser mode: the same validation, the same typed errors.
 */
import { CHANNEL_NAMES, isChannelName } from '../../ipc/contract/names';
import type { Envelope } from '../../ipc/contract';
import { UsageError } from '../args';
import { exitCodeOf, tool, type Caller, type CliIo } from '../command';

async function readAll(io: CliIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin()) text += chunk;
  return text;
}

/** Lines of standard input as they arrive (a trailing "\r" dropped), without holding the whole input. */
export async function* stdinLines(io: CliIo): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of io.stdin()) {
    pending += chunk;
    let start = 0;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', start)) {
      yield pending.slice(start, nl).replace(/\r$/, '');
      start = nl + 1;
    }
    pending = pending.slice(start);
  }
  if (pending !== '') yield pending.replace(/\r$/, '');
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what} is not JSON: ${(err as Error).message}`);
  }
}

/** call and schema always print JSON; --json is accepted so a habit does not become an error. */
const alwaysJson = { json: { kind: 'boolean' as const, description: 'The output is always JSON (accepted, changes nothing)' } };

const channelList = () => `Channels: ${CHANNEL_NAMES.join(', ')}`;

function checkChannel(name: string): void {
  if (!isChannelName(name)) throw new UsageError(`unknown channel "${name}". ${channelList()}`);
}

interface LineWriter {
  /** Queues a line; returns a promise when the output is full and must drain first. */
  push: (line: string) => Promise<void> | undefined;
  flush: () => Promise<void> | undefined;
}

/**
 * Responses are written in blocks of about 1 MiB rather than one write per line (a batch of
 * 10,000 responses of ~23 kB is one process, not 10,000 syscalls); when the stream's buffer is
 * full (a slow reader on a pipe) the batch waits for it to drain instead of piling up memory.
 */
export function bufferedWriter(io: CliIo, limit = 1 << 20): LineWriter {
  if (io.writeBytes) return byteWriter(io, io.writeBytes.bind(io), limit);
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (!parts.length) return undefined;
    const full = io.write(parts.join('')) === false;
    parts = [];
    size = 0;
    return full && io.drained ? io.drained() : undefined;
  };
  return {
    push: (line) => {
      parts.push(line);
      size += line.length;
      return size >= limit ? flush() : undefined;
    },
    flush,
  };
}

/** Lines encoded as UTF-8 straight into the block that is written: no joined string, no second encoding by the stream. */
function byteWriter(io: CliIo, writeBytes: (b: Uint8Array) => void | boolean, limit: number): LineWriter {
  let block = Buffer.allocUnsafe(limit);
  let used = 0;
  const send = (bytes: Uint8Array) => {
    const full = writeBytes(bytes) === false;
    return full && io.drained ? io.drained() : undefined;
  };
  const flush = () => {
    if (used === 0) return undefined;
    const bytes = block.subarray(0, used);
    // The stream may hold on to what it was given: the next lines go into a fresh block.
    block = Buffer.allocUnsafe(limit);
    used = 0;
    return send(bytes);
  };
  return {
    push: (line) => {
      // A UTF-16 code unit takes at most 3 bytes in UTF-8.
      if (used + 3 * line.length > limit) {
        const drained = flush();
        if (3 * line.length > limit) return drained ? drained.then(() => send(Buffer.from(line, 'utf8'))) : send(Buffer.from(line, 'utf8'));
        if (drained) return drained.then(() => void (used += block.write(line, used, 'utf8')));
      }
      used += block.write(line, used, 'utf8');
      return undefined;
    },
    flush,
  };
}

export const contractCommands = [
  tool({
    words: ['call'],
    summary: 'Run any contract channel with a JSON request (or - to read it from standard input); prints the JSON response',
    flags: alwaysJson,
    positionals: [
      { name: 'CHANNEL', description: 'A contract channel, e.g. plan.compute (moe-workbench schema lists them with their request shapes)' },
      { name: 'REQUEST', description: 'The request as JSON, or - to read it from standard input (default {})', optional: true },
    ],
    example: `call plan.compute '{"flops":1e22,"experts":[1,8,64]}'`,
    run: async ({ positionals, io, call }) => {
      const [channel, raw] = positionals as [string, string | undefined];
      checkChannel(channel);
      const text = raw === '-' ? await readAll(io) : raw;
      const request = text === undefined || text.trim() === '' ? {} : parseJson(text, raw === '-' ? 'standard input' : 'REQUEST');
      const envelope = await call(channel, request);
      if (!envelope.ok) {
        io.write(JSON.stringify({ error: envelope.error }, null, 2) + '\n');
        return exitCodeOf(envelope.error.code);
      }
      io.write(JSON.stringify(envelope.value, null, 2) + '\n');
      return 0;
    },
  }),
  tool({
    words: ['batch'],
    summary: 'Run many requests in one process: reads {"channel": …, "request": …} per line, writes one JSON envelope per line, in order',
    flags: {},
    example: 'batch < requests.jsonl > responses.jsonl',
    run: async ({ io, call }) => {
      const out = bufferedWriter(io);
      let line = 0;
      let failed = 0;
      for await (const text of stdinLines(io)) {
        line++;
        if (text.trim() === '') continue;
        const envelope = await runLine(text, line, call);
        if (!envelope.ok) failed++;
        const full = out.push(JSON.stringify(envelope) + '\n');
        if (full) await full;
      }
      await out.flush();
      if (failed) io.error(`batch: ${failed} of the requests failed (their lines carry "ok": false)\n`);
      return failed ? 1 : 0;
    },
  }),
  tool({
    words: ['schema'],
    summary: "JSON Schema of a channel's request and response (of every channel without one), generated from the contract",
    flags: alwaysJson,
    positionals: [{ name: 'CHANNEL', description: 'A contract channel, e.g. plan.compute; all channels when left out', optional: true }],
    example: 'schema plan.compute',
    run: async ({ positionals, io }) => {
      const [channel] = positionals;
      if (channel !== undefined) checkChannel(channel);
      const { schemaDocument } = await import('../json-schema');
      io.write(JSON.stringify(schemaDocument(channel as never), null, 2) + '\n');
      return 0;
    },
  }),
];

/** One batch line: `{"channel", "request", "id"?}`; a malformed line is answered with an error envelope, never skipped. */
async function runLine(text: string, line: number, call: Caller): Promise<Envelope<unknown> & { id?: unknown }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: { code: 'invalid-request', message: `line ${line}: not JSON: ${(err as Error).message}` } };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof (parsed as { channel?: unknown }).channel !== 'string') {
    return { ok: false, error: { code: 'invalid-request', message: `line ${line}: expected {"channel": "…", "request": {…}}`, path: ['channel'] } };
  }
  const { channel, request, id } = parsed as { channel: string; request?: unknown; id?: unknown };
  const envelope = await call(channel, request ?? {});
  // An "id" given with the request comes back with its answer, to join them without counting lines.
  return id === undefined ? envelope : { id, ...envelope };
}
