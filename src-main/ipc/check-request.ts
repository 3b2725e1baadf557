/**
 * A channel's request checked against the contract, as dispatch checks every payload; also run by
 * the import's worker thread on the browser mode's raw projects.import body, so a bad envelope is
 * refused there with the same error (code, message and path) without parsing it on the request thread.
 */
import type { z } from 'zod';
import { contract, type ChannelName, type ContractErrorData, type RequestOf } from './contract';
import { nestingError, tooDeep } from './payload-guards';

/** What every transport answers when a request body is not JSON. */
export const BODY_NOT_JSON: ContractErrorData = { code: 'invalid-request', message: 'Request body is not valid JSON' };

export function checkRequest<C extends ChannelName>(channel: C, payload: unknown): { ok: true; data: RequestOf<C> } | { ok: false; error: ContractErrorData } {
  const deep = tooDeep(payload);
  if (deep) return { ok: false, error: nestingError(deep) };
  const parsed = contract[channel].request.safeParse(payload === undefined ? {} : payload);
  return parsed.success ? { ok: true, data: parsed.data as RequestOf<C> } : { ok: false, error: fromZod(parsed.error) };
}

function fromZod(error: z.ZodError): ContractErrorData {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p));
  const where = path.length ? `${path.join('.')}: ` : '';
  return { code: 'invalid-request', message: `${where}${issue?.message ?? 'invalid request'}`, path };
}
