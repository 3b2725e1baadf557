/** CLI commands of the Efficiency Leverage law (Tian et al., arXiv:2507.17702). */
import type { ResponseOf } from '../../ipc/contract';
import * as numbers from '../../format';
import { command } from '../command';
import { flagLines, joinBlocks, provenanceLines, table } from '../text';
import { leverageContourCommands } from './leverage-contours';
import { leverageFromFitsCommands } from './leverage-from-fits';
import * as fmt from '../../format';

const pct = (x: number) => fmt.percent(x);

/** `law leverage` takes one of two flag forms; the contract refuses a mixed or incomplete set, naming the field. */
function leverageText(v: ResponseOf<'law.leverage'>): string {
  const arch =
    v.form === 'configuration' && v.configuration
      ? [
          `Configuration: E = ${v.configuration.experts} routed, E_a = ${v.configuration.activeExperts} active, E_s = ${v.configuration.sharedExperts} shared, d_model = ${v.configuration.dModel}, d_expert = ${v.configuration.dExpert}`,
          `Derived: A = (E_a + E_s)/(E + E_s) = ${pct(v.activation)}, G = 2·d_model/d_expert = ${fmt.significant(v.granularity)}, S = E_s/(E_a + E_s) = ${fmt.significant(v.sharedRatio!)}`,
        ].join('\n')
      : `A = ${pct(v.activation)} (activation ratio), G = ${v.granularity} (granularity)`;
  return joinBlocks(
    arch,
    [
      `Budget C = ${fmt.flops(v.flops)} FLOPs`,
      `EL = ${fmt.times(v.el)} (dense compute ÷ MoE compute at equal loss)`,
      `Equivalent dense compute = ${fmt.flops(v.denseFlops)} FLOPs`,
      `Â = ${fmt.significant(v.activationHat, 4)} (transformed activation), exponent ${fmt.loss(v.exponent)}`,
    ].join('\n'),
    flagLines(v.flags),
    provenanceLines(v.provenance),
  );
}

function planRow(name: string, p: ResponseOf<'allocation.leverage'>['dense']): string[] {
  return [name, fmt.flops(p.flopsPerToken), fmt.count(p.tokens), fmt.powerOfTen(p.learningRate, 3), fmt.count(p.batchTokens)];
}

