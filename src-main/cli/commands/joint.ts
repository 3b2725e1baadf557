import type { ResponseOf } from '../../ipc/contract';
import { command, type Caller } from '../command';
import { completeBand } from '../band-job';
import { checkSave, SAVE_FLAG_NAMES, SAVE_FLAGS, saveScenario, type ScenarioToSave } from '../save-scenario';
import { planInputsOf, type PlanGiven, type PlanWizard } from '../../ipc/contract/plan-inputs';
import type { BudgetState } from '../../ipc/contract/scenario-inputs';
import * as numbers from '../../format';
import type { FlagSpec, FlagValues } from '../args';
import { toRequest, UsageError } from '../args';
import { budgetCluster, budgetFlops } from '../../ipc/contract/budget';
import { cliBytes, flagLines, joinBlocks, provenanceLines, rowFlagLines, table } from '../text';

type Plan = ResponseOf<'plan.compute'>;

export const planFlags: Record<string, FlagSpec> = {
  flops: { kind: 'number', unit: 'FLOPs', description: 'Training FLOP budget, e.g. 1e22 or 3x10^22 (or --days on hardware)', required: true },
  experts: { kind: 'int-list', unit: 'experts', description: 'Expert counts to consider (default 1,2,4,8,16,32,64)' },
  'fitted-experts-only': { kind: 'boolean', description: 'Keep only the expert counts the joint law was fitted on (1, 2, 4, 8, 16, 32)' },
  'kv-tokens': { kind: 'number', unit: 'tokens', description: 'Tokens held in the KV cache (default 16384)' },
  'weight-bytes': { kind: 'number', unit: 'bytes/weight', description: 'Bytes per weight: 2 bf16 (default), 1 fp8, 0.5 int4, 4 fp32' },
  'kv-bytes': { kind: 'number', unit: 'bytes/value', description: 'Bytes per KV-cache value (default 2)' },
  coefficients: { kind: 'string', unit: 'id', description: 'Coefficient set id (default ludziejewski2025-joint; see: coefficients list)', field: 'coefficientSetId' },
  'lr-basis': { kind: 'string', description: 'N in the LR law: active-non-embedding (default) or active-with-embedding', field: 'learningRateBasis', choices: ['active-non-embedding', 'active-with-embedding'] },
  utilization: { kind: 'number', unit: 'fraction', description: 'Share of peak FLOP/s achieved, for time and cost with --hardware (default: the profile\'s)' },
  price: { kind: 'number', unit: 'USD/device-hour', description: 'Price per device-hour, for cost with --hardware (default: the profile\'s)', field: 'pricePerDeviceHour' },
  power: { kind: 'number', unit: 'W/device', description: 'Power per device, for energy (kWh) with --hardware (default: the profile\'s, when set)', field: 'powerWattsPerDevice' },
  'dense-baseline': {
    kind: 'string',
    unit: 'id',
    description: 'Chinchilla-form coefficient set, published or fitted, drawn as the saved scenario\'s dense baseline (default besiroglu2024; see: coefficients list --law chinchilla)',
  },
};

/** --hardware and --devices for time and cost alone (plan compute has no memory budget). */
const clusterFlags: Record<string, FlagSpec> = {
  hardware: { kind: 'string', unit: 'id', description: 'Hardware profile id for GPU-hours, days and cost (see: hardware list)', field: 'hardwareId' },
  devices: { kind: 'number', unit: 'devices', description: 'Devices (GPUs) for --hardware; whole nodes for a node profile (default: the profile\'s)', field: 'deviceCount' },
};

/** plan compute's budget on hardware, as the Compute page takes it: --devices × --days on --hardware at --utilization. */
const budgetFlags: Record<string, FlagSpec> = {
  flops: { ...(planFlags.flops as FlagSpec), required: false },
  days: { kind: 'number', unit: 'days', description: 'Budget as --devices × days on --hardware at --utilization (default: the profile\'s), instead of --flops; the same cluster prices the plan' },
};

/**
 * plan memory's and plan inference's budget on hardware, as their pages' budget field takes it: the
 * training cluster's devices × days (--train-hardware, or --hardware when there is none), which also
 * prices the plan; the memory cap stays --memory or --hardware.
 */
const cappedBudgetFlags: Record<string, FlagSpec> = {
  flops: budgetFlags.flops as FlagSpec,
  days: {
    kind: 'number',
    unit: 'days',
    description: 'Budget as devices × days on --train-hardware (--train-devices), or on --hardware (--devices) without it, at --utilization (default: the profile\'s), instead of --flops; the same cluster prices the plan',
  },
};

