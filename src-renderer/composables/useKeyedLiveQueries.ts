/**
 * One live query per key (e.g. one per coefficient set), for results whose count is only known
 * at run time. A key that appears gets its own `useLiveQuery`; a key that goes away has its
 * query stopped, so it no longer recomputes. All stop with the component.
 */
import { effectScope, onScopeDispose, shallowRef, watch, type EffectScope, type Ref, type WatchSource } from 'vue';
import type { ChannelName, RequestOf } from '../../src-main/ipc/contract';
import { useLiveQuery, type LiveQuery } from './useLiveQuery';

export function useKeyedLiveQueries<C extends ChannelName>(
  channel: C,
  keys: WatchSource<readonly string[]>,
  request: (key: string) => RequestOf<C> | null,
  opts: { debounceMs?: number } = {},
): Ref<ReadonlyMap<string, LiveQuery<C>>> {
  const entries = new Map<string, { scope: EffectScope; query: LiveQuery<C> }>();
  const queries = shallowRef<ReadonlyMap<string, LiveQuery<C>>>(new Map());

  watch(
    keys,
    (ks) => {
      const wanted = new Set(ks);
      for (const [key, entry] of entries) {
        if (wanted.has(key)) continue;
        entry.scope.stop();
        entries.delete(key);
      }
      for (const key of wanted) {
        if (entries.has(key)) continue;
        const scope = effectScope(true);
        const query = scope.run(() => useLiveQuery(channel, () => request(key), opts))!;
        entries.set(key, { scope, query });
      }
      queries.value = new Map([...wanted].map((key) => [key, entries.get(key)!.query]));
    },
    { immediate: true },
  );

  onScopeDispose(() => {
    for (const entry of entries.values()) entry.scope.stop();
    entries.clear();
  });

  return queries;
}
