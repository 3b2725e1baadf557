/** Every channel name. Kept free of imports so the preload can list them without bundling zod. */
export const CHANNEL_NAMES = [
  'app.info',
  'law.joint',
  'plan.compute',
  'plan.memory',
  'plan.inference',
  'compare.denseMoe',
  'sweep.isoFlop',
  'sweep.memory',
  'sweep.savings',
  'table.optimalExperts',
  'law.leverage',
  'optimum.leverage',
  'allocation.leverage',
  'leverage.contours',
  'leverage.fromFits',
  'leverage.reference',
  'law.comprehensive',
  'optimum.comprehensive',
  'comprehensive.surfaces',
  'denseMoe.optimum',
  'law.chinchilla',
  'plan.chinchilla',
  'laws.list',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export function isChannelName(x: unknown): x is ChannelName {
  return typeof x === 'string' && (CHANNEL_NAMES as readonly string[]).includes(x);
}
