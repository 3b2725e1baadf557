/**
 * The single entry point every transport calls: validate the channel and payload, run the
 * service, validate what it returns, and turn every failure into a typed error envelope.
 * Nothing thrown here escapes, so a bad payload can never crash main or the server.
 */
import { contract, isChannelName, type ChannelName, type ContractErrorData, type Envelope } from './contract';
import { ContractError } from './contract/define';
import { toServiceError } from '../services/errors';
import { nonFinitePath, nonFiniteResultError } from './payload-guards';
import { checkRequest } from './check-request';
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
  const checked = checkRequest(channelName, payload);
  if (!checked.ok) return fail(checked.error);
  const handler = handlers[channelName] as (req: unknown, ctx: ServiceContext) => unknown;
  return answer(channelName, () => handler(checked.data, ctx), checked.data);
}

/**
 * A call whose request `run` reads and checks itself, off this thread (the browser mode's raw
 * projects.import body, checked in the import's worker): the same response check and error
 * envelopes as dispatch.
 */
export function dispatchChecked(channelName: ChannelName, run: () => unknown): Promise<Envelope<unknown>> {
  return answer(channelName, run, undefined);
}

async function answer(channelName: ChannelName, run: () => unknown, request: unknown): Promise<Envelope<unknown>> {
  try {
    const value = await run();
    const checked = contract[channelName].response.safeParse(value);
    if (!checked.success) {
      const nonFinite = nonFinitePath(value);
      if (nonFinite) return fail(nonFiniteResultError(channelName, request, nonFinite));
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

function fail(error: ContractErrorData): Envelope<never> {
  return { ok: false, error };
}
