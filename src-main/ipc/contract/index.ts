/**
 * The contract: every channel the renderer, the browser mode and the CLI can call.
 * Imported by the renderer, so it imports nothing but zod and its own files.
 */
import type { z } from 'zod';
import { appChannels } from './app';
import { jointChannels } from './joint';
import { leverageChannels } from './leverage';
import { comprehensiveChannels } from './comprehensive';
import { denseMoeChannels } from './dense-moe';
import { chinchillaChannels } from './chinchilla';
import { lawsChannels } from './laws';
import { storeChannels } from './store';
import { fitChannels } from './fit';
import { reportsChannels } from './reports';
import { targetChannels } from './target';
import { deployChannels } from './deploy';
import { nextRunChannels } from './next-run';
import { bandChannels } from './band';
import { explainChannels } from './explain';
import type { ChannelDef } from './define';
import type { ChannelName } from './names';
import { CHANNEL_NAMES, isChannelName } from './names';

export const contract = {
  ...appChannels,
  ...jointChannels,
  ...leverageChannels,
  ...comprehensiveChannels,
  ...denseMoeChannels,
  ...chinchillaChannels,
  ...lawsChannels,
  ...storeChannels,
  ...fitChannels,
  ...reportsChannels,
  ...targetChannels,
  ...deployChannels,
  ...nextRunChannels,
  ...bandChannels,
  ...explainChannels,
} satisfies Record<ChannelName, ChannelDef>;

// Both directions must agree: the names list (used by the preload, which must not bundle
// zod) and the contract object. A missing or extra name is a compile error.
type Missing = Exclude<ChannelName, keyof typeof contract>;
type Extra = Exclude<keyof typeof contract, ChannelName>;
const _exhaustive: [Missing, Extra] extends [never, never] ? true : never = true;
void _exhaustive;

export type Contract = typeof contract;
export type { ChannelName };
export { CHANNEL_NAMES, isChannelName };
/** What a caller sends (before defaults are applied). */
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
/** What a handler receives (after validation and defaults). */
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;

/** The API the renderer sees: one async method per channel. */
export type WorkbenchApi = { readonly [C in ChannelName]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export * from './define';