const memoryFlags: Record<string, FlagSpec> = {
  memory: { kind: 'bytes', unit: 'bytes', description: 'Memory budget with its unit: 80GB (10⁹ bytes), 80GiB (2³⁰ bytes) or 123456B', field: 'memoryBytes' },
  hardware: { kind: 'string', unit: 'id', description: 'Hardware profile id instead of --memory, also used for time and cost (see: hardware list)', field: 'hardwareId' },
  devices: clusterFlags.devices as FlagSpec,
  'usable-fraction': { kind: 'number', unit: 'fraction', description: 'Share of device memory usable for weights and KV cache (default 1)' },
  'model-only': { kind: 'boolean', description: 'Count weights only, not the KV cache' },
  attention: { kind: 'string', description: 'Attention layout whose KV cache counts against the cap: mha (default, the paper\'s convention), gqa, mqa or mla', choices: ['mha', 'gqa', 'mqa', 'mla'] },
  'kv-heads': { kind: 'number', unit: 'heads', description: 'KV heads, with --attention gqa (default 8)' },
  'head-dim': { kind: 'number', unit: 'values', description: 'KV head dimension, with --attention gqa or mqa (default 128)' },
  'latent-dim': { kind: 'number', unit: 'values', description: 'KV latent width d_c, with --attention mla (default 512)' },
  'rope-dim': { kind: 'number', unit: 'values', description: 'Decoupled RoPE key width, with --attention mla (default 64)' },
  'train-hardware': { kind: 'string', unit: 'id', description: 'Hardware profile the training is priced on (GPU-hours, days, cost), apart from the memory cap' },
  'train-devices': { kind: 'number', unit: 'devices', description: 'Devices for --train-hardware (default: the profile\'s)' },
};

const ATTENTION_FLAGS = ['attention', 'kv-heads', 'head-dim', 'latent-dim', 'rope-dim'];
const CLUSTER_FLAGS = ['train-hardware', 'train-devices', 'no-memory-cap'];
/** Flags recorded with a saved scenario, not sent with the plan request. */
const SCENARIO_FLAGS = ['dense-baseline'];

/** The cap's attention layout from --attention and its widths; a width without its layout is refused. */
function attentionFromFlags(v: FlagValues): Record<string, unknown> | undefined {
  const kind = v.attention as string | undefined;
  const given = (names: string[]) => names.filter((n) => v[n] !== undefined);
  const stray = (allowed: string[]) => given(['kv-heads', 'head-dim', 'latent-dim', 'rope-dim']).filter((n) => !allowed.includes(n));
  const refuse = (names: string[], what: string) => {
    if (names.length) throw new UsageError(`--${names[0]} goes with ${what}`);
  };
  if (kind === undefined || kind === 'mha') {
    refuse(stray([]), '--attention gqa, mqa or mla');
    return undefined;
  }
  if (kind === 'gqa' || kind === 'mqa') {
    refuse(stray(['kv-heads', 'head-dim']), '--attention mla');
    if (kind === 'mqa' && v['kv-heads'] !== undefined && v['kv-heads'] !== 1) throw new UsageError('--attention mqa has one KV head; use --attention gqa for --kv-heads above 1');
    return { kind: 'gqa', kvHeads: kind === 'mqa' ? 1 : (v['kv-heads'] ?? 8), headDim: v['head-dim'] ?? 128 };
  }
  refuse(stray(['latent-dim', 'rope-dim']), '--attention gqa or mqa');
  return { kind: 'mla', latentDim: v['latent-dim'] ?? 512, ropeDim: v['rope-dim'] ?? 64 };
}

/**
 * --days: the budget in FLOPs from the profile's peak, with the cluster that prices it, by the pages' own conversion.
 * plan compute's cluster is --hardware (the plan's own, as the Compute page sends it); a capped plan's is its training
 * cluster, --train-hardware or else --hardware, sent as `trainingCluster` so the cap keeps --hardware.
 */
