/**
 * The CLI's logic, separate from process handling so tests can run it in-process:
 * find the command, parse its flags, dispatch through the contract, print text or JSON.
 */
import { dispatch } from '../ipc/dispatch';
import { handlers, type ServiceContext } from '../services';
import { parseFlags, toRequest, UsageError, fieldOf, type FlagSpec } from './args';
import type { CliCommand } from './command';
import { COMMANDS } from './commands';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const GLOBAL_FLAGS: Record<string, FlagSpec> = {
  json: { kind: 'boolean', description: 'Print machine-readable JSON (raw units) instead of text' },
  help: { kind: 'boolean', description: 'Show help for the command' },
};

export async function runCli(argv: readonly string[], ctx: ServiceContext): Promise<CliResult> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    return { code: 0, stdout: globalHelp(), stderr: '' };
  }
  const cmd = findCommand(argv);
  if (!cmd) {
    const words = argv.filter((a) => !a.startsWith('--')).slice(0, 2).join(' ');
    return { code: 2, stdout: '', stderr: `Unknown command "${words}". Run "moe-workbench --help" for the list.\n` };
  }
  let rest = argv.slice(cmd.words.length);
  let positional: string | undefined;
  if (cmd.positional) {
    if (rest[0] !== undefined && !rest[0].startsWith('--')) {
      positional = rest[0];
      rest = rest.slice(1);
    } else if (!rest.includes('--help')) {
      return { code: 2, stdout: '', stderr: `${cmd.words.join(' ')}: missing ${cmd.positional.name} (${cmd.positional.description})\n` };
    }
  }
  const specs = { ...cmd.flags, ...GLOBAL_FLAGS };
  let values;
  try {
    values = parseFlags(rest, specs);
  } catch (err) {
    if (err instanceof UsageError) return { code: 2, stdout: '', stderr: `${cmd.words.join(' ')}: ${err.message}\n` };
    throw err;
  }
  if (values.help) return { code: 0, stdout: commandHelp(cmd), stderr: '' };
  let request: Record<string, unknown>;
  try {
    // A command's toRequest may read a file its flag names (e.g. fit --runs) and say why it cannot.
    request = cmd.toRequest ? cmd.toRequest(values) : toRequest(values, cmd.flags, Object.keys(GLOBAL_FLAGS));
  } catch (err) {
    if (err instanceof UsageError) return { code: 2, stdout: '', stderr: `${cmd.words.join(' ')}: ${err.message}\n` };
    throw err;
  }
  if (cmd.positional && positional !== undefined) request[cmd.positional.field] = positional;
  const envelope = await dispatch(handlers, ctx, cmd.channel, request);
  if (!envelope.ok) {
    const { error } = envelope;
    const flag = flagForPath(cmd, error.path);
    const where = flag ? ` (option --${flag})` : '';
    const code = error.code === 'invalid-request' ? 2 : 1;
    if (values.json) return { code, stdout: JSON.stringify({ error }, null, 2) + '\n', stderr: '' };
    return { code, stdout: '', stderr: `${cmd.words.join(' ')}: ${error.message}${where}\n` };
  }
  const value = envelope.value as never;
  if (cmd.after) {
    try {
      await cmd.after(value, values, ctx);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { code: err instanceof UsageError ? 2 : 1, stdout: '', stderr: `${cmd.words.join(' ')}: ${message}\n` };
    }
  }
  return { code: 0, stdout: (values.json ? JSON.stringify(cmd.json ? cmd.json(value) : value, null, 2) : cmd.format(value, values)) + '\n', stderr: '' };
}

function findCommand(argv: readonly string[]): CliCommand | undefined {
  let best: CliCommand | undefined;
  for (const c of COMMANDS) {
    if (c.words.every((w, i) => argv[i] === w) && (!best || c.words.length > best.words.length)) best = c;
  }
  return best;
}

function flagForPath(cmd: CliCommand, path: Array<string | number> | undefined): string | undefined {
  const head = path?.[0];
  if (typeof head !== 'string') return undefined;
  return Object.entries(cmd.flags).find(([name, spec]) => fieldOf(name, spec) === head)?.[0];
}

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.words.join(' ').length + (c.positional ? c.positional.name.length + 3 : 0)));
  return [
    'moe-workbench — plan Mixture-of-Experts and dense LLM training runs from published scaling laws',
    '',
    'Usage: moe-workbench <command> [options] [--json]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${(c.words.join(' ') + (c.positional ? ` <${c.positional.name}>` : '')).padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --json (raw units) and --help. Data folder: $MOE_WORKBENCH_DATA.',
    '',
  ].join('\n');
}

function commandHelp(cmd: CliCommand): string {
  const specs = { ...cmd.flags, ...GLOBAL_FLAGS };
  const lines = Object.entries(specs).map(([name, s]) => {
    const arg = s.kind === 'boolean' ? '' : ` <${s.kind === 'int-list' ? 'list' : s.kind}>`;
    return `  --${name}${arg}`.padEnd(30) + ` ${s.description}${s.required ? ' (required)' : ''}`;
  });
  const usage = `moe-workbench ${cmd.words.join(' ')}${cmd.positional ? ` <${cmd.positional.name}>` : ''}`;
  return [`${usage} — ${cmd.summary}`, '', 'Options:', ...lines, ''].join('\n');
}
