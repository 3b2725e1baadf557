/**
 * The single entry point every transport calls: validate the channel and payload, run the
 * service, validate what it returns, and turn every failure into a typed error envelope.
 * Nothing thrown here escapes, so a bad payload can never crash main or the server.
 */
import type { z } from 'zod';
import { contract, isChannelName, type ContractErrorData, type Envelope } from './contract';
import { ContractError } from './contract/define';
import { toServiceError } from '../services/errors';
import { nestingError, nonFinitePath, nonFiniteResultError, tooDeep } from './payload-guards';
import type { Handlers, ServiceContext } from '../services';

export async function dispatch(
  handlers: Handlers,
  ctx: ServiceContext,
  channelName: unknown,
  payload: unknown,
): Promise<Envelope<unknown>> {
  if (!isChannelName(channelName)) {
    return fail({ code: 'unknown-channel', message: `Unknown channel ${JSON.stringify(channelName)}` });
  }
  const def = contract[channelName];
  const deep = tooDeep(payload);
  if (deep) return fail(nestingError(deep));
  const parsed = def.request.safeParse(payload === undefined ? {} : payload);
  if (!parsed.success) return fail(fromZod(parsed.error));
  try {
    const handler = handlers[channelName] as (req: unknown, ctx: ServiceContext) => unknown;
    const value = await handler(parsed.data, ctx);
    const checked = def.response.safeParse(value);
    if (!checked.success) {
      const nonFinite = nonFinitePath(value);
      if (nonFinite) return fail(nonFiniteResultError(channelName, parsed.data, nonFinite));
      const issue = checked.error.issues[0];
      return fail({
        code: 'internal',
        message: `The ${channelName} service returned a malformed response (${issue?.path.join('.') || 'root'}: ${issue?.message}).`,
      });
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    return fail(toErrorData(err));
  }
}

export function toErrorData(err: unknown): ContractErrorData {
  if (err instanceof ContractError) return err.toData();
  const known = toServiceError(err);
  if (known) return { code: known.code, message: known.message, ...(known.path ? { path: known.path } : {}) };
  const coded = err as { code?: unknown; message?: unknown; field?: unknown };
  if (err instanceof Error && typeof coded.code === 'string' && typeof coded.field === 'string') {
    return { code: 'invalid-request', message: err.message, path: [coded.field] };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

function fromZod(error: z.ZodError): ContractErrorData {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p));
  const where = path.length ? `${path.join('.')}: ` : '';
  return { code: 'invalid-request', message: `${where}${issue?.message ?? 'invalid request'}`, path };
}

function fail(error: ContractErrorData): Envelope<never> {
  return { ok: false, error };
}