async function deviceDaysBudget(wizard: PlanWizard, values: FlagValues, call: Caller): Promise<{ request: Record<string, unknown>; budget: Partial<BudgetState> } | null> {
  const where = wizard === 'compute' ? '--hardware (and --devices)' : '--hardware or --train-hardware (and their devices)';
  if (values.days === undefined) {
    if (values.flops === undefined) throw new UsageError(`missing --flops (FLOPs), or --days (days) with ${where}`);
    return null;
  }
  if (values.flops !== undefined) throw new UsageError('--days and --flops contradict each other: give one budget');
  const onTrain = wizard !== 'compute' && values['train-hardware'] !== undefined;
  const [hardwareFlag, devicesFlag] = onTrain ? ['train-hardware', 'train-devices'] : ['hardware', 'devices'];
  if (values[hardwareFlag] === undefined) throw new UsageError(`--days goes with ${where}: the budget is devices × days on that profile`);
  const days = values.days as number;
  if (!(days > 0) || !Number.isFinite(days)) throw new UsageError(`--days must be a positive number of days (got ${days})`);
  const env = await call('hardware.list', {});
  if (!env.ok) throw new Error(env.error.message);
  const profile = (env.value as ResponseOf<'hardware.list'>).profiles.find((p) => p.id === values[hardwareFlag]);
  if (!profile) throw new UsageError(`--${hardwareFlag} "${String(values[hardwareFlag])}" is not a hardware profile (see: hardware list)`);
  const hardwareId = profile.id;
  const devices = (values[devicesFlag] as number | undefined) ?? profile.deviceCount;
  const utilization = (values.utilization as number | undefined) ?? profile.defaultUtilization;
  const budget = { mode: 'device-days' as const, flops: 0, hardwareId, devices, days, gpuHours: 0, utilization };
  const flops = budgetFlops(budget, profile.peakFlopsPerDevice)!;
  const cluster = budgetCluster(budget) as { hardwareId: string; deviceCount: number; utilization: number };
  const request = wizard === 'compute' ? { flops, ...cluster } : { flops, trainingCluster: { hardwareId, deviceCount: devices }, utilization };
  return { request, budget: { mode: 'device-days', flops, hardwareId, devices, days, utilization } };
}

function planRequest(values: FlagValues, specs: Record<string, FlagSpec>): Record<string, unknown> {
  checkSave(values);
  const req = toRequest(values, specs, ['model-only', 'json', 'help', 'days', ...SAVE_FLAG_NAMES, ...ATTENTION_FLAGS, ...CLUSTER_FLAGS, ...SCENARIO_FLAGS]);
  if (values['model-only']) req.memoryMode = 'model';
  const attention = attentionFromFlags(values);
  if (attention) req.attention = attention;
  if (values['train-devices'] !== undefined && values['train-hardware'] === undefined) throw new UsageError('--train-devices goes with --train-hardware');
  if (values['train-hardware'] !== undefined) {
    req.trainingCluster = { hardwareId: values['train-hardware'], ...(values['train-devices'] !== undefined ? { deviceCount: values['train-devices'] } : {}) };
  }
  if (values['no-memory-cap']) {
    // --hardware and --devices then price the plan only; nothing caps the design's memory.
    if (values.memory !== undefined) throw new UsageError('--no-memory-cap and --memory contradict each other');
    if (req.trainingCluster) throw new UsageError('--no-memory-cap prices the plan on --hardware; give it instead of --train-hardware');
    if (req.hardwareId !== undefined) req.trainingCluster = { hardwareId: req.hardwareId, ...(req.deviceCount !== undefined ? { deviceCount: req.deviceCount } : {}) };
    delete req.hardwareId;
    delete req.deviceCount;
    delete req.usableFraction;
  }
  return req;
}

function timeCostLine(t: Plan['timeCost']): string {
  if (!t) return '';
  const money = t.costUsd != null ? `, ${numbers.money(t.costUsd)}` : ' (no price set: --price or the Hardware page)';
  const energy = t.energyKwh != null ? `, ${numbers.significant(t.energyKwh)} kWh` : '';
  return `Training the best design: ${numbers.gpuHours(t.gpuHours)}, ${numbers.days(t.wallClockDays)} on ${t.cluster}${money}${energy}.\n  ${t.basis}`;
}

