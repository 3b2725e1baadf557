/**
 * The CLI's logic, separate from process handling so tests can run it in-process:
 * find the command, parse its flags, dispatch through the contract, print text or JSON.
 *
 * Nothing heavy is imported here: the contract, the services (and through them the store,
 * the PDF renderer, the fitter) are loaded by the first command that calls a channel, so
 * `--help` and usage errors answer without them.
 */
import { parseFlags, placeholder, toRequest, UsageError, fieldOf, type FlagSpec, type FlagValues } from './args';
import { exitCodeOf, type Caller, type ChannelCommand, type CliCommand, type CliIo } from './command';
import { COMMANDS } from './commands';
import type { ServiceContext } from '../services';
import type { ResponseOf } from '../ipc/contract';
import { EXPLAINED_CHANNELS, PLAN_EXPLAIN_PARTS, type ExplainedChannel } from '../ipc/contract/names';
import { explanationLines } from '../format/explanation';
import { BYTES_CHOICES, cliBytes } from './text';

export interface CliResult {
  code: number;
  /** What the command printed, when run with the default (capturing) io; empty with processIo(). */
  stdout: string;
  stderr: string;
}

/** A ready context, or how to make one on first use (the process entry opens nothing for --help). */
export type ContextSource = ServiceContext | (() => Promise<ServiceContext>);

export const GLOBAL_FLAGS: Record<string, FlagSpec> = {
  json: { kind: 'boolean', description: "Print the channel's response as JSON with raw numbers (its JSON Schema: moe-workbench schema <channel>)" },
  help: { kind: 'boolean', description: 'Show this help' },
  bytes: {
    kind: 'string',
    description: 'Memory in the text, the sentences the app writes and the PDF as GiB (2³⁰ bytes) or GB (10⁹ bytes); default: the preference saved by the app (moe-workbench preferences)',
    choices: Object.keys(BYTES_CHOICES),
  },
};

/** On the commands whose answer explain.figure explains (laws, plans, memory, deploy check). */
const EXPLAIN_FLAG: FlagSpec = {
  kind: 'boolean',
  description: 'Also print how each figure was computed: its formula, the same with your values substituted, and the citation; for a plan, every candidate, both shapes and the band too (with --json: the explain.figure response instead of the answer)',
};
const PLAN_CHANNELS: readonly string[] = ['plan.compute', 'plan.memory', 'plan.inference'];
const isExplained = (c: string): c is ExplainedChannel => (EXPLAINED_CHANNELS as readonly string[]).includes(c);
/** --explain is offered where explain.figure explains the command's own channel. */
const hasExplanation = (cmd: ChannelCommand) => isExplained(cmd.channel);

/** An io that keeps what is written, and reads `stdin` from the given text. */
export function captureIo(stdin = ''): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    write: (t) => void out.push(t),
    error: (t) => void err.push(t),
    stdin: async function* () {
      if (stdin) yield stdin;
    },
  };
}

/** Runs one command line. `io` defaults to capturing, so the result carries what was printed. */
export async function runCli(argv: readonly string[], context: ContextSource, io?: CliIo): Promise<CliResult> {
  const sink = io ?? captureIo();
  const code = await runWith(argv, context, sink);
  const captured = sink as Partial<ReturnType<typeof captureIo>>;
  return { code, stdout: captured.out?.join('') ?? '', stderr: captured.err?.join('') ?? '' };
}

async function runWith(argv: readonly string[], context: ContextSource, io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    io.write(globalHelp());
    return 0;
  }
  if (argv[0] === 'help') {
    const cmd = findCommand(argv.slice(1));
    io.write(cmd ? commandHelp(cmd) : globalHelp());
    return 0;
  }
  const cmd = findCommand(argv);
  if (!cmd) {
    const words = argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ');
    io.error(`Unknown command "${words}". Run "moe-workbench --help" for the list.\n`);
    return 2;
  }
  let rest = argv.slice(cmd.words.length);
  // Help first: a command's required options must not stand in the way of reading about them.
  if (rest.includes('--help') || rest.includes('-h')) {
    io.write(commandHelp(cmd));
    return 0;
  }
  const name = cmd.words.join(' ');
  const usage = (message: string) => {
    io.error(`${name}: ${message}\n`);
    return 2;
  };
  const positionals: string[] = [];
  for (const p of cmd.positionals ?? []) {
    // `-` alone is a value (read standard input), not an option.
    if (rest[0] !== undefined && (!rest[0].startsWith('--') || rest[0] === '-')) {
      positionals.push(rest[0]);
      rest = rest.slice(1);
    } else if (!p.optional) {
      return usage(`missing ${p.name} (${p.description})`);
    }
  }
  let values: FlagValues;
  try {
    values = parseFlags(rest, { ...cmd.flags, ...globalFlags(cmd) });
  } catch (err) {
    if (err instanceof UsageError) return usage(err.message);
    throw err;
  }
  const base = memo(typeof context === 'function' ? context : async () => context);
  // --bytes also reaches the services, so the sentences they write (warnings, sources) match the text around them.
  const ctx = values.bytes === undefined ? base : memo(async () => ({ ...(await base()), byteConvention: cliBytes(values) }));
  const call = caller(ctx);
  if (!cmd.channel) {
    try {
      return await cmd.run({ values, positionals, io, call, context: ctx });
    } catch (err) {
      if (err instanceof UsageError) return usage(err.message);
      throw err;
    }
  }
  return runChannelCommand(cmd, values, positionals, io, call);
}

