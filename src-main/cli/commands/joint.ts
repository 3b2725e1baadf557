import type { ResponseOf } from '../../ipc/contract';
import { command } from '../command';
import type { FlagSpec, FlagValues } from '../args';
import { toRequest } from '../args';
import { flagLines, fmt, joinBlocks, provenanceLines, table } from '../format';

type Plan = ResponseOf<'plan.compute'>;
type Candidate = Plan['candidates'][number];

const planFlags: Record<string, FlagSpec> = {
  flops: { kind: 'number', description: 'Training FLOP budget, e.g. 1e22 or 3x10^22', required: true },
  experts: { kind: 'int-list', description: 'Expert counts to consider (default 1,2,4,8,16,32,64)' },
  'kv-tokens': { kind: 'number', description: 'Tokens held in the KV cache (default 16384)' },
  'weight-bytes': { kind: 'number', description: 'Bytes per weight: 2 bf16 (default), 1 fp8, 0.5 int4, 4 fp32' },
  'kv-bytes': { kind: 'number', description: 'Bytes per KV-cache value (default 2)' },
  coefficients: { kind: 'string', description: 'Coefficient set id (default ludziejewski2025-joint)', field: 'coefficientSetId' },
  'lr-basis': { kind: 'string', description: 'N in the LR law: active-non-embedding (default) or active-with-embedding', field: 'learningRateBasis', choices: ['active-non-embedding', 'active-with-embedding'] },
};

const memoryFlags: Record<string, FlagSpec> = {
  memory: { kind: 'bytes', description: 'Memory budget: 80GB (10^9), 80GiB (2^30) or bytes', field: 'memoryBytes' },
  hardware: { kind: 'string', description: 'Hardware profile id instead of --memory (see: hardware list)', field: 'hardwareId' },
  devices: { kind: 'number', description: 'Device count for --hardware (default: the profile\'s)', field: 'deviceCount' },
  'usable-fraction': { kind: 'number', description: 'Share of device memory usable for weights and KV cache (default 1)' },
  'model-only': { kind: 'boolean', description: 'Count weights only, not the KV cache' },
};

function planRequest(values: FlagValues, specs: Record<string, FlagSpec>): Record<string, unknown> {
  const req = toRequest(values, specs, ['model-only', 'json', 'help']);
  if (values['model-only']) req.memoryMode = 'model';
  return req;
}

/** The CLI's JSON for a candidate: raw numbers, the learning rate as a number, shapes without noise. */
function candidateJson(c: Candidate) {
  if (!c.feasible) return { experts: c.experts, feasible: false, reason: c.reason, flags: c.flags };
  const shape = (s: typeof c.shape) => ({ basis: s.basis, dModel: s.dModel, nBlocks: s.nBlocks, nHeads: s.nHeads, experts: s.experts, vocab: s.vocab });
  const memory = (m: typeof c.memory) => ({ weightsBytes: m.weightsBytes, kvBytes: m.kvBytes, totalBytes: m.totalBytes, countedBytes: m.countedBytes, budgetBytes: m.budgetBytes });
  return {
    experts: c.experts,
    feasible: true,
    nAct: c.nAct,
    nTotal: c.nTotal,
    nActNonEmbedding: c.nActNonEmbedding,
    tokens: c.tokens,
    tokensPerParam: c.tokensPerParam,
    loss: c.loss,
    trainingFlops: c.trainingFlops,
    learningRate: c.learningRate.value,
    learningRateBasis: c.learningRate.basis,
    shape: shape(c.shape),
    buildable: {
      ...shape(c.buildable.shape),
      nAct: c.buildable.nAct,
      nTotal: c.buildable.nTotal,
      tokens: c.buildable.tokens,
      loss: c.buildable.loss,
      memory: memory(c.buildable.memory),
      fits: c.buildable.fits,
    },
    memory: memory(c.memory),
    fits: c.fits,
    bindingConstraint: c.bindingConstraint,
    recipe: c.recipe,
    flags: c.flags,
  };
}

function planJson(p: Plan) {
  return {
    problem: p.problem,
    flops: p.flops,
    inferenceTokens: p.inferenceTokens,
    memoryBudget: p.memory,
    budget: p.budget ?? null,
    memoryMode: p.memoryMode,
    kvTokens: p.kvTokens,
    precision: p.precision,
    candidates: p.candidates.map(candidateJson),
    best: p.best ? candidateJson(p.best) : null,
    bestReason: p.bestReason,
    feasible: p.feasible,
    ...(p.reason ? { reason: p.reason } : {}),
    flags: p.flags,
    provenance: p.provenance,
  };
}

