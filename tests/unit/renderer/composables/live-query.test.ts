import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { ContractError } from '../../../../src-main/ipc/contract';

/** Each call parks here until the test resolves or rejects it, so response order is the test's choice. */
const calls: { req: unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
vi.mock('../../../../src-renderer/api/client', () => ({
  call: (_channel: string, req: unknown) =>
    new Promise((resolve, reject) => {
      calls.push({ req, resolve, reject });
    }),
}));

const { useLiveQuery } = await import('../../../../src-renderer/composables/useLiveQuery');
const { useKeyedLiveQueries } = await import('../../../../src-renderer/composables/useKeyedLiveQueries');

/** Lets the watcher run and the debounce elapse, so the pending call is issued. */
async function settle(): Promise<void> {
  await nextTick();
  await vi.advanceTimersByTimeAsync(100);
}

/** Answers call `i` and lets the answer land. */
async function answer(i: number, value: unknown): Promise<void> {
  calls[i]!.resolve(value);
  await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  vi.useFakeTimers();
  calls.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('useLiveQuery', () => {
  it('drops an older answer that arrives after a newer request, and is fresh only for the newest', async () => {
    const flops = ref(1);
    const q = useLiveQuery('law.chinchilla', () => ({ flops: flops.value }) as never);
    await settle();
    flops.value = 2;
    await settle();
    expect(calls.map((c) => c.req)).toEqual([{ flops: 1 }, { flops: 2 }]);

    await answer(1, 'answer for 2');
    await answer(0, 'answer for 1');
    expect(q.data.value).toBe('answer for 2');
    expect(q.fresh.value).toBe(true);
    expect(q.pending.value).toBe(false);
  });

  it('is not fresh while an edit waits for its answer, though the last answer stays on screen', async () => {
    const flops = ref(1);
    const q = useLiveQuery('law.chinchilla', () => ({ flops: flops.value }) as never);
    await settle();
    await answer(0, 'answer for 1');
    expect(q.fresh.value).toBe(true);

    flops.value = 2;
    await nextTick();
    // Still inside the debounce: nothing issued yet, yet the shown answer is already outdated.
    expect(calls).toHaveLength(1);
    expect(q.fresh.value).toBe(false);
    expect(q.data.value).toBe('answer for 1');
  });

  it('an answer that lands after the input changed again does not count as fresh', async () => {
    const flops = ref(1);
    const q = useLiveQuery('law.chinchilla', () => ({ flops: flops.value }) as never);
    await settle();
    flops.value = 2;
    await nextTick(); // edited, debounce not yet elapsed, first call still in flight
    await answer(0, 'answer for 1');
    expect(q.data.value).toBe('answer for 1');
    expect(q.fresh.value).toBe(false);
  });

  it('a rejected request keeps the last answer but marks it not fresh, with the error', async () => {
    const flops = ref(1);
    const q = useLiveQuery('law.chinchilla', () => ({ flops: flops.value }) as never);
    await settle();
    await answer(0, 'answer for 1');
    flops.value = -1;
    await settle();
    calls[1]!.reject(new ContractError({ code: 'invalid-request', message: 'flops must be positive', path: ['flops'] }));
    await vi.advanceTimersByTimeAsync(0);
    expect(q.data.value).toBe('answer for 1');
    expect(q.error.value?.path).toEqual(['flops']);
    expect(q.fresh.value).toBe(false);
  });

  it('a query whose scope stops mid-debounce sends nothing more, and a late answer is ignored', async () => {
    const flops = ref(1);
    const scope = effectScope();
    const q = scope.run(() => useLiveQuery('law.chinchilla', () => ({ flops: flops.value }) as never))!;
    await settle();
    expect(calls).toHaveLength(1);
    flops.value = 2;
    await nextTick(); // edited: the debounce timer is pending
    scope.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(1);
    await answer(0, 'answer for 1');
    expect(q.data.value).toBeNull();
  });

  it('an input that cannot form a request issues nothing and is not fresh', async () => {
    const flops = ref<number | null>(1);
    const q = useLiveQuery('law.chinchilla', () => (flops.value === null ? null : ({ flops: flops.value } as never)));
    await settle();
    await answer(0, 'answer for 1');
    flops.value = null;
    await settle();
    expect(calls).toHaveLength(1);
    expect(q.fresh.value).toBe(false);
  });
});

describe('useKeyedLiveQueries', () => {
  it('runs one query per key, adds and stops queries as keys come and go, and stops all with its scope', async () => {
    const keys = ref(['a', 'b']);
    const flops = ref(1);
    const scope = effectScope();
    const queries = scope.run(() =>
      useKeyedLiveQueries('plan.chinchilla', () => keys.value, (id) => ({ flops: flops.value, coefficientSetId: id })),
    )!;
    await settle();
    expect(calls.map((c) => c.req)).toEqual([
      { flops: 1, coefficientSetId: 'a' },
      { flops: 1, coefficientSetId: 'b' },
    ]);
    await answer(1, 'b at 1');
    expect([...queries.value.keys()]).toEqual(['a', 'b']);
    expect(queries.value.get('b')!.data.value).toBe('b at 1');
    expect(queries.value.get('a')!.data.value).toBeNull();

    // 'a' goes, 'c' comes; 'b' keeps its query (and its answer).
    keys.value = ['b', 'c'];
    await settle();
    expect([...queries.value.keys()]).toEqual(['b', 'c']);
    expect(queries.value.get('b')!.data.value).toBe('b at 1');
    expect(calls.slice(2).map((c) => c.req)).toEqual([{ flops: 1, coefficientSetId: 'c' }]);

    // A shared input recomputes the live keys only: the stopped 'a' stays quiet.
    flops.value = 2;
    await settle();
    expect(calls.slice(3).map((c) => c.req)).toEqual([
      { flops: 2, coefficientSetId: 'b' },
      { flops: 2, coefficientSetId: 'c' },
    ]);

    scope.stop();
    flops.value = 3;
    await settle();
    expect(calls).toHaveLength(5);
  });
});
