/** `moe-workbench next-runs`: which few small runs most narrow the band of the recommendation at a target budget. */
import type { ResponseOf } from '../../ipc/contract';
import { gpuHours, loss } from '../../format';
import { command } from '../command';
import { toRequest, type FlagSpec } from '../args';
import { flagLines, fmt, joinBlocks, provenanceLines, table } from '../format';

type Proposal = ResponseOf<'nextRun.propose'>;

const flags: Record<string, FlagSpec> = {
  project: { kind: 'string', unit: 'id', description: 'Project whose stored runs the fit was made on', field: 'projectId' },
  'coefficient-set': { kind: 'string', unit: 'id', description: 'Joint-law coefficient set fitted to those runs with bootstrap replicates', field: 'coefficientSetId' },
  budget: { kind: 'number', unit: 'FLOPs', description: 'Training FLOPs of the run being planned (the target)', field: 'targetFlops' },
  'gpu-hours': { kind: 'number', unit: 'GPU-hours', description: 'GPU-hours for the new runs together', field: 'gpuHours' },
  hardware: { kind: 'string', unit: 'id', description: 'Hardware profile of the new runs (see: hardware list)', field: 'hardwareId' },
  utilization: { kind: 'number', unit: 'fraction', description: "Share of peak FLOP/s the runs reach (default: the profile's)" },
  count: { kind: 'number', unit: 'runs', description: 'Most runs to propose (default 3)' },
  quantity: { kind: 'string', unit: 'loss|nAct', description: "Whose band to narrow: the plan's loss (default) or its N_act" },
  experts: { kind: 'int-list', unit: 'experts', description: 'Expert counts the target plan chooses from (default 1,2,4,8,16,32,64)' },
  worlds: { kind: 'number', unit: 'refits', description: 'Simulated refits scoring the shortlist (default 40; 0 for the linearised band only)' },
  seed: { kind: 'number', unit: 'seed', description: 'Seed of the simulated outcomes (default 1)' },
};

function bandText(v: Proposal, b: { low: number; high: number }): string {
  return v.quantity === 'loss' ? `${loss(b.low)} – ${loss(b.high)} nats/token` : `${fmt.count(b.low)} – ${fmt.count(b.high)} parameters`;
}

function text(v: Proposal): string {
  const rows = v.runs.map((r, i) => [String(i + 1), fmt.count(r.nAct), fmt.count(r.tokens), String(r.experts), gpuHours(r.gpuHours), loss(r.predictedLoss), bandText(v, r.bandAfter)]);
  const what = v.quantity === 'loss' ? 'loss' : 'N_act';
  const bands = [
    ['bootstrap replicates (now)', bandText(v, v.bootstrapBand), '—'],
    ['linearised law', bandText(v, v.predicted.before), bandText(v, v.predicted.after)],
    ...(v.simulated ? [[`${v.simulated.worlds} simulated refits`, bandText(v, v.simulated.before), bandText(v, v.simulated.after)]] : []),
  ];
  return joinBlocks(
    v.answer,
    table(['run', 'N_act', 'tokens', 'E', 'GPU-hours', 'predicted loss (nats/token)', `90 % band of the ${what} after this run (linearised)`], rows),
    table([`90 % band of the ${what} at ${fmt.sci(v.targetFlops)} FLOPs`, 'before', 'after'], bands),
    `Project "${v.project.name}" (${v.project.runs} runs); ${v.replicates} bootstrap replicates; run noise σ = ${loss(v.noise)} in ln L; ${v.candidates} candidate runs within the allowance on ${v.hardware.name} at ${v.hardware.utilization} utilisation.`,
    `Method: ${v.method}`,
    provenanceLines(v.provenance),
    flagLines(v.flags),
  );
}

export const nextRunsCommands = [
  command({
    words: ['next-runs'],
    summary: 'The few small runs (N_act, tokens, E) that most narrow the band of the recommendation at a target budget, within a GPU-hour allowance',
    channel: 'nextRun.propose',
    flags,
    example: 'next-runs --project PROJECT_ID --coefficient-set SET_ID --budget 1e23 --gpu-hours 2000 --hardware h100-sxm --count 3',
    toRequest: (v) => toRequest(v, flags, ['json', 'help']),
    format: (v) => text(v),
  }),
];
