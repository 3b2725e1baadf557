import type { ChannelName, ParsedRequestOf, ResponseOf } from '../ipc/contract';
import type { ServiceContext } from './context';

/** One service function per channel, receiving the validated request. */
export type Handler<C extends ChannelName> = (
  request: ParsedRequestOf<C>,
  ctx: ServiceContext,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

export type Handlers = { [C in ChannelName]: Handler<C> };
