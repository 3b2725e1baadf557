/**
 * One fit job at a time on the Fit page: start it, follow its status with the polled live query
 * (every 150 ms while it runs), cancel it, and discard the previous job when a new one starts.
 * Failures of the fit itself and of following it are reported as notices.
 */
import { computed, ref, watch } from 'vue';
import type { RequestOf, ResponseOf } from '../../src-main/ipc/contract';
import { call } from '../api/client';
import { useNotices } from '../stores/notices';
import { usePolledQuery } from './useLiveQuery';
import { useFieldScope } from './fieldErrors';

type Status = ResponseOf<'fit.status'>;

export function useFitJob() {
  const notices = useNotices();
  /** A refused start whose error names a setting shows at that field, not as a notice. */
  const fields = useFieldScope();
  const jobId = ref<string | null>(null);
  const starting = ref(false);
  const live = usePolledQuery('fit.status', () => (jobId.value ? { jobId: jobId.value } : null), (s) => s.state === 'running', { intervalMs: 150 });
  /** The status of the current job only (an answer about the previous job is not shown). */
  const status = computed((): Status | null => (live.data.value?.jobId === jobId.value ? live.data.value : null));
  const running = computed(() => starting.value || status.value?.state === 'running');
  const result = computed(() => (status.value?.state === 'done' ? status.value.result : null));
  const percent = computed(() => Math.round((status.value?.progress.fraction ?? 0) * 100));

  watch(
    () => status.value?.state,
    (state) => {
      if (state === 'failed') notices.error(new Error(status.value?.error?.message ?? 'unknown error'), 'The fit failed');
    },
  );
  watch(live.error, (err) => {
    if (err) notices.error(err, 'Lost track of the fit');
  });

  async function start(req: RequestOf<'fit.start'>): Promise<void> {
    const previous = jobId.value;
    if (previous && status.value?.state !== 'running') void call('fit.discard', { jobId: previous }).catch(() => undefined);
    starting.value = true;
    jobId.value = null;
    fields?.clearReported();
    try {
      jobId.value = (await call('fit.start', req)).jobId;
    } catch (err) {
      if (!fields?.report(err)) notices.error(err, 'The fit could not start');
    } finally {
      starting.value = false;
    }
  }

  async function cancel(): Promise<void> {
    if (!jobId.value) return;
    try {
      await call('fit.cancel', { jobId: jobId.value });
    } catch (err) {
      notices.error(err, 'Could not cancel the fit');
    }
    await live.refresh();
  }

  return { jobId, starting, status, running, result, percent, start, cancel, refresh: live.refresh };
}
