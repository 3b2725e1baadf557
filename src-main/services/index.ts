import type { Handlers, RawBodyHandlers } from './handlers';
import { appHandlers } from './app';
import { preferenceHandlers } from './preferences';
import { jointHandlers } from './joint';
import { leverageHandlers } from './leverage';
import { comprehensiveHandlers } from './comprehensive';
import { denseMoeHandlers } from './dense-moe';
import { chinchillaHandlers } from './chinchilla';
import { lawsHandlers } from './laws';
import { importRequestBody, storeHandlers } from './store';
import { fitHandlers } from './fit-jobs';
import { reportsHandlers } from './reports';
import { targetHandlers } from './target';
import { deployHandlers } from './deploy';
import { nextRunHandlers } from './next-run';
import { bandHandlers } from './band';
import { explainHandlers } from './explain';

export type { Handlers, RawBodyHandlers } from './handlers';
export type { ServiceContext } from './context';
export { ServiceError } from './errors';

/** Every channel's service function; the transports dispatch into this one table. */
export const handlers: Handlers = {
  ...appHandlers,
  ...preferenceHandlers,
  ...jointHandlers,
  ...leverageHandlers,
  ...comprehensiveHandlers,
  ...denseMoeHandlers,
  ...chinchillaHandlers,
  ...lawsHandlers,
  ...storeHandlers,
  ...fitHandlers,
  ...reportsHandlers,
  ...targetHandlers,
  ...deployHandlers,
  ...nextRunHandlers,
  ...bandHandlers,
  ...explainHandlers,
};

/** The channels a transport may hand its raw request body to instead of parsing it first. */
export const rawBodyHandlers: RawBodyHandlers = {
  'projects.import': importRequestBody,
};