/** The recommendation's band: bootstrap (N_act, tokens, loss and E-win shares) or the paper's fit error (loss only). */
export function bandText(u: Plan['uncertainty'], bandJob?: Plan['bandJob']): string {
  if (!u && bandJob) return `How sure: no band (${bandJob.reason.replace(/\.$/, '')}; the band job did not finish).`;
  if (!u) return 'How sure: no band (this coefficient set has neither bootstrap replicates nor a fit error its paper reports).';
  const parts = [
    ...(u.nAct ? [`N_act ${numbers.range(u.nAct, numbers.count)}`] : []),
    ...(u.tokens ? [`tokens ${numbers.range(u.tokens, numbers.count)}`] : []),
    `loss ${numbers.range(u.loss, numbers.loss)} nats/token`,
  ];
  const wins = u.expertWins.length ? `\n  Best E across refits: ${numbers.expertWins(u.expertWins)}.` : '';
  return `How sure: ${parts.join(', ')}.${wins}\n  ${u.label}`;
}

function planText(p: Plan, convention: numbers.ByteConvention): string {
  const rows = p.candidates.map((c) =>
    c.feasible
      ? [
          `${c.experts}${p.best?.experts === c.experts ? ' *' : ''}`,
          numbers.count(c.nAct),
          numbers.count(c.nTotal),
          numbers.count(c.tokens),
          numbers.significant(c.tokensPerParam),
          numbers.loss(c.loss),
          `${c.buildable.shape.dModel}×${c.buildable.shape.nBlocks}`,
          numbers.significant(c.learningRate.value, 3),
          numbers.bytes(c.memory.countedBytes, convention),
          c.bindingConstraint,
        ]
      : [`${c.experts}`, '—', '—', '—', '—', '—', '—', '—', '—', `infeasible: ${c.reason}`],
  );
  const header = `${p.problem}: F = ${numbers.flops(p.flops)} FLOPs${p.inferenceTokens ? `, inference ${numbers.count(p.inferenceTokens)} tokens` : ''}${p.memory ? `, memory ${numbers.bytes(p.memory.bytes, convention)} (${p.memory.source}, ${p.memoryMode === 'model' ? 'weights only' : `weights + KV cache of ${p.kvTokens} tokens`})` : ''}`;
  const b = p.budget;
  const budgetLine =
    b && b.meaning === 'training' && b.computeOptimalAtTraining
      ? `Training budget ${numbers.flops(b.given)} FLOPs + serving the compute-optimal E = ${b.computeOptimalAtTraining.experts} model (${numbers.count(b.computeOptimalAtTraining.nAct)} active, loss ${numbers.loss(b.computeOptimalAtTraining.loss)}) for the inference tokens, ${numbers.flops(b.computeOptimalAtTraining.inferenceFlops)} FLOPs = ${numbers.flops(b.totalFlops)} FLOPs to split.`
      : '';
  return joinBlocks(
    header,
    budgetLine,
    table(['E', 'N_act', 'N_total', 'tokens', 'tok/param', 'loss', 'buildable d×L', 'peak LR', p.memoryMode === 'model' ? 'weights' : 'weights+KV', 'bound by'], rows),
    p.cacheLayoutNote ? `KV cache: ${p.cacheLayoutNote}` : '',
    timeCostLine(p.timeCost),
    `Best: ${p.bestReason}`,
    p.best ? bandText(p.uncertainty, p.bandJob) : '',
    `Figures are for the exact continuous shape; "buildable" is d_model × blocks (d_model a multiple of 64). ${numbers.byteConventionNote(convention)}`,
    rowFlagLines(p.candidates.map((c) => ({ label: `E = ${c.experts}`, flags: c.flags }))),
    flagLines(p.flags),
    provenanceLines(p.provenance),
  );
}


/** --dense-baseline: a Chinchilla-form set in the catalogue (published or a fit of yours), or a usage error naming the flag. */
async function denseBaseline(values: FlagValues, call: Caller): Promise<string | undefined> {
  const id = values['dense-baseline'];
  if (typeof id !== 'string') return undefined;
  const env = await call('coefficients.get', { id });
  const law = env.ok ? (env.value as ResponseOf<'coefficients.get'>).law : null;
  if (law !== 'chinchilla') {
    const why = env.ok ? `is a ${law} set` : 'is not in the catalogue';
    throw new UsageError(`--dense-baseline "${id}" ${why}; give a Chinchilla-form set (see: coefficients list --law chinchilla)`);
  }
  return id;
}

/**
 * The scenario of the page the plan comes from (Compute, Memory, Inference): its inputs are the
 * page's (contract/plan-inputs.ts, the inverse of the page's request) for the request as the
 * channel's schema reads it, parsed with the page's own schema (schema/scenario-inputs.ts), so
 * the CLI makes saved inputs the one way the pages do. Zod loads only when --save is given.
 */
