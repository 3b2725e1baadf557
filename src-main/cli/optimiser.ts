/**
 * How eagerly V8 optimises in the CLI, a process that lives for one command (issue 12: the first
 * report of a process).
 *
 * V8 hands a function to its optimising compiler (TurboFan) once it has used up its interrupt
 * budget `--ticks-before-optimization` times: 3 in Node 20's V8 (11.3). A report runs a great
 * many lukewarm functions of pdfkit, fontkit, ECharts and svg-to-pdfkit once; with the default,
 * V8 optimises hundreds of them during the first report, work that competes for the cores and
 * that a process making one report never gets back. Waiting 12 ticks optimises only the truly hot
 * ones: in interleaved runs of the cold-report bench's CLI child (bench/cold-report.bench.ts, load
 * 11–16 on 2 cores) the first report's CPU time fell by about a fifth (medians 2,230 → 1,707 ms
 * as a node flag, 2,809 → 2,141 ms set here at run time) and the second report's did not rise
 * (840 → 860 ms). Long computations (a fit, a sweep) are still optimised, a few milliseconds
 * later. The flag's meaning changed in later V8 versions, so other versions keep their default.
 */
import { setFlagsFromString } from 'node:v8';

/** The budget count measured on V8 11.3 (see above). */
export const CLI_TICKS_BEFORE_OPTIMIZATION = 12;

/** True where the setting was measured: V8 11.x, Node 20's. */
export const tunedFor = (v8Version: string): boolean => /^11\./.test(v8Version);

/** Sets the CLI's tiering on this process (and its worker threads); call before the command runs. */
export function tuneOptimiserForOneCommand(v8Version: string = process.versions.v8): boolean {
  if (!tunedFor(v8Version)) return false;
  setFlagsFromString(`--ticks-before-optimization=${CLI_TICKS_BEFORE_OPTIMIZATION}`);
  return true;
}
