/** `moe-workbench target`: reverse planning from a loss, or a dense or MoE model to match. */
import type { ResponseOf } from '../../ipc/contract';
import { command } from '../command';
import { completeTargetBand } from '../band-job';
import { UsageError, toRequest, type FlagSpec, type FlagValues } from '../args';
import { cliBytes, flagLines, joinBlocks, provenanceLines, table } from '../text';
import { checkSave, SAVE_FLAG_NAMES, SAVE_FLAGS, saveScenario, type ScenarioToSave } from '../save-scenario';
import * as units from '../../format';
import { targetInputsOf } from '../../ipc/contract/target-inputs';

type Target = ResponseOf<'plan.target'>;

const GOAL_FLAGS = ['loss', 'match-dense-params', 'match-dense-tokens', 'match-dense-flops', 'match-moe-active', 'match-moe-tokens', 'match-moe-experts'];

const flags: Record<string, FlagSpec> = {
  loss: { kind: 'number', unit: 'nats/token', description: 'Goal: reach this loss (nats/token, on each law\'s own data)' },
  'match-dense-params': { kind: 'number', unit: 'parameters', description: 'Goal: match a dense model of this many parameters (with --match-dense-tokens)' },
  'match-dense-tokens': { kind: 'number', unit: 'tokens', description: 'Training tokens of that dense model' },
  'match-dense-flops': { kind: 'number', unit: 'FLOPs', description: 'Goal: match the compute-optimal dense model of this training budget (FLOPs)' },
  'match-moe-active': { kind: 'number', unit: 'parameters', description: 'Goal: match an MoE of this many active parameters (with --match-moe-tokens, --match-moe-experts)' },
  'match-moe-tokens': { kind: 'number', unit: 'tokens', description: 'Training tokens of that MoE' },
  'match-moe-experts': { kind: 'number', unit: 'experts', description: 'Expert count E of that MoE' },
  experts: { kind: 'int-list', unit: 'experts', description: 'Expert counts to consider (default 1,2,4,8,16,32,64)' },
  laws: { kind: 'string', unit: 'law,…', description: 'Laws to consult, comma-separated: joint,chinchilla,comprehensive (default all)' },
  'joint-set': { kind: 'string', unit: 'id', description: 'Joint-law coefficient set id (default ludziejewski2025-joint)', field: 'jointSetId' },
  'chinchilla-set': { kind: 'string', unit: 'id', description: 'Chinchilla coefficient set id (default besiroglu2024, the Epoch replication; hoffmann2022 for Hoffmann et al.)', field: 'chinchillaSetId' },
  'comprehensive-set': { kind: 'string', unit: 'id', description: 'Comprehensive-law coefficient set id (default moe-comprehensive-2025)', field: 'comprehensiveSetId' },
  'inference-tokens': { kind: 'number', unit: 'tokens', description: 'Lifetime inference tokens, for the lifetime and money designs (default 0)' },
  'max-tokens': { kind: 'number', unit: 'tokens', description: 'Training tokens available to the smallest-model design (default 15e12)' },
  'kv-tokens': { kind: 'number', unit: 'tokens', description: 'Tokens held in the KV cache when serving (default 16384)' },
  'weight-bytes': { kind: 'number', unit: 'bytes/weight', description: 'Bytes per weight: 2 bf16 (default), 1 fp8, 0.5 int4, 4 fp32' },
  'kv-bytes': { kind: 'number', unit: 'bytes/value', description: 'Bytes per KV-cache value (default 2)' },
  hardware: { kind: 'string', unit: 'id', description: 'Hardware profile id, for device-hours and money (see: hardware list)', field: 'hardwareId' },
  price: { kind: 'number', unit: '$/device-hour', description: 'Dollars per device-hour (overrides the profile\'s)', field: 'pricePerDeviceHour' },
  'training-utilization': { kind: 'number', unit: 'fraction', description: 'Share of peak FLOP/s reached in training (default: the profile\'s)' },
  'inference-utilization': { kind: 'number', unit: 'fraction', description: 'Share of peak FLOP/s reached in serving (default: the profile\'s)' },
};

