/**
 * Browser mode: the real renderer and the same contract over loopback HTTP, so the UI can
 * run (and be tested) without an Electron binary. One POST endpoint per channel, bound to
 * 127.0.0.1 only, each call carrying a random per-launch token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dispatch, dispatchChecked } from '../ipc/dispatch';
import { BODY_NOT_JSON } from '../ipc/check-request';
import { isChannelName } from '../ipc/contract/names';
import type { Envelope } from '../ipc/contract';
import type { Handlers, RawBodyHandlers, ServiceContext } from '../services';
import { CONTENT_SECURITY_POLICY } from '../page/csp';
import { readStatic } from '../page/static';
import { HEAVY_CHANNELS } from '../ipc/remote';

export interface WebServerOptions {
  handlers: Handlers;
  /** Channels answered from the raw request body, never parsed here (services' rawBodyHandlers). */
  rawBodyHandlers: RawBodyHandlers;
  ctx: Omit<ServiceContext, 'transport'>;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  port?: number;
  token?: string;
  maxBodyBytes?: number;
  /** Runs the heavy channels (ipc/remote.ts HEAVY_CHANNELS) off the request thread, e.g. a DispatchPool; without it they run here. */
  heavy?: {
    call(channel: string, payload: unknown): Promise<Envelope<unknown>>;
    /** Runs a call with no heavy call in flight (a restore swapping the database file under them). */
    exclusive?<T>(fn: () => T | Promise<T>): Promise<T>;
  };
}

export interface WebServer {
  url: string;
  /** The URL to open, token included. */
  launchUrl: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const API_PREFIX = '/api/';
export const TOKEN_HEADER = 'authorization';

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const maxBody = opts.maxBodyBytes ?? 16 * 1024 * 1024;
  const ctx: ServiceContext = { ...opts.ctx, transport: 'web' };
  let origin = '';
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Only reachable on a bug in the transport itself; the server keeps running.
      sendJson(res, 500, { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A page on another site could point a DNS name at 127.0.0.1; refuse any Host that is not us.
    if (!allowedHosts.has(req.headers.host ?? '')) return sendText(res, 403, 'Forbidden: unexpected Host header');
    const url = req.url ?? '/';
    if (url.startsWith(API_PREFIX)) return handleApi(req, res, url.slice(API_PREFIX.length).split('?')[0] ?? '');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    const file = (await readStatic(opts.rendererDir, url)) ?? (await readStatic(opts.rendererDir, '/index.html'));
    if (!file) return sendText(res, 404, `Renderer not built: run "npm run build" (looked in ${opts.rendererDir})`);
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && !allowedOrigins.has(reqOrigin)) {
      return sendJson(res, 403, { ok: false, error: { code: 'invalid-request', message: `Forbidden origin ${reqOrigin}` } });
    }
    if (!hasToken(req)) {
      return sendJson(res, 401, { ok: false, error: { code: 'invalid-request', message: 'Missing or wrong token: open the URL printed by "npm run web".' } });
    }
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid-request', message: 'Use POST' } });
    const name = decodeURIComponentSafe(channel);
    if (!isChannelName(name)) {
      return sendJson(res, 404, { ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${JSON.stringify(name)}` } });
    }
    let body: Buffer;
    try {
      body = await readBody(req, maxBody);
    } catch (err) {
      const tooLarge = err instanceof BodyTooLarge;
      if (tooLarge) res.setHeader('connection', 'close');
      return sendJson(res, tooLarge ? 413 : 400, {
        ok: false,
        error: {
          code: 'invalid-request',
          message: tooLarge ? `Request body over ${maxBody} bytes (${Math.round(maxBody / 1048576)} MiB): send less at once` : 'Request body could not be read (the connection ended before it was whole)',
        },
      });
    }
    // a project file is many megabytes: its request is parsed and checked in the import's worker, not here
    const raw = opts.rawBodyHandlers[name];
    if (raw) return sendEnvelope(res, await dispatchChecked(name, () => raw(body, ctx)));
    let payload: unknown;
    try {
      payload = requestBodies.parse(body);
    } catch {
      return sendJson(res, 400, { ok: false, error: BODY_NOT_JSON });
    }
    const here = () => dispatch(opts.handlers, ctx, name, payload);
    const envelope =
      opts.heavy && HEAVY_CHANNELS.has(name)
        ? await opts.heavy.call(name, payload)
        : opts.heavy?.exclusive && name === 'store.restoreBackup'
          ? await opts.heavy.exclusive(here)
          : await here();
    sendEnvelope(res, envelope);
  }

  function hasToken(req: IncomingMessage): boolean {
    const header = req.headers[TOKEN_HEADER];
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
    const given = Buffer.from(header.slice('Bearer '.length));
    return given.length === tokenBuf.length && timingSafeEqual(given, tokenBuf);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  // a page opened as http://localhost:PORT sends that Origin; it is this server all the same
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  return {
    url: origin + '/',
    launchUrl: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    token,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

class BodyTooLarge extends Error {}

/** Past this much, an oversized body is no longer drained but cut off. */
const DRAIN_FACTOR = 4;

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // An oversized body is read to its end (up to the cap) before the 413 goes out: answering
    // while the client still sends, then closing, resets the connection under the client's
    // unsent bytes, and a slow client sees ECONNRESET instead of the answer.
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max * DRAIN_FACTOR) {
      reject(new BodyTooLarge());
      return void req.destroy();
    }
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) return void chunks.push(c);
      chunks.length = 0;
      if (size > max * DRAIN_FACTOR) {
        reject(new BodyTooLarge());
        req.destroy();
      }
    });
    req.on('end', () => (size > max ? reject(new BodyTooLarge()) : resolveBody(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Every channel's request body but the raw-body channels' is parsed on the request thread, here (an object so a test can watch which bodies it parses). */
export const requestBodies = {
  parse: (body: Buffer): unknown => (body.length === 0 ? {} : JSON.parse(body.toString('utf8'))),
};

function sendEnvelope(res: ServerResponse, envelope: Envelope<unknown>): void {
  sendJson(res, envelope.ok ? 200 : statusOf(envelope.error.code), envelope);
}

function statusOf(code: string): number {
  switch (code) {
    case 'invalid-request':
      return 400;
    case 'unknown-channel':
    case 'not-found':
      return 404;
    case 'conflict':
    case 'read-only':
      return 409;
    case 'disk-full':
      return 507;
    case 'store-unavailable':
      return 503;
    default:
      return 500;
  }
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