function planText(p: Plan): string {
  const rows = p.candidates.map((c) =>
    c.feasible
      ? [
          `${c.experts}${p.best?.experts === c.experts ? ' *' : ''}`,
          fmt.count(c.nAct),
          fmt.count(c.nTotal),
          fmt.count(c.tokens),
          c.tokensPerParam.toFixed(1),
          c.loss.toFixed(4),
          `${c.buildable.shape.dModel}×${c.buildable.shape.nBlocks}`,
          c.learningRate.value.toExponential(2),
          fmt.bytes(c.memory.countedBytes),
          c.bindingConstraint,
        ]
      : [`${c.experts}`, '—', '—', '—', '—', '—', '—', '—', '—', `infeasible: ${c.reason}`],
  );
  const header = `${p.problem}: F = ${fmt.sci(p.flops)} FLOPs${p.inferenceTokens ? `, inference ${fmt.count(p.inferenceTokens)} tokens` : ''}${p.memory ? `, memory ${fmt.bytes(p.memory.bytes)} (${p.memory.source}, ${p.memoryMode === 'model' ? 'weights only' : `weights + KV cache of ${p.kvTokens} tokens`})` : ''}`;
  const b = p.budget;
  const budgetLine =
    b && b.meaning === 'training' && b.computeOptimalAtTraining
      ? `Training budget ${fmt.sci(b.given)} FLOPs + serving the compute-optimal E = ${b.computeOptimalAtTraining.experts} model (${fmt.count(b.computeOptimalAtTraining.nAct)} active, loss ${b.computeOptimalAtTraining.loss.toFixed(4)}) for the inference tokens, ${fmt.sci(b.computeOptimalAtTraining.inferenceFlops)} FLOPs = ${fmt.sci(b.totalFlops)} FLOPs to split.`
      : '';
  return joinBlocks(
    header,
    budgetLine,
    table(['E', 'N_act', 'N_total', 'tokens', 'tok/param', 'loss', 'buildable d×L', 'peak LR', p.memoryMode === 'model' ? 'weights' : 'weights+KV', 'bound by'], rows),
    `Best: ${p.bestReason}\nFigures are for the exact continuous shape; "buildable" is d_model × blocks (d_model a multiple of 64). Memory in GiB = 2^30 bytes.`,
    flagLines(p.flags),
    provenanceLines(p.provenance),
  );
}

const planCommand = <C extends 'plan.compute' | 'plan.memory' | 'plan.inference'>(words: string[], summary: string, channel: C, flags: Record<string, FlagSpec>) =>
  command({
    words,
    summary,
    channel,
    flags,
    toRequest: (v) => planRequest(v, flags),
    format: (v) => planText(v as Plan),
    json: (v) => planJson(v as Plan),
  });

export const jointCommands = [
  command({
    words: ['law', 'joint'],
    summary: 'Loss of the joint MoE law for N_act, tokens and E, with the per-E law (m, μ, n, ν, c)',
    channel: 'law.joint',
    flags: {
      'n-act': { kind: 'number', description: 'Active parameters including embeddings', required: true, field: 'nAct' },
      tokens: { kind: 'number', description: 'Training tokens', required: true },
      experts: { kind: 'number', description: 'Number of experts E (1 = dense)', required: true },
      coefficients: { kind: 'string', description: 'Coefficient set id', field: 'coefficientSetId' },
    },
    format: (v) =>
      joinBlocks(
        `loss = ${v.loss.toFixed(5)} (nats per token)\nÊ = ${v.eHat.toFixed(4)}\nper-E law: L = ${v.perExpert.m.toFixed(4)}·N^${v.perExpert.mu.toFixed(5)} + ${v.perExpert.n.toFixed(4)}·D^${v.perExpert.nu.toFixed(5)} + ${v.perExpert.c}`,
        flagLines(v.flags),
        provenanceLines(v.provenance),
      ),
  }),
  planCommand(['plan', 'compute'], 'Compute-optimal design per expert count for a FLOP budget', 'plan.compute', planFlags),
  planCommand(['plan', 'memory'], 'Best design that fits a memory budget (--memory or --hardware)', 'plan.memory', { ...planFlags, ...memoryFlags }),
  planCommand(['plan', 'inference'], 'Best design when the budget also pays for inference tokens', 'plan.inference', {
    ...planFlags,
    'inference-tokens': { kind: 'number', description: 'Lifetime inference tokens paid from the same budget', required: true },
    'budget-is': { kind: 'string', description: 'total (default: --flops pays for training and inference) or training (--flops is the training budget; serving is added)', choices: ['total', 'training'] },
    ...memoryFlags,
  }),
  command({
    words: ['compare', 'dense-moe'],
    summary: 'FLOP savings of MoE vs dense at a budget (--flops), or the rule of thumb at a total size (--total-params)',
    channel: 'compare.denseMoe',
    flags: {
      flops: { kind: 'number', description: 'Dense training budget to match' },
      'total-params': { kind: 'number', description: 'Total parameter count for the rule of thumb' },
      experts: { kind: 'int-list', description: 'Expert counts' },
      coefficients: { kind: 'string', description: 'Coefficient set id', field: 'coefficientSetId' },
    },
    format: (v) => {
      if (v.mode === 'savings') {
        const rows = v.perExpert.map((p) =>
          p.feasible ? [String(p.experts), fmt.sci(p.flopsToMatch), `${(p.savings * 100).toFixed(1)}%`, fmt.count(p.nAct), fmt.count(p.tokens)] : [String(p.experts), '—', '—', '—', p.reason],
        );
        return joinBlocks(
          `Dense compute-optimal at ${fmt.sci(v.flops)} FLOPs: N = ${fmt.count(v.dense.nAct)}, D = ${fmt.count(v.dense.tokens)}, loss ${v.dense.loss.toFixed(4)}`,
          table(['E', 'FLOPs to match', 'savings', 'N_act', 'tokens'], rows),
          flagLines(v.flags),
          provenanceLines(v.provenance),
        );
      }
      const rows = v.perExpert.map((p) => [
        String(p.experts),
        fmt.count(p.nAct),
        fmt.count(p.tokens),
        p.loss.toFixed(4),
        p.beatsDense ? 'yes' : 'no',
        `${(p.flopsPerTokenSavings * 100).toFixed(1)}%`,
        p.computeMatched.loss.toFixed(4),
      ]);
      return joinBlocks(
        `Dense ${fmt.count(v.totalParams)} parameters on ${fmt.count(v.dense.tokens)} tokens: loss ${v.dense.loss.toFixed(4)}`,
        table(['E', 'N_act', 'tokens (E×)', 'loss', 'beats dense', 'FLOPs/token saved', 'loss at equal compute'], rows),
        flagLines(v.flags),
        provenanceLines(v.provenance),
      );
    },
  }),
];
