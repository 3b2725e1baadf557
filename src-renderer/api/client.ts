/**
 * The renderer's one way to reach main: the contract, over whichever transport is present.
 * In Electron the preload exposes `window.moe`; in browser mode the same channels are POSTed
 * to the loopback server with the launch token. Both return envelopes, unwrapped here.
 */
import {
  CHANNEL_NAMES,
  ContractError,
  type ChannelName,
  type Envelope,
  type RequestOf,
  type ResponseOf,
  type WorkbenchApi,
} from '../../src-main/ipc/contract/runtime';

type EnvelopeApi = { [C in ChannelName]: (req: unknown) => Promise<Envelope<unknown>> };

declare global {
  interface Window {
    moe?: EnvelopeApi;
  }
}

const TOKEN_KEY = 'moe-workbench-token';

/** Takes the token from the launch URL once, then forgets it from the address bar. */
function webToken(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (rest ? `?${rest}` : '') + window.location.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function webTransport(): EnvelopeApi {
  const token = webToken();
  const entries = CHANNEL_NAMES.map((name) => [
    name,
    async (req: unknown): Promise<Envelope<unknown>> => {
      let res: Response;
      try {
        res = await fetch(`./api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(req ?? {}),
        });
      } catch (err) {
        return { ok: false, error: { code: 'internal', message: `The workbench server is not reachable (${String(err)})` } };
      }
      try {
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: `The server answered ${res.status} without a readable body` } };
      }
    },
  ]);
  return Object.fromEntries(entries) as EnvelopeApi;
}

const transport: EnvelopeApi = window.moe ?? webTransport();

export const transportName: 'electron' | 'web' = window.moe ? 'electron' : 'web';

/** Calls a channel and returns its value, or throws a ContractError (code, message, path). */
export async function call<C extends ChannelName>(name: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const envelope = await transport[name](request);
  if (!envelope.ok) throw new ContractError(envelope.error);
  return envelope.value as ResponseOf<C>;
}

export const api: WorkbenchApi = Object.freeze(
  Object.fromEntries(CHANNEL_NAMES.map((n) => [n, (req: unknown) => call(n, req as never)])),
) as WorkbenchApi;
