/** `moe-workbench next-runs`: which few small runs most narrow the band of the recommendation at a target budget. */
import type { ResponseOf } from '../../ipc/contract';
import * as numbers from '../../format';
import { command } from '../command';
import { toRequest, type FlagSpec, type FlagValues } from '../args';
import { flagLines, joinBlocks, provenanceLines, table } from '../text';
import { checkSave, SAVE_FLAG_NAMES, SAVE_FLAGS, saveScenario } from '../save-scenario';

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
  'grid-n-act': { kind: 'axis', unit: 'parameters', description: 'Active parameters of the candidate runs (default 5e7:1.6e9:2)', field: 'candidates.nAct' },
  'grid-tokens-per-param': { kind: 'axis', unit: 'tokens/parameter', description: 'Training tokens per active parameter of the candidate runs (default 5:80:2)', field: 'candidates.tokensPerParam' },
  'grid-experts': { kind: 'int-axis', unit: 'experts', description: 'Expert counts of the candidate runs (default 1:32:2; ignored for a dense fit)', field: 'candidates.experts' },
};

const GRID_FLAGS = ['grid-n-act', 'grid-tokens-per-param', 'grid-experts'];
const allFlags: Record<string, FlagSpec> = {
  ...SAVE_FLAGS,
  ...flags,
  project: { ...flags.project!, description: 'Project whose stored runs the fit was made on (and where --save keeps the proposal)' },
};

/** The grid flags given become `candidates` (the axes left out keep the default grid's). */
function requestOf(v: FlagValues): Record<string, unknown> {
  checkSave(v);
  const req = toRequest(v, allFlags, ['json', 'help', ...SAVE_FLAG_NAMES.filter((f) => f !== 'project'), ...GRID_FLAGS]);
  const given = GRID_FLAGS.filter((f) => f in v);
  if (given.length) req.candidates = Object.fromEntries(given.map((f) => [allFlags[f]!.field!.split('.')[1], v[f]]));
  return req;
}

function bandText(v: Proposal, b: { low: number; high: number }): string {
  return v.quantity === 'loss' ? `${numbers.loss(b.low)} – ${numbers.loss(b.high)} nats/token` : `${numbers.count(b.low)} – ${numbers.count(b.high)} parameters`;
}

function text(v: Proposal): string {
  const g = v.inputs.candidates;
  const rows = v.runs.map((r, i) => [String(i + 1), numbers.count(r.nAct), numbers.count(r.tokens), String(r.experts), numbers.gpuHours(r.gpuHours), numbers.loss(r.predictedLoss), bandText(v, r.bandAfter)]);
  const what = v.quantity === 'loss' ? 'loss' : 'N_act';
  const bands = [
    ['bootstrap replicates (now)', bandText(v, v.bootstrapBand), '—'],
    ['linearised law', bandText(v, v.predicted.before), bandText(v, v.predicted.after)],
    ...(v.simulated ? [[`${v.simulated.worlds} simulated refits`, bandText(v, v.simulated.before), bandText(v, v.simulated.after)]] : []),
  ];
  return joinBlocks(
    v.answer,
    table(['run', 'N_act', 'tokens', 'E', 'GPU-hours', 'predicted loss (nats/token)', `90 % band of the ${what} after this run (linearised)`], rows),
    table([`90 % band of the ${what} at ${numbers.flops(v.targetFlops)} FLOPs`, 'before', 'after'], bands),
    `Project "${v.project.name}" (${v.project.runs} runs); ${v.replicates} bootstrap replicates; run noise σ = ${numbers.loss(v.noise)} in ln L; ${v.candidates} candidate runs within the allowance on ${v.hardware.name} at ${v.hardware.utilization} utilisation.`,
    `Candidate grid: N_act ${g.nAct.map((x) => numbers.count(x)).join(', ')} × ${g.tokensPerParam.join(', ')} tokens per parameter × E ${g.experts.join(', ')}.`,
    `Method: ${v.method}`,
    provenanceLines(v.provenance),
    flagLines(v.flags),
  );
}

export const nextRunsCommands = [
  command({
    words: ['next-runs'],
    summary: 'The few small runs (N_act, tokens, E) that most narrow the band of the recommendation at a target budget, within a GPU-hour allowance (--save NAME keeps it as a scenario in --project)',
    channel: 'nextRun.propose',
    flags: allFlags,
    example: 'next-runs --project PROJECT_ID --coefficient-set SET_ID --budget 1e23 --gpu-hours 2000 --hardware h100-sxm --count 3 --grid-n-act 1e8:1.6e9:2 --save "Next runs at 1e23"',
    toRequest: requestOf,
    // The proposal echoes its inputs with every default filled: the Next runs page's own shape.
    after: (v, values, call, io) =>
      saveScenario(values, call, io, { wizard: 'next-run', inputs: v.inputs, results: v, coefficientSetId: v.inputs.coefficientSetId, hardwareProfileId: v.inputs.hardwareId }),
    // --explain: the proposal printed is the one explained, not proposed again.
    explainWith: (v) => ({ proposal: v }),
    format: (v) => text(v),
  }),
];
