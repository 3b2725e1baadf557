/**
 * JSON Schemas of the contract, for `moe-workbench schema`: generated from the zod schemas, so
 * they cannot drift from what dispatch checks. A request is described as a caller may send it
 * (io "input": fields with defaults are optional), a response as it is printed (io "output").
 * Loaded only by the schema command.
 */
import { z } from 'zod';
import { contract, CHANNEL_NAMES, contractErrorSchema, type ChannelName } from '../ipc/contract';

/**
 * The version of the CLI's JSON conventions: `--json` and `call` print a channel's response
 * (described here), errors as `{"error": …}`, and `batch` one envelope per line. It changes when
 * those conventions change; a channel's own shape is what this command prints for it.
 */
export const CLI_JSON_SCHEMA_VERSION = 1;

type JsonSchema = Record<string, unknown>;

const generate = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;

export interface ChannelSchema {
  channel: ChannelName;
  summary: string;
  request: JsonSchema;
  response: JsonSchema;
}

export function channelSchema(name: ChannelName): ChannelSchema {
  const def = contract[name];
  return { channel: name, summary: def.summary, request: generate(def.request, 'input'), response: generate(def.response, 'output') };
}

/** What `schema [channel]` prints: one channel, or every channel; always with the version and the error shape. */
export function schemaDocument(name?: ChannelName): Record<string, unknown> {
  const head = { schemaVersion: CLI_JSON_SCHEMA_VERSION, error: generate(contractErrorSchema, 'output') };
  if (name) return { ...head, ...channelSchema(name) };
  return { ...head, channels: Object.fromEntries(CHANNEL_NAMES.map((c) => [c, channelSchema(c)])) };
}
