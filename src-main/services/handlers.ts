import type { ChannelName, ParsedRequestOf, ResponseOf } from '../ipc/contract';
import type { ServiceContext } from './context';

/** One service function per channel, receiving the validated request. */
export type Handler<C extends ChannelName> = (
  request: ParsedRequestOf<C>,
  ctx: ServiceContext,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

export type Handlers = { [C in ChannelName]: Handler<C> };

/**
 * A channel served from its request body's raw bytes, parsed and checked off the request thread
 * (browser mode: a project file of many megabytes). The transport still checks the response.
 */
export type RawBodyHandler<C extends ChannelName> = (body: Uint8Array, ctx: ServiceContext) => Promise<ResponseOf<C>>;

export type RawBodyHandlers = { [C in ChannelName]?: RawBodyHandler<C> };
