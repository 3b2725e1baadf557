/**
 * One background job at a time (a fit, a next-run proposal, a bootstrap band): start it, follow its status with the
 * polled live query while it runs, cancel it. Failures of the job and of following it become
 * notices that name the job (`noun`).
 */
import { computed, ref, watch } from 'vue';
import type { RequestOf, ResponseOf } from '../../src-main/ipc/contract';
import { call } from '../api/client';
import { useNotices } from '../stores/notices';
import { usePolledQuery } from './useLiveQuery';
import { useFieldScope } from './fieldErrors';

type StatusChannel = 'fit.status' | 'nextRun.status' | 'band.status';
type StartChannel = 'fit.start' | 'nextRun.start' | 'band.start';
type CancelChannel = 'fit.cancel' | 'nextRun.cancel' | 'band.cancel';

export function useJob<S extends StatusChannel, T extends StartChannel>(channels: { start: T; status: S; cancel: CancelChannel }, noun: string, opts: { intervalMs: number; beforeStart?: (previous: string | null, previousRunning: boolean) => void }) {
  type Status = ResponseOf<S>;
  const notices = useNotices();
  /** A refused start whose error names a setting shows at that field, not as a notice. */
  const fields = useFieldScope();
  const jobId = ref<string | null>(null);
  const starting = ref(false);
  const live = usePolledQuery(channels.status, () => (jobId.value ? ({ jobId: jobId.value } as RequestOf<S>) : null), (s) => (s as Status).state === 'running', { intervalMs: opts.intervalMs });
  /** The status of the current job only (an answer about the previous job is not shown). */
  const status = computed((): Status | null => ((live.data.value as Status | null)?.jobId === jobId.value ? (live.data.value as Status) : null));
  const running = computed(() => starting.value || status.value?.state === 'running');
  const result = computed(() => (status.value?.state === 'done' ? (status.value.result as NonNullable<Status['result']>) : null));
  const percent = computed(() => Math.round((status.value?.progress.fraction ?? 0) * 100));

  watch(
    () => status.value?.state,
    (state) => {
      if (state === 'failed') notices.error(new Error(status.value?.error?.message ?? 'unknown error'), `The ${noun} failed`);
    },
  );
  watch(live.error, (err) => {
    if (err) notices.error(err, `Lost track of the ${noun}`);
  });

  async function start(req: RequestOf<T>): Promise<void> {
    opts.beforeStart?.(jobId.value, status.value?.state === 'running');
    starting.value = true;
    jobId.value = null;
    fields?.clearReported();
    try {
      jobId.value = ((await call(channels.start, req as never)) as { jobId: string }).jobId;
    } catch (err) {
      if (!fields?.report(err)) notices.error(err, `The ${noun} could not start`);
    } finally {
      starting.value = false;
    }
  }

  async function cancel(): Promise<void> {
    if (!jobId.value) return;
    try {
      await call(channels.cancel, { jobId: jobId.value });
    } catch (err) {
      notices.error(err, `Could not cancel the ${noun}`);
    }
    await live.refresh();
  }

  return { jobId, starting, status, running, result, percent, start, cancel, refresh: live.refresh };
}
