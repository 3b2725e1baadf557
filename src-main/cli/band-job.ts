/**
 * A plan whose bootstrap band was left to a job (`bandJob` on plan.compute/memory/inference and
 * plan.target): the CLI runs the job before printing, reports its progress on standard error
 * every tenth of the replicates, and Ctrl-C cancels it cleanly — the plan is then printed without
 * its band, saying so, and the command exits 130 (interrupted).
 */
import type { ResponseOf } from '../ipc/contract';
import { count } from '../format';
import type { Caller, CliIo } from './command';

type BandOf = 'plan.compute' | 'plan.memory' | 'plan.inference' | 'plan.target';
type Status = ResponseOf<'band.status'>;

/** How often the job's status is read while it runs. */
const POLL_MS = 100;

/** Ctrl-C as an abort signal while a band runs; a second Ctrl-C then ends the process as usual. */
function interruptSignal(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onInt = () => {
    process.removeListener('SIGINT', onInt);
    controller.abort();
  };
  process.on('SIGINT', onInt);
  return { signal: controller.signal, release: () => process.removeListener('SIGINT', onInt) };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

async function must<T>(call: Caller, channel: string, request: unknown): Promise<T> {
  const env = await call(channel, request);
  if (!env.ok) throw new Error(env.error.message);
  return env.value as T;
}

type BandResult = NonNullable<Status['result']>;

/**
 * Runs the band job of a plan that names one: its result once done, or null when the band was
 * cancelled (`code` 130) or failed (`code` 1, said on stderr).
 */
async function runBandJob(of: BandOf, request: Record<string, unknown>, call: Caller, io: CliIo): Promise<{ result: BandResult | null; code: number }> {
  const { jobId, replicates } = await must<{ jobId: string; replicates: number }>(call, 'band.start', { of, request });
  io.error(`band: re-solving the plan with ${count(replicates)} bootstrap replicates (Ctrl-C stops the band and prints the plan without it)\n`);
  const interrupt = interruptSignal();
  try {
    let reported = 0;
    for (;;) {
      const s = await must<Status>(call, 'band.status', { jobId });
      if (s.state === 'running' && interrupt.signal.aborted) {
        await must(call, 'band.cancel', { jobId });
        continue;
      }
      if (s.state === 'running') {
        const tenth = Math.floor(s.progress.fraction * 10);
        if (tenth > reported) {
          reported = tenth;
          io.error(`band: ${count(s.progress.done)}/${count(s.progress.total)} replicates (${tenth * 10}%)\n`);
        }
        await pause(POLL_MS, interrupt.signal);
        continue;
      }
      if (s.state === 'done' && s.result) return { result: s.result, code: 0 };
      if (s.state === 'cancelled') {
        io.error(`band cancelled after ${count(s.progress.done)} of ${count(s.progress.total)} replicates: the plan below has no uncertainty band\n`);
        return { result: null, code: 130 };
      }
      io.error(`band failed: ${s.error?.message ?? 'no result'}; the plan below has no uncertainty band\n`);
      return { result: null, code: 1 };
    }
  } finally {
    interrupt.release();
  }
}

/** A forward plan with its band, or as it was when the band was cancelled or failed. */
export async function completeBand<T extends { bandJob?: { replicates: number } | null }>(of: Exclude<BandOf, 'plan.target'>, value: T, request: Record<string, unknown>, call: Caller, io: CliIo): Promise<{ value: T; code: number }> {
  if (!value.bandJob) return { value, code: 0 };
  const { result, code } = await runBandJob(of, request, call, io);
  return { value: result && result.of !== 'plan.target' ? { ...value, uncertainty: result.uncertainty, bandJob: null } : value, code };
}

/** A reverse plan re-solved with its bootstrap bands, or as it was when the band was cancelled or failed. */
export async function completeTargetBand(value: ResponseOf<'plan.target'>, request: Record<string, unknown>, call: Caller, io: CliIo): Promise<{ value: ResponseOf<'plan.target'>; code: number }> {
  if (!value.bandJob) return { value, code: 0 };
  const { result, code } = await runBandJob('plan.target', request, call, io);
  return { value: result?.of === 'plan.target' ? result.target : value, code };
}
