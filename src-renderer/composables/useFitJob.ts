/**
 * One fit job at a time on the Fit page: start it, follow its status with the polled live query
 * (every 150 ms while it runs), cancel it, and discard the previous job when a new one starts.
 * Failures of the fit itself and of following it are reported as notices.
 */
import { call } from '../api/client';
import { useJob } from './useJob';

export function useFitJob() {
  return useJob({ start: 'fit.start', status: 'fit.status', cancel: 'fit.cancel' }, 'fit', {
    intervalMs: 150,
    beforeStart: (previous, previousRunning) => {
      if (previous && !previousRunning) void call('fit.discard', { jobId: previous }).catch(() => undefined);
    },
  });
}