function goalOf(v: FlagValues): Record<string, unknown> {
  const given = GOAL_FLAGS.filter((f) => f in v);
  const kinds = new Set(given.map((f) => (f === 'loss' ? 'loss' : f === 'match-dense-flops' ? 'dense-optimal' : f.startsWith('match-dense') ? 'dense' : 'moe')));
  if (kinds.size !== 1) {
    throw new UsageError('Give exactly one goal: --loss, --match-dense-params with --match-dense-tokens, --match-dense-flops, or --match-moe-active with --match-moe-tokens and --match-moe-experts');
  }
  const need = (f: string) => {
    if (!(f in v)) throw new UsageError(`Missing option --${f} for this goal`);
    return v[f];
  };
  switch ([...kinds][0]) {
    case 'loss':
      return { kind: 'loss', loss: v.loss };
    case 'dense-optimal':
      return { kind: 'match-dense-optimal', flops: v['match-dense-flops'] };
    case 'dense':
      return { kind: 'match-dense', params: need('match-dense-params'), tokens: need('match-dense-tokens') };
    default:
      return { kind: 'match-moe', nAct: need('match-moe-active'), tokens: need('match-moe-tokens'), experts: need('match-moe-experts') };
  }
}

const OBJECTIVE_LABEL: Record<Target['disagreements'][number]['objective'], string> = {
  trainingFlops: 'training FLOPs',
  servingMemory: 'serving memory (weights + KV cache)',
  lifetimeFlops: 'lifetime FLOPs (training + inference)',
  money: 'money (training + inference)',
};

function valueText(objective: Target['disagreements'][number]['objective'], value: number, convention: units.ByteConvention): string {
  if (objective === 'servingMemory') return units.bytes(value, convention);
  if (objective === 'money') return units.money(value);
  return `${units.flops(value)} FLOPs`;
}

function text(v: Target, convention: units.ByteConvention): string {
  const lawBlocks = v.laws.map((l) => {
    if (l.reason) return `${l.provenance.law.name}: ${l.reason}`;
    const rows = l.winners.map((w) => [
      OBJECTIVE_LABEL[w.objective],
      String(w.experts),
      units.count(w.design.nAct),
      units.count(w.design.nTotal),
      units.count(w.design.tokens),
      units.flops(w.design.trainingFlops),
      units.bytes(w.design.servingBytes, convention),
      w.design.money ? units.money(w.design.money.total) : '—',
      w.uncertainty ? `${valueText(w.objective, w.uncertainty.value.low, convention)} – ${valueText(w.objective, w.uncertainty.value.high, convention)}` : '—',
    ]);
    const ref = l.reference?.model;
    const refLine = ref
      ? `Reference: E = ${ref.experts}, N_act ${units.count(ref.nAct)}, ${units.count(ref.tokens)} tokens, ${units.flops(ref.trainingFlops)} FLOPs, loss ${units.loss(l.reference!.loss)} nats/token under this law`
      : `Target loss ${units.loss(l.reference?.loss)} nats/token`;
    const band = l.winners.find((w) => w.uncertainty)?.uncertainty?.label ?? (v.bandJob ? `No bootstrap band: ${v.bandJob.reason.replace(/\.$/, '')}, and the band job did not finish.` : 'No uncertainty band for this coefficient set.');
    return joinBlocks(
      `${l.provenance.law.name} [${l.coefficientSetId}]\n${refLine}`,
      table(['cheapest in', 'E', 'N_act', 'N_total', 'tokens', 'training FLOPs', 'serving memory', 'money', 'band of the objective'], rows),
      `Band: ${band}`,
      provenanceLines(l.provenance),
    );
  });
  const perE = v.rows.map((r) =>
    r.feasible
      ? [r.law, String(r.experts), units.count(r.designs.trainingFlops!.nAct), units.count(r.designs.trainingFlops!.tokens), units.flops(r.designs.trainingFlops!.trainingFlops), r.designs.servingMemory ? units.bytes(r.designs.servingMemory.servingBytes, convention) : '—', r.designs.lifetimeFlops ? units.flops(r.designs.lifetimeFlops.lifetimeFlops) : '—']
      : [r.law, String(r.experts), '—', '—', '—', '—', `infeasible: ${r.reason}`],
  );
  const disagree = v.disagreements.map(
    (d) => `${OBJECTIVE_LABEL[d.objective]}: ${d.byLaw.map((b) => `${b.law} E = ${b.experts} (${valueText(d.objective, b.value, convention)})`).join(', ')}${d.byLaw.length > 1 ? `; spread ${units.times(d.spread)}${d.expertsDiffer ? ', the laws name different E' : ''}` : ''}`,
  );
  return joinBlocks(
    v.headline ?? '',
    v.answer,
    ...lawBlocks,
    `Every E, cheapest in training FLOPs (serving memory with at most ${units.count(v.maxTokens)} tokens; lifetime with ${units.count(v.inferenceTokens)} inference tokens):`,
    table(['law', 'E', 'N_act', 'tokens', 'training FLOPs', 'smallest serving memory', 'lifetime FLOPs'], perE),
    `Where the laws disagree (each law reads losses on its own data):\n${disagree.join('\n')}`,
    `${units.byteConventionNote(convention)} Weights at ${v.precision.bytesPerWeight} B, KV cache of ${units.count(v.kvTokens)} tokens at ${v.precision.bytesPerKvValue} B.${v.hardware ? ` Device-hours and money on ${v.hardware.name} at ${v.hardware.trainingUtilization} / ${v.hardware.inferenceUtilization} utilisation (training / serving).` : ''}`,
    flagLines(v.flags),
  );
}

