/**
 * A temp data folder with real scenarios: plans computed by the real services through the
 * contract, saved in the real store — never hand-written results.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers, type ServiceContext } from '../../../src-main/services';
import { lazyStore } from '../../../src-main/services/store-access';
import type { ChannelName, RequestOf, ResponseOf } from '../../../src-main/ipc/contract';

export interface Workspace {
  dir: string;
  ctx: ServiceContext;
  call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** The raw envelope, for error cases. */
  raw(channel: string, request: unknown): ReturnType<typeof dispatch>;
  save(name: string, wizard: string, results: unknown, extra?: Partial<RequestOf<'scenarios.create'>>): Promise<ResponseOf<'scenarios.create'>>;
  projectId: string;
  close(): void;
}

export async function openWorkspace(dir = mkdtempSync(join(tmpdir(), 'moe-reports-')), projectName = 'Reports test project'): Promise<Workspace> {
  const access = lazyStore(dir);
  const ctx: ServiceContext = { transport: 'cli', dataDir: dir, appVersion: '0.1.0-test', store: access.store };
  const call = async <C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const env = await dispatch(handlers, ctx, channel, request);
    if (!env.ok) throw new Error(`${channel}: ${env.error.code} ${env.error.message}`);
    return env.value as ResponseOf<C>;
  };
  const project = await call('projects.create', { name: projectName });
  return {
    dir,
    ctx,
    call,
    raw: (channel, request) => dispatch(handlers, ctx, channel, request),
    projectId: project.id,
    save: (name, wizard, results, extra = {}) =>
      call('scenarios.create', { projectId: project.id, name, wizard, inputs: { saved: 'by test' }, results, ...extra }),
    close: () => {
      access.close();
    },
  };
}

export function removeWorkspace(w: Workspace): void {
  w.close();
  rmSync(w.dir, { recursive: true, force: true });
}

/** The planner-unit rules, written once for the e2e and the report tests. */
export { countText, powerText } from '../../e2e/fixtures/planner-units';
