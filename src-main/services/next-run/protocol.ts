/** Messages between the next-run service and its worker thread (structured-clone safe). */
import type { NextRunInput, NextRunProgress, NextRunProposal } from '../../engine/next-run';

export type NextRunReply =
  | { kind: 'progress'; progress: NextRunProgress }
  | { kind: 'done'; proposal: NextRunProposal; seconds: number }
  | { kind: 'error'; name: string; message: string; field: string | null };

export type { NextRunInput };
