/**
 * The bootstrap band of a plan whose set has too many replicates to re-solve inline: when the
 * plan's answer names a band job (`bandJob`), start it for the request that answer is for (once
 * per request, cancelling a band still running for an older one), follow its progress every
 * 150 ms, and hand back the band once done. Cancel leaves the plan without its band; `restart`
 * asks for it again.
 */
import { computed, watch, type Ref } from 'vue';
import type { RequestOf, ResponseOf } from '../../src-main/ipc/contract';
import { call } from '../api/client';
import { useJob } from './useJob';

type BandOf = 'plan.compute' | 'plan.memory' | 'plan.inference' | 'plan.target';

export function useBandJob<C extends BandOf>(of: C, request: Ref<RequestOf<C> | null>, answer: Ref<ResponseOf<C> | null>, fresh: Ref<boolean>) {
  const job = useJob({ start: 'band.start', status: 'band.status', cancel: 'band.cancel' }, 'uncertainty band', {
    intervalMs: 150,
    // A band for an older request is of no use once a new one starts.
    beforeStart: (previous, running) => {
      if (previous && running) void call('band.cancel', { jobId: previous }).catch(() => {});
    },
  });
  let startedFor: string | null = null;

  function start(): void {
    const req = request.value;
    if (!req) return;
    startedFor = JSON.stringify(req);
    void job.start({ of, request: req } as RequestOf<'band.start'>);
  }

  watch(
    [answer, fresh],
    ([a, isFresh]) => {
      if (!a?.bandJob || !isFresh) return;
      if (JSON.stringify(request.value) === startedFor) return;
      start();
    },
    { immediate: true },
  );

  const notice = computed(() => answer.value?.bandJob ?? null);
  /** The finished job's result, when it answers the plan on screen. */
  const result = computed(() => (notice.value && job.result.value && JSON.stringify(request.value) === startedFor ? job.result.value : null));
  return { ...job, notice, result, restart: start };
}

type ForwardOf = 'plan.compute' | 'plan.memory' | 'plan.inference';

/** A forward plan with its band filled in once its band job is done (as if it had come inline). */
export function useBandedPlan<C extends ForwardOf>(of: C, request: Ref<RequestOf<C> | null>, plan: { data: Ref<ResponseOf<C> | null>; fresh: Ref<boolean> }) {
  const band = useBandJob(of, request, plan.data, plan.fresh);
  const data = computed((): ResponseOf<C> | null => {
    const p = plan.data.value;
    const r = band.result.value;
    return p && r && r.of !== 'plan.target' ? { ...p, uncertainty: r.uncertainty, bandJob: null } : p;
  });
  return { band, data };
}