async function scenarioOf(wizard: PlanWizard, channel: PlanChannel, p: Plan, req: Record<string, unknown>, given: PlanGiven): Promise<ScenarioToSave> {
  const [{ jointChannels }, pageSchemas] = await Promise.all([import('../../ipc/contract/joint'), import('../../ipc/contract/scenario-inputs')]);
  const echo = jointChannels[channel].request.parse(req);
  const schema = wizard === 'compute' ? pageSchemas.jointInputsSchema : wizard === 'memory' ? pageSchemas.memoryInputsSchema : pageSchemas.inferenceInputsSchema;
  const inputs = schema.parse(planInputsOf(wizard, p, echo, given));
  const hardwareProfileId = p.memory?.hardwareId ?? echo.hardwareId ?? null;
  return { wizard, inputs, results: p, coefficientSetId: p.coefficientSetId, hardwareProfileId };
}

/** The page's budget field of a plan request built from --days, kept for `--save` so the hardware list is asked once. */
const budgetGiven = new WeakMap<Record<string, unknown>, Partial<BudgetState>>();

/** A plan command; `--save NAME --project ID` keeps its answer as a scenario of the page it belongs to. */
type PlanChannel = 'plan.compute' | 'plan.memory' | 'plan.inference';

const planCommand = <C extends PlanChannel>(
  wizard: PlanWizard,
  summary: string,
  channel: C,
  flags: Record<string, FlagSpec>,
  example: string,
) =>
  command({
    words: ['plan', wizard],
    summary,
    channel,
    flags: { ...flags, ...SAVE_FLAGS },
    example,
    toRequest: async (v, _positionals, call) => {
      const onHardware = await deviceDaysBudget(wizard, v, call);
      const request = { ...planRequest(v, flags), ...onHardware?.request };
      if (onHardware) budgetGiven.set(request, onHardware.budget);
      return request;
    },
    complete: (v, request, call, io) => completeBand(channel, v, request, call, io),
    after: async (v, values, call, io, request) => {
      // --dense-baseline is checked whether or not the plan is saved.
      const denseBaselineSetId = await denseBaseline(values, call);
      if (values.save === undefined) return;
      await saveScenario(values, call, io, await scenarioOf(wizard, channel, v, request, { denseBaselineSetId, budget: budgetGiven.get(request) }));
    },
    format: (v, values) => planText(v, cliBytes(values)),
  });