async function runChannelCommand(cmd: ChannelCommand, values: FlagValues, positionals: string[], io: CliIo, call: Caller): Promise<number> {
  const name = cmd.words.join(' ');
  let request: Record<string, unknown>;
  try {
    // A command's toRequest may read a file its flag names (e.g. fit --runs) and say why it cannot.
    request = cmd.toRequest ? await cmd.toRequest(values, positionals, call) : toRequest(values, cmd.flags, [...Object.keys(GLOBAL_FLAGS), 'explain']);
  } catch (err) {
    if (err instanceof UsageError) {
      io.error(`${name}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  (cmd.positionals ?? []).forEach((p, i) => {
    if (p.field && positionals[i] !== undefined) request[p.field] = positionals[i];
  });
  const envelope = await call(cmd.channel, request);
  if (!envelope.ok) {
    const { error } = envelope;
    const flag = flagForPath(cmd, error.path);
    const where = flag ? ` (option --${flag})` : '';
    const code = exitCodeOf(error.code);
    if (values.json) io.write(JSON.stringify({ error }, null, 2) + '\n');
    else io.error(`${name}: ${fileNamed(cmd, positionals, error)}${where}\n`);
    return code;
  }
  let value = envelope.value as never;
  let code = 0;
  if (values.bytes === undefined && !values.json) values = { ...values, bytes: await savedBytes(call) };
  if (cmd.complete) {
    try {
      ({ value, code } = (await cmd.complete(value, request, call, io)) as { value: never; code: number });
    } catch (err) {
      io.error(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }
  if (cmd.after) {
    try {
      await cmd.after(value, values, call, io, request);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      io.error(`${name}: ${message}\n`);
      return err instanceof UsageError ? 2 : 1;
    }
  }
  if (values.explain && hasExplanation(cmd)) return printExplanation(cmd, request, value, values, io, call);
  io.write((values.json ? JSON.stringify(cmd.json ? cmd.json(value) : value, null, 2) : cmd.format(value, values)) + '\n');
  return code;
}

/** --explain: the answer, then explain.figure's account of it (the same request, recomputed by the same service). */
async function printExplanation(cmd: ChannelCommand, request: Record<string, unknown>, value: never, values: FlagValues, io: CliIo, call: Caller): Promise<number> {
  // A plan's answer prints its whole table, so every part of it is explained: design, shapes, other candidates, band.
  // (The trend over inference tokens is the Inference page's table, which the CLI does not print.)
  // The band is the one printed (inline, or its band job's), explained from the refits it kept.
  const band = (value as { uncertainty?: unknown }).uncertainty;
  const parts = PLAN_CHANNELS.includes(cmd.channel) ? { parts: PLAN_EXPLAIN_PARTS.filter((p) => p !== 'trend'), ...(band ? { band } : {}) } : {};
  let extra: Record<string, unknown>;
  try {
    extra = cmd.explainWith ? cmd.explainWith(value, values) : {};
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.error(`${cmd.words.join(' ')}: ${err.message}\n`);
    return 2;
  }
  const envelope = await call('explain.figure', { channel: cmd.channel, request, bytes: cliBytes(values), ...parts, ...extra });
  if (!envelope.ok) {
    const { error } = envelope;
    // The request's fields are the command's options; explain.figure's own (a cell) may be too.
    const flag = flagForPath(cmd, error.path?.[0] === 'request' ? error.path.slice(1) : error.path);
    io.error(`${cmd.words.join(' ')} --explain: ${error.message}${flag ? ` (option --${flag})` : ''}\n`);
    return exitCodeOf(error.code);
  }
  const x = envelope.value as ResponseOf<'explain.figure'>;
  if (values.json) {
    io.write(JSON.stringify(x, null, 2) + '\n');
    return 0;
  }
  const blocks = x.explanations.map((e) => explanationLines({ ...e, title: `How was this computed? ${e.title}` }).join('\n'));
  io.write([cmd.format(value, values), ...blocks, ...(x.note ? [`Note: ${x.note}`] : [])].join('\n\n') + '\n');
  return 0;
}

/** The saved preference as a --bytes value (GiB when it cannot be read: the text must still print). */
async function savedBytes(call: Caller): Promise<string> {
  const env = await call('app.preferences', {});
  const convention = env.ok ? (env.value as ResponseOf<'app.preferences'>).byteConvention : 'binary';
  return Object.entries(BYTES_CHOICES).find(([, c]) => c === convention)![0];
}

function memo<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= make());
}

/** Dispatch and the services are imported on the first call, never for help or a usage error. */
function caller(context: () => Promise<ServiceContext>): Caller {
  let loaded: Promise<(channel: unknown, request: unknown) => ReturnType<Caller>> | undefined;
  const load = async () => {
    const [{ dispatch }, { handlers }, ctx] = await Promise.all([import('../ipc/dispatch'), import('../services'), context()]);
    return (channel: unknown, request: unknown) => dispatch(handlers, ctx, channel, request);
  };
  return async (channel, request) => (await (loaded ??= load()))(channel, request);
}

/** Every command takes --help; --json belongs to the commands that answer one channel (tools choose their own output). */
function globalFlags(cmd: CliCommand): Record<string, FlagSpec> {
  if (!cmd.channel) return { help: GLOBAL_FLAGS.help! };
  return hasExplanation(cmd) ? { ...GLOBAL_FLAGS, explain: EXPLAIN_FLAG } : GLOBAL_FLAGS;
}

export function findCommand(argv: readonly string[]): CliCommand | undefined {
  let best: CliCommand | undefined;
  for (const c of COMMANDS) {
    if (c.words.every((w, i) => argv[i] === w) && (!best || c.words.length > best.words.length)) best = c;
  }
  return best;
}

/** An error on a field a positional file's text was sent as says which file, not which field (`FILE "x.json": …` rather than `text: …`). */
function fileNamed(cmd: CliCommand, positionals: string[], error: { message: string; path?: Array<string | number> }): string {
  const i = (cmd.positionals ?? []).findIndex((p) => p.textOf !== undefined && p.textOf === error.path?.[0]);
  const p = cmd.positionals?.[i];
  if (!p?.textOf || positionals[i] === undefined) return error.message;
  const body = error.message.startsWith(`${p.textOf}: `) ? error.message.slice(p.textOf.length + 2) : error.message;
  return `${p.name} "${positionals[i]}": ${body}`;
}

/**
 * The options whose field (dotted for a nested one, e.g. `candidates.nAct`) is the longest start of
 * the error's path, written for a message: `--set`, or `--from or --set` when both fill that field.
 */
function flagForPath(cmd: CliCommand, path: Array<string | number> | undefined): string | undefined {
  if (typeof path?.[0] !== 'string') return undefined;
  let best: { names: string[]; length: number } | undefined;
  for (const [name, spec] of Object.entries(cmd.flags)) {
    const field = fieldOf(name, spec).split('.');
    if (!field.every((f, i) => String(path[i]) === f)) continue;
    if (!best || field.length > best.length) best = { names: [name], length: field.length };
    else if (field.length === best.length) best.names.push(name);
  }
  return best?.names.join(' or --');
}

const usageLine = (c: CliCommand) =>
  [...c.words, ...(c.positionals ?? []).map((p) => (p.optional ? `[${p.name}]` : `<${p.name}>`))].join(' ');

export function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => usageLine(c).length));
  return [
    'moe-workbench — plan Mixture-of-Experts and dense LLM training runs from published scaling laws',
    '',
    'Usage: moe-workbench <command> [options] [--json]',
    '       moe-workbench <command> --help    (options with units, and an example)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${usageLine(c).padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --help; those that answer one channel take --json (raw numbers; the shape "moe-workbench schema <channel>" prints).',
    'Data folder: $MOE_WORKBENCH_DATA, else the desktop app\'s.',
    '',
  ].join('\n');
}

export function commandHelp(cmd: CliCommand): string {
  const specs = { ...cmd.flags, ...globalFlags(cmd) };
  const left = (name: string, s: FlagSpec) => {
    const p = placeholder(s);
    return `  --${name}${p ? ` <${p}>` : ''}`;
  };
  const width = Math.min(40, Math.max(...Object.entries(specs).map(([n, s]) => left(n, s).length)) + 2);
  const lines = Object.entries(specs).map(([name, s]) => {
    const l = left(name, s);
    const pad = l.length >= width ? `${l}\n${' '.repeat(width)}` : l.padEnd(width);
    return `${pad}${s.description}${s.required ? ' (required)' : ''}`;
  });
  const positional = (cmd.positionals ?? []).map((p) => `  ${p.name}`.padEnd(width) + p.description);
  return [
    `moe-workbench ${usageLine(cmd)} — ${cmd.summary}`,
    '',
    ...(positional.length ? ['Arguments:', ...positional, ''] : []),
    'Options:',
    ...lines,
    '',
    'Example:',
    `  moe-workbench ${cmd.example}`,
    ...(cmd.channel ? ['', `Channel: ${cmd.channel} (JSON Schema of its request and response: moe-workbench schema ${cmd.channel})`] : []),
    '',
  ].join('\n');
}
