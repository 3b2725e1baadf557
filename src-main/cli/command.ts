import type { ChannelName, Envelope, ResponseOf } from '../ipc/contract';
import type { FlagSpec, FlagValues } from './args';
import type { ServiceContext } from '../services';

/** Runs one contract channel through the same dispatch as the other transports (loaded on first use). */
export type Caller = (channel: ChannelName | string, request: unknown) => Promise<Envelope<unknown>>;

/** Where a command writes and reads: the process's streams, or strings captured by a test. */
export interface CliIo {
  /** false when the stream's buffer is full: a writer of many blocks then awaits `drained` before the next. */
  write(text: string): void | boolean;
  error(text: string): void;
  /** Standard input, as text chunks (read only by commands that take `-` or a stream). */
  stdin(): AsyncIterable<string>;
  /**
   * Writes UTF-8 bytes (the process's stdout): a writer of large output encodes straight into
   * its own blocks instead of joining strings and letting the stream encode them again.
   */
  writeBytes?(bytes: Uint8Array): void | boolean;
  /** Resolves once a full output buffer has been written out (absent when writes never fill one). */
  drained?(): Promise<void>;
}

export interface Positional {
  name: string;
  description: string;
  /** The request field it fills (channel commands). */
  field?: string;
  /** A file whose text the command sends as this request field: an error on that field names the file instead. */
  textOf?: string;
  optional?: boolean;
}

interface CommandBase {
  words: readonly string[];
  summary: string;
  flags: Record<string, FlagSpec>;
  /** Arguments after the words, in order, e.g. the ID of `scenarios show ID`; optional ones come last. */
  positionals?: readonly Positional[];
  /** A command line that works as written (without the leading `moe-workbench`), shown by --help. */
  example: string;
}

/** A command that is one contract channel: flags become its request, its response is printed. */
export interface ChannelCommand<C extends ChannelName = ChannelName> extends CommandBase {
  channel: C;
  /** Defaults to mapping each flag (and each positional with a field) to its field. */
  /** May ask other channels first (e.g. a hardware profile's peak, to turn devices × days into FLOPs). */
  toRequest?: (values: FlagValues, positionals: string[], call: Caller) => Record<string, unknown> | Promise<Record<string, unknown>>;
  format: (value: ResponseOf<C>, values: FlagValues) => string;
  /**
   * Only for commands whose answer is files they write (report): what --json prints instead of
   * the contract response. Every other command's --json is the channel's response as is, the
   * shape `moe-workbench schema <channel>` describes.
   */
  json?: (value: ResponseOf<C>) => unknown;
  /**
   * With --explain: what explain.figure takes beside the request, from the answer printed (the
   * reverse plan shown, a contour cell picked, the fit printed). A UsageError names the option at fault.
   */
  explainWith?: (value: ResponseOf<C>, values: FlagValues) => Record<string, unknown>;
  /**
   * Commands whose answer may need more work first (a bootstrap band left to a job) finish it
   * here, before `after` and printing; a non-zero `code` is the exit status once printed.
   */
  complete?: (value: ResponseOf<C>, request: Record<string, unknown>, call: Caller, io: CliIo) => Promise<{ value: ResponseOf<C>; code: number }>;
  /**
   * Commands that write files handle the response themselves (e.g. reports); they may call
   * further channels through `call`, and report on `io` (stderr, so --json output stays the
   * response). A UsageError thrown here exits 2, any other error 1. `request` is the one toRequest built.
   */
  after?: (value: ResponseOf<C>, values: FlagValues, call: Caller, io: CliIo, request: Record<string, unknown>) => Promise<void> | void;
}

/** What a tool command (call, batch, schema, sweep) gets to work with. */
export interface ToolArgs {
  values: FlagValues;
  /** The positional arguments given, in the order declared. */
  positionals: string[];
  io: CliIo;
  call: Caller;
  context: () => Promise<ServiceContext>;
}

/** A command that is not one channel: it runs many (batch, sweep) or none (schema). Returns the exit code. */
export interface ToolCommand extends CommandBase {
  channel?: undefined;
  run: (args: ToolArgs) => Promise<number>;
}

export type CliCommand = ChannelCommand | ToolCommand;

export function command<C extends ChannelName>(c: ChannelCommand<C>): ChannelCommand<C> {
  return c;
}

export function tool(c: ToolCommand): ToolCommand {
  return c;
}

/** Exit status of a failed envelope: the caller's fault (2) or not (1). */
export function exitCodeOf(code: string): number {
  return code === 'invalid-request' || code === 'unknown-channel' ? 2 : 1;
}