export const jointCommands = [
  command({
    words: ['law', 'joint'],
    summary: 'Loss of the joint MoE law for N_act, tokens and E, with the per-E law (m, μ, n, ν, c)',
    channel: 'law.joint',
    example: 'law joint --n-act 1.3e9 --tokens 2.6e10 --experts 8',
    flags: {
      'n-act': { kind: 'number', unit: 'parameters', description: 'Active parameters including embeddings', required: true, field: 'nAct' },
      tokens: { kind: 'number', unit: 'tokens', description: 'Training tokens', required: true },
      experts: { kind: 'number', unit: 'experts', description: 'Number of experts E (1 = dense)', required: true },
      coefficients: { kind: 'string', unit: 'id', description: 'Coefficient set id (default ludziejewski2025-joint)', field: 'coefficientSetId' },
    },
    format: (v) =>
      joinBlocks(
        `loss = ${numbers.loss(v.loss)} (nats per token)\nN_total = ${numbers.count(v.nTotal)} parameters (paper-rule shape)\ntraining compute = ${numbers.flops(v.trainingFlops)} FLOPs (6·N_act·D)\nÊ = ${numbers.loss(v.eHat)}\nper-E law: L = m·N^μ + n·D^ν + c with m = ${numbers.loss(v.perExpert.m)}, μ = ${numbers.loss(v.perExpert.mu)}, n = ${numbers.loss(v.perExpert.n)}, ν = ${numbers.loss(v.perExpert.nu)}, c = ${numbers.loss(v.perExpert.c)}`,
        flagLines(v.flags),
        provenanceLines(v.provenance),
      ),
  }),
  planCommand(
    'compute',
    'Compute-optimal design per expert count for a FLOP budget (--hardware for time and cost; --save NAME --project ID keeps it as a scenario)',
    'plan.compute',
    { ...planFlags, ...clusterFlags, ...budgetFlags },
    'plan compute --days 30 --hardware h100-sxm --devices 512 --price 2.5',
  ),
  planCommand(
    'memory',
    'Best design that fits a memory budget (--memory or --hardware), the KV cache laid out as MHA unless --attention says otherwise (--save NAME --project ID keeps it as a scenario)',
    'plan.memory',
    { ...planFlags, ...memoryFlags, ...cappedBudgetFlags },
    'plan memory --flops 1e23 --hardware 8xh100 --usable-fraction 0.9 --kv-tokens 32768 --attention gqa --kv-heads 8 --head-dim 128',
  ),
  planCommand('inference', 'Best design when the budget also pays for inference tokens (--save NAME --project ID keeps it as a scenario)', 'plan.inference', {
    ...planFlags,
    'inference-tokens': { kind: 'number', unit: 'tokens', description: 'Lifetime inference tokens paid from the same budget', required: true },
    'budget-is': { kind: 'string', description: 'total (default: --flops pays for training and inference) or training (--flops is the training budget; serving is added)', choices: ['total', 'training'] },
    ...memoryFlags,
    'no-memory-cap': { kind: 'boolean', description: 'No memory cap: --hardware and --devices only price the plan (GPU-hours, days, cost)' },
    ...cappedBudgetFlags,
  }, 'plan inference --flops 1e23 --inference-tokens 2e12 --hardware h100-sxm --devices 512 --no-memory-cap --price 2.5'),
  command({
    words: ['compare', 'dense-moe'],
    summary: 'FLOP savings of MoE vs dense at a budget (--flops), or the rule of thumb at a total size (--total-params)',
    channel: 'compare.denseMoe',
    // The paper's 1.1B example (Sec. 4.4-4.5): dense on 8B tokens against E = 2 on 16B and E = 4 on 32B.
    example: 'compare dense-moe --total-params 1.1e9 --dense-tokens 8e9 --experts 2,4',
    flags: {
      flops: { kind: 'number', unit: 'FLOPs', description: 'Dense training budget to match' },
      'total-params': { kind: 'number', unit: 'parameters', description: 'Total parameter count for the rule of thumb' },
      'dense-tokens': { kind: 'number', unit: 'tokens', description: 'With --total-params: the dense model\'s training tokens (default: compute-optimal)' },
      experts: { kind: 'int-list', unit: 'experts', description: 'Expert counts (default 1,2,4,8,16,32,64)' },
      coefficients: { kind: 'string', unit: 'id', description: 'Coefficient set id (default ludziejewski2025-joint)', field: 'coefficientSetId' },
    },
    format: (v) => {
      if (v.mode === 'savings') {
        const rows = v.perExpert.map((p) =>
          p.feasible ? [String(p.experts), numbers.flops(p.flopsToMatch), `${numbers.percent(p.savings)}`, numbers.count(p.nAct), numbers.count(p.tokens)] : [String(p.experts), '—', '—', '—', p.reason],
        );
        return joinBlocks(
          `Dense compute-optimal at ${numbers.flops(v.flops)} FLOPs: N = ${numbers.count(v.dense.nAct)}, D = ${numbers.count(v.dense.tokens)}, loss ${numbers.loss(v.dense.loss)}`,
          table(['E', 'FLOPs to match', 'savings', 'N_act', 'tokens'], rows),
          flagLines(v.flags),
          provenanceLines(v.provenance),
        );
      }
      const rows = v.perExpert.map((p) => [
        String(p.experts),
        numbers.count(p.nAct),
        numbers.count(p.tokens),
        numbers.loss(p.loss),
        p.beatsDense ? 'yes' : 'no',
        `${numbers.percent(p.flopsPerTokenSavings)}`,
        `${numbers.percent(p.buildable.flopsPerTokenSavings)} (${p.buildable.shape.dModel}×${p.buildable.shape.nBlocks})`,
        numbers.loss(p.computeMatched.loss),
      ]);
      return joinBlocks(
        `Dense ${numbers.count(v.totalParams)} parameters on ${numbers.count(v.dense.tokens)} tokens: loss ${numbers.loss(v.dense.loss)}`,
        table(['E', 'N_act', 'tokens (E×)', 'loss', 'beats dense', 'FLOPs/token saved', 'saved, buildable d×L', 'loss at equal compute'], rows),
        'FLOPs per token saved: 1 − N_act/N_total for the exact continuous shapes, and for the buildable shapes (d_model a multiple of 64, as the paper\'s configurations are) against the buildable dense model of the same total size.',
        flagLines(v.flags),
        provenanceLines(v.provenance),
      );
    },
  }),
];
