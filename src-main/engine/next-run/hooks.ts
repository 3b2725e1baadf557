/** Progress and cancellation of a next-run proposal (the service runs it in a worker thread). */
export interface NextRunProgress {
  /** `design`: Jacobians and the greedy choice; `simulate`: the refits of the simulated worlds. */
  phase: 'design' | 'simulate';
  done: number;
  total: number;
}

export interface NextRunHooks {
  onProgress?: (p: NextRunProgress) => void;
  /** Polled between refits; returning true aborts with FitCancelledError. */
  isCancelled?: () => boolean;
}