/**
 * The Target page's inputs for this answer (contract/target-inputs.ts: the inverse of the page's
 * request), for the request as plan.target's schema reads it, parsed with the page's own schema
 * (schema/scenario-inputs.ts) like the plans' (joint.ts). Zod loads only when --save is given.
 */
async function scenarioOf(v: Target, req: Record<string, unknown>): Promise<ScenarioToSave> {
  const [{ targetChannels }, { targetInputsSchema }] = await Promise.all([import('../../ipc/contract/target'), import('../../ipc/contract/scenario-inputs')]);
  const { pricePerDeviceHour } = targetChannels['plan.target'].request.parse(req);
  const inputs = targetInputsSchema.parse(targetInputsOf(v, pricePerDeviceHour ?? null));
  return { wizard: 'target', inputs, results: v, coefficientSetId: v.laws.find((l) => l.law === 'joint')?.coefficientSetId ?? null, hardwareProfileId: v.hardware?.id ?? null };
}

const requestOf = (v: FlagValues) => {
  checkSave(v);
  const req = toRequest(v, flags, [...GOAL_FLAGS, 'laws', 'json', 'help', ...SAVE_FLAG_NAMES]);
  req.goal = goalOf(v);
  if (typeof v.laws === 'string') req.laws = v.laws.split(',').map((s) => s.trim()).filter(Boolean);
  return req;
};

export const targetCommands = [
  command({
    words: ['target'],
    summary: 'Reverse planning: the cheapest design per law and E that reaches a loss or matches a dense or MoE model (--save NAME --project ID keeps it as a scenario)',
    channel: 'plan.target',
    flags: { ...flags, ...SAVE_FLAGS },
    example: 'target --match-dense-flops 1e22 --experts 1,8 --hardware h100-sxm',
    toRequest: requestOf,
    complete: (v, request, call, io) => completeTargetBand(v, request, call, io),
    // Explained from the answer printed (its bands merged in when a band job ran), never solved again.
    explainWith: (v) => ({ answer: v }),
    after: async (v, values, call, io) => {
      if (values.save === undefined) return;
      await saveScenario(values, call, io, await scenarioOf(v, requestOf(values)));
    },
    format: (v, values) => text(v, cliBytes(values)),
  }),
];
