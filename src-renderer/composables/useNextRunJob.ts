/** One next-run proposal at a time on the Next runs page: start, follow (every 200 ms while it runs), cancel. */
import { useJob } from './useJob';

export function useNextRunJob() {
  return useJob({ start: 'nextRun.start', status: 'nextRun.status', cancel: 'nextRun.cancel' }, 'next-run proposal', { intervalMs: 200 });
}
