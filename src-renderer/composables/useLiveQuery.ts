/**
 * Live recomputation: whenever the request changes (and is valid), call the channel (or run the task); keep the
 * last good answer on screen while a new one is computed or when the new input is rejected.
 * Stale answers that arrive after a newer request are dropped, so fast typing never shows an
 * old result over a new input. `fresh` says whether `data` answers the request as it is now,
 * so nothing saves a result together with inputs it was not computed from. Inside a field scope
 * (every page is one), a rejection is also shown at the field its path names.
 */
import { computed, onScopeDispose, ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref, type WatchSource } from 'vue';
import { ContractError, type ChannelName, type RequestOf, type ResponseOf } from '../../src-main/ipc/contract/runtime';
import { call } from '../api/client';
import { reportErrorsFrom } from './fieldErrors';
import { savedByteConvention } from './units';

export interface LiveTask<Res, Req = unknown> {
  data: Ref<Res | null>;
  /**
   * The request `data` answers, which may be older than the inputs on screen (typing, computing, or
   * rejected): "How was this computed?" explains this one, so it refers to exactly the result shown.
   */
  answered: Ref<Req | null>;
  error: Ref<ContractError | null>;
  pending: Ref<boolean>;
  /** True once `data` is the answer to the current request; false while typing, computing or rejected. */
  fresh: Ref<boolean>;
  /** Milliseconds the last successful call took, for the status line. */
  lastMs: Ref<number | null>;
  refresh: () => Promise<void>;
}

export type LiveQuery<C extends ChannelName> = LiveTask<ResponseOf<C>, RequestOf<C>>;

/** One channel, live: the common case. */
export function useLiveQuery<C extends ChannelName>(
  channel: C,
  request: WatchSource<RequestOf<C> | null>,
  opts: { debounceMs?: number } = {},
): LiveQuery<C> {
  return useLiveTask(request, (req) => call(channel, req), opts);
}

/**
 * One channel asked again every `intervalMs` while `again(answer)` holds (a job's status while it
 * runs), with the same stale-answer guard and stop-on-leave: each round is a new request to the
 * live task, whose debounce is the interval, so there is no timer of its own to leak.
 * `refresh()` asks at once (e.g. after a cancel or a save changed the answer).
 */
export function usePolledQuery<C extends ChannelName>(
  channel: C,
  request: MaybeRefOrGetter<RequestOf<C> | null>,
  again: (answer: ResponseOf<C>) => boolean,
  opts: { intervalMs: number },
): LiveQuery<C> {
  const round = ref(0);
  const polled = computed(() => {
    const req = toValue(request);
    return req === null ? null : { req, round: round.value };
  });
  const live = useLiveTask(polled, ({ req }) => call(channel, req), { debounceMs: opts.intervalMs });
  watch(live.data, (answer) => {
    if (answer !== null && again(answer)) round.value++;
  });
  return { ...live, answered: computed(() => live.answered.value?.req ?? null), refresh: async () => void round.value++ };
}

/** Any asynchronous work on a request (e.g. several calls that make one answer), with the same guarantees. */
export function useLiveTask<Req, Res>(
  request: WatchSource<Req | null>,
  task: (req: Req) => Promise<Res>,
  opts: { debounceMs?: number } = {},
): LiveTask<Res, Req> {
  const data = shallowRef(null) as Ref<Res | null>;
  const answered = shallowRef(null) as Ref<Req | null>;
  const error = ref<ContractError | null>(null) as Ref<ContractError | null>;
  const pending = ref(false);
  const fresh = ref(false);
  const lastMs = ref<number | null>(null);
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest: Req | null = null;

  async function run(req: Req): Promise<void> {
    const mine = ++seq;
    pending.value = true;
    const t0 = performance.now();
    try {
      const value = await task(req);
      if (mine !== seq) return;
      data.value = value;
      answered.value = req;
      error.value = null;
      fresh.value = req === latest;
      lastMs.value = performance.now() - t0;
    } catch (err) {
      if (mine !== seq) return;
      fresh.value = false;
      error.value = err instanceof ContractError ? err : new ContractError({ code: 'internal', message: String(err) });
    } finally {
      if (mine === seq) pending.value = false;
    }
  }

  watch(
    request,
    (req) => {
      latest = req;
      fresh.value = false;
      clearTimeout(timer);
      if (req === null) return;
      timer = setTimeout(() => void run(req), opts.debounceMs ?? 40);
    },
    { immediate: true, deep: true },
  );

  // Services write memory into sentences (warnings, a budget's source) in the saved convention: ask again once it changes.
  watch(savedByteConvention, (now, before) => {
    if (before !== null && latest !== null) void run(latest);
  });

  // A rejected request's error also lands at the field its path names, on the page that asked.
  reportErrorsFrom(() => error.value);

  // A page left (or a keyed column dropped) mid-debounce must not still send its request.
  onScopeDispose(() => {
    clearTimeout(timer);
    seq++;
  });

  return {
    data,
    answered,
    error,
    pending,
    fresh,
    lastMs,
    refresh: async () => {
      if (latest) await run(latest);
    },
  };
}
