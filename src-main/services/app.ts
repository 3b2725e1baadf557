import type { Handlers } from './handlers';
import { ENGINE_VERSION } from '../engine/version';

export const appHandlers: Pick<Handlers, 'app.info'> = {
  'app.info': (_req, ctx) => ({
    name: 'MoE Workbench',
    version: ctx.appVersion,
    engineVersion: ENGINE_VERSION,
    dataDir: ctx.dataDir,
    transport: ctx.transport,
    platform: `${process.platform}-${process.arch}`,
  }),
};