export const leverageCommands = [
  command({
    words: ['law', 'leverage'],
    summary: 'Efficiency leverage EL from --activation/--granularity, or from --experts/--active-experts/--shared-experts/--d-model/--d-expert',
    channel: 'law.leverage',
    example: 'law leverage --flops 1e22 --activation 0.031 --granularity 12',
    flags: {
      flops: { kind: 'number', unit: 'FLOPs', description: 'Training compute C in FLOPs, e.g. 1e22', required: true },
      activation: { kind: 'number', unit: 'ratio', description: 'Activation ratio A in (0, 1], e.g. 0.031 (form 1)' },
      granularity: { kind: 'number', unit: 'ratio', description: 'Granularity G = 2·d_model/d_expert (form 1)' },
      experts: { kind: 'number', unit: 'experts', description: 'E: routed experts per MoE layer (form 2)' },
      'active-experts': { kind: 'number', unit: 'experts', description: 'E_a: routed experts activated per token (form 2)' },
      'shared-experts': { kind: 'number', unit: 'experts', description: 'E_s: shared experts, always active (form 2; default 0)' },
      'd-model': { kind: 'number', unit: 'width', description: 'Model width d_model (form 2)', field: 'dModel' },
      'd-expert': { kind: 'number', unit: 'width', description: 'Hidden size of one expert d_expert (form 2)', field: 'dExpert' },
      coefficients: { kind: 'string', unit: 'id', description: 'Coefficient set id (default tian2025-leverage)', field: 'coefficientSetId' },
    },
    format: (v) => leverageText(v),
  }),
  command({
    words: ['optimum', 'leverage'],
    summary: 'Granularity G that maximises EL at an activation ratio and budget',
    channel: 'optimum.leverage',
    example: 'optimum leverage --activation 0.031 --flops 1e22',
    flags: {
      activation: { kind: 'number', unit: 'ratio', description: 'Activation ratio A in (0, 1]', required: true },
      flops: { kind: 'number', unit: 'FLOPs', description: 'Training compute C in FLOPs', required: true },
      coefficients: { kind: 'string', unit: 'id', description: 'Coefficient set id (default tian2025-leverage)', field: 'coefficientSetId' },
    },
    format: (v) => {
      if (!v.feasible) return joinBlocks(`No best granularity at A = ${pct(v.activation)}: ${v.reason}`, provenanceLines(v.provenance));
      return joinBlocks(
        [
          `At A = ${pct(v.activation)} and C = ${fmt.flops(v.flops)} FLOPs:`,
          `Best granularity G = ${fmt.significant(v.granularity)} (log₂ G = ${fmt.significant(v.log2Granularity)}; under this law the best G does not depend on A or C)`,
          `EL = ${fmt.times(v.el)}, equivalent dense compute ${fmt.flops(v.denseFlops)} FLOPs`,
        ].join('\n'),
        flagLines(v.flags),
        provenanceLines(v.provenance),
      );
    },
  }),
  command({
    words: ['allocation', 'leverage'],
    summary: 'Compute-optimal FLOPs/token, tokens, learning rate and batch for dense and MoE at a budget',
    channel: 'allocation.leverage',
    example: 'allocation leverage --flops 1e21',
    flags: {
      flops: { kind: 'number', unit: 'FLOPs', description: 'Training compute C in FLOPs (non-embedding)', required: true },
      coefficients: { kind: 'string', unit: 'id', description: 'Coefficient set id (default tian2025-leverage)', field: 'coefficientSetId' },
    },
    format: (v) =>
      joinBlocks(
        `Budget C = ${fmt.flops(v.flops)} FLOPs (C = M·D)`,
        table(['', 'M_opt (FLOPs/token)', 'D_opt (tokens)', 'peak LR', 'batch (tokens)'], [planRow('dense', v.dense), planRow('MoE', v.moe)]),
        'M counts non-embedding FLOPs per token, activated experts only for the MoE.',
        flagLines(v.flags),
        provenanceLines(v.provenance),
      ),
  }),
  command({
    words: ['leverage', 'reference'],
    summary: 'The Ling-mini-beta reference design: its shape, derived A, S and G, and its EL (default budget 6·N_active·D)',
    channel: 'leverage.reference',
    flags: {
      flops: { kind: 'number', unit: 'FLOPs', description: 'Training compute C (default 6·N_active·D of the reference run)' },
      coefficients: { kind: 'string', unit: 'id', description: 'Coefficient set id (default tian2025-leverage)', field: 'coefficientSetId' },
    },
    example: 'leverage reference --flops 1e22',
    format: (v) =>
      joinBlocks(
        [
          `${v.design.name} — ${v.design.citation}`,
          `N = ${fmt.count(v.design.totalParams)} total, ${fmt.count(v.design.activeParams)} active parameters; ${v.design.layers} layers, d_model = ${v.design.dModel}, d_expert = ${v.design.dExpert}`,
          `E = ${v.design.experts} routed, E_a = ${v.design.activeExperts} active, E_s = ${v.design.sharedExperts} shared; trained on ${fmt.count(v.design.trainingTokens)} tokens`,
          `A = ${pct(v.activation)}, G = ${numbers.significant(v.granularity)}, S = ${numbers.significant(v.sharedRatio)}`,
          `EL = ${fmt.times(v.el)} at C = ${fmt.flops(v.flops)} FLOPs (${v.flopsSource === 'request' ? 'given' : 'C = 3·M·D, non-embedding FLOPs as the law defines compute'}); equivalent dense compute ${fmt.flops(v.denseFlops)} FLOPs`,
          `Matched dense model: ${fmt.count(v.design.matchedDense.params)} parameters, ${v.design.matchedDense.layers} layers, d_model = ${v.design.matchedDense.dModel}, d_ffn = ${v.design.matchedDense.dFfn}`,
        ].join('\n'),
        v.design.notes,
        v.compute.note,
        flagLines(v.flags),
        provenanceLines(v.provenance),
      ),
  }),
  ...leverageContourCommands,
  ...leverageFromFitsCommands,
];
