/** Messages between the fit service and its worker threads (all structured-clone safe). */
import type { Candidate, FitOptions, FitProgress, ScreenBatch, StartOutcome } from '../../engine/fit';

export interface WorkerInit {
  options: FitOptions;
}

export type WorkerTask =
  | { id: number; kind: 'screen'; from: number; to: number }
  | { id: number; kind: 'refine'; candidates: Candidate[]; weights: Float64Array | null }
  | { id: number; kind: 'outliers'; best: StartOutcome; refined: StartOutcome[] }
  | { id: number; kind: 'bootstrap'; starts: number[][]; weights: Float64Array | null; from: number; to: number };

export type WorkerReply =
  | { id: -1; kind: 'ready' }
  | { id: -1; kind: 'init-error'; name: string; message: string }
  | { id: number; kind: 'progress'; progress: FitProgress }
  | { id: number; kind: 'screen'; batch: ScreenBatch }
  | { id: number; kind: 'refine'; outcomes: StartOutcome[] }
  | { id: number; kind: 'outliers'; weights: Float64Array; best: StartOutcome; refined: StartOutcome[] }
  | { id: number; kind: 'bootstrap'; replicates: (number[] | null)[] }
  | { id: number; kind: 'error'; name: string; message: string };
