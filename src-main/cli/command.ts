import type { ChannelName, ResponseOf } from '../ipc/contract';
import type { FlagSpec, FlagValues } from './args';
import type { ServiceContext } from '../services';

/** One CLI command: its words, its flags, how they become a contract request, how to print the answer. */
export interface CliCommand<C extends ChannelName = ChannelName> {
  words: readonly string[];
  summary: string;
  channel: C;
  flags: Record<string, FlagSpec>;
  /** One positional argument after the words, e.g. the ID of `scenarios show ID`. */
  positional?: { name: string; field: string; description: string };
  /** Defaults to mapping each flag to its field. */
  toRequest?: (values: FlagValues) => Record<string, unknown>;
  format: (value: ResponseOf<C>, values: FlagValues) => string;
  /** What --json prints; defaults to the contract response itself. */
  json?: (value: ResponseOf<C>) => unknown;
  /**
   * Commands that write files handle the response themselves (e.g. reports); they may call
   * further channels through `ctx`. A UsageError thrown here exits 2, any other error 1.
   */
  after?: (value: ResponseOf<C>, values: FlagValues, ctx: ServiceContext) => Promise<void> | void;
}

export function command<C extends ChannelName>(c: CliCommand<C>): CliCommand<C> {
  return c;
}
