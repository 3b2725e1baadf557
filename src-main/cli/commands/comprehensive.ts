/** CLI commands of the comprehensive five-factor MoE law (arXiv:2509.23678). */
import { command } from '../command';
import { flagLines, joinBlocks, provenanceLines } from '../text';
import * as fmt from '../../format';
import { comprehensiveSurfacesCommands } from './comprehensive-surfaces';

const pct = (x: number) => fmt.percent(x);

export const comprehensiveCommands = [
  command({
    words: ['law', 'comprehensive'],
    summary: 'Loss of the comprehensive MoE law for total N, tokens D, active N_a, activated experts G and shared ratio S',
    channel: 'law.comprehensive',
    example: 'law comprehensive --total 3e9 --tokens 50e9 --active 1e9 --active-experts 7 --shared-ratio 0.3',
    flags: {
      total: { kind: 'number', unit: 'parameters', description: 'N: total parameters', required: true },
      tokens: { kind: 'number', unit: 'tokens', description: 'D: training tokens', required: true },
      active: { kind: 'number', unit: 'parameters', description: 'N_a: activated parameters per token', required: true },
      'active-experts': { kind: 'number', unit: 'experts', description: 'G: activated experts per token (shared + routed)', required: true },
      'shared-ratio': { kind: 'number', unit: 'ratio', description: 'S: shared experts over activated experts, in [0, 1]', required: true },
      coefficients: { kind: 'string', unit: 'id', description: 'Coefficient set id (default moe-comprehensive-2025)', field: 'coefficientSetId' },
    },
    format: (v, f) =>
      joinBlocks(
        [
          `N = ${fmt.count(f.total as number)} parameters, N_a = ${fmt.count(f.active as number)} (${pct(v.activeRatio)} active), D = ${fmt.count(f.tokens as number)} tokens, G = ${f['active-experts']}, S = ${f['shared-ratio']}`,
          `loss = ${fmt.loss(v.loss)} (nats per token)`,
        ].join('\n'),
        flagLines(v.flags),
        provenanceLines(v.provenance),
      ),
  }),
  command({
    words: ['optimum', 'comprehensive'],
    summary: 'Optimal activated experts G, shared ratio S and activation ratio N_a/N (theoretical and at threshold τ) for a total size',
    channel: 'optimum.comprehensive',
    example: 'optimum comprehensive --total 30e9',
    flags: {
      total: { kind: 'number', unit: 'parameters', description: 'N: total parameters', required: true },
      threshold: { kind: 'number', unit: 'nats/token per pp', description: 'τ: loss per percentage point of N_a/N below which activation stops paying (default 0.004)' },
      coefficients: { kind: 'string', unit: 'id', description: 'Coefficient set id (default moe-comprehensive-2025)', field: 'coefficientSetId' },
    },
    format: (v) => {
      if (!v.feasible) return joinBlocks(`No optimum for N = ${fmt.count(v.total)}: ${v.reason}`, provenanceLines(v.provenance));
      return joinBlocks(
        [
          `For N = ${fmt.count(v.total)} total parameters:`,
          `G_opt = ${fmt.significant(v.activeExperts)} activated experts per token`,
          `S_opt = ${fmt.significant(v.sharedRatio)} (shared over activated experts)`,
          `N_a/N = ${pct(v.activeRatio)} theoretical optimum (N_a = ${fmt.count(v.active)} parameters)`,
          `N_a/N = ${pct(v.activeRatioEfficient)} efficiency-aware at τ = ${v.threshold} nats/token per percentage point (N_a = ${fmt.count(v.activeEfficient)})`,
        ].join('\n'),
        flagLines(v.flags),
        provenanceLines(v.provenance),
      );
    },
  }),
  ...comprehensiveSurfacesCommands,
];
