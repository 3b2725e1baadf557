/**
 * The browser mode as `npm run web` serves it, for tests that go over HTTP: the real server on a
 * temporary workspace with one pool worker for the heavy channels, and a POST that returns the
 * contract's envelope. Register `stop` in afterAll so the worker and the workspace always go.
 */
import { DispatchPool } from '../../../src-main/web/dispatch-pool';
import { startWebServer, type WebServer } from '../../../src-main/web/server';
import { handlers, rawBodyHandlers } from '../../../src-main/services';
import type { Envelope } from '../../../src-main/ipc/contract/errors';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';

/** POST one channel's request with the server's token; the envelope as the page receives it. */
export const postTo = (server: WebServer) => (channel: string, body: unknown) =>
  fetch(`${server.url}api/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
    (r) => r.json() as Promise<Envelope<unknown>>,
  );

export interface PooledServer {
  w: Workspace;
  server: WebServer;
  post: (channel: string, body: unknown) => Promise<Envelope<unknown>>;
  stop: () => Promise<void>;
}

export async function startPooledServer(): Promise<PooledServer> {
  const w = await openWorkspace();
  const pool = new DispatchPool({ dataDir: w.dir, appVersion: '0.1.0-test', warmUpReports: false }, { size: 1 });
  const server = await startWebServer({ handlers, rawBodyHandlers, ctx: { dataDir: w.dir, appVersion: '0.1.0-test', store: w.ctx.store }, rendererDir: w.dir, heavy: pool });
  const stop = async () => {
    try {
      await server.close();
      await pool.close();
    } finally {
      removeWorkspace(w);
    }
  };
  return { w, server, post: postTo(server), stop };
}
