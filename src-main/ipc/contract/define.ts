/**
 * The building blocks of the one typed IPC contract. A channel is a name plus a zod
 * request schema and a zod response schema; every TypeScript type on both sides of the
 * wire is derived from those schemas, so the transports cannot drift apart.
 */
import { z } from 'zod';
import { ERROR_CODES, type ContractErrorData } from './errors';

export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  /** One line for `--help` and the docs. */
  summary: string;
  request: Req;
  response: Res;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(def: ChannelDef<Req, Res>): ChannelDef<Req, Res> {
  return def;
}

export { ContractError, ERROR_CODES, type ContractErrorData, type Envelope, type ErrorCode } from './errors';

/** The wire form of a ContractError, checked both ways against its zod-free declaration. */
export const contractErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
type SchemaData = z.infer<typeof contractErrorSchema>;
const _sameShape: [SchemaData, ContractErrorData] extends [ContractErrorData, SchemaData] ? true : never = true;
void _sameShape;

export { SMALLEST_POSITIVE, nonNegative, positive, type NumberBounds } from '../../schema/numbers';
