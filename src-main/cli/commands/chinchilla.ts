/** CLI commands of the Chinchilla dense baseline. */
import type { ResponseOf } from '../../ipc/contract';
import { command } from '../command';
import { flagLines, joinBlocks, provenanceLines } from '../text';
import * as fmt from '../../format';

const coefficientsFlag = {
  kind: 'string' as const,
  unit: 'id',
  description:
    'Coefficient set id: besiroglu2024 (default, Epoch AI replication), hoffmann2022 (Hoffmann et al. Approach 3), or a Chinchilla-form set you fitted (`fit --law chinchilla`, then `coefficients list`)',
  field: 'coefficientSetId',
};

function text(v: ResponseOf<'law.chinchilla'> & { approach?: string }, heading: string): string {
  return joinBlocks(
    [
      heading,
      `N = ${fmt.count(v.params)} parameters, D = ${fmt.count(v.tokens)} tokens (${fmt.significant(v.tokensPerParam)} tokens per parameter)`,
      `Training compute F = 6·N·D = ${fmt.flops(v.flops)} FLOPs`,
      `loss = ${fmt.loss(v.loss)} (nats per token)`,
    ].join('\n'),
    v.approach ? `Coefficients from: ${fmt.prose(v.approach)}` : '',
    flagLines(v.flags),
    provenanceLines(v.provenance),
  );
}

export const chinchillaCommands = [
  command({
    words: ['law', 'chinchilla'],
    summary: 'Loss of the Chinchilla dense law for N parameters on D tokens',
    channel: 'law.chinchilla',
    example: 'law chinchilla --params 70e9 --tokens 1.4e12',
    flags: {
      params: { kind: 'number', unit: 'parameters', description: 'N: model parameters', required: true },
      tokens: { kind: 'number', unit: 'tokens', description: 'D: training tokens', required: true },
      coefficients: coefficientsFlag,
    },
    format: (v) => text(v, 'Dense model:'),
  }),
  command({
    words: ['plan', 'chinchilla'],
    summary: 'Compute-optimal dense model size and tokens for a FLOP budget',
    channel: 'plan.chinchilla',
    example: 'plan chinchilla --flops 5.76e23 --coefficients besiroglu2024',
    flags: {
      flops: { kind: 'number', unit: 'FLOPs', description: 'Training budget F in FLOPs', required: true },
      coefficients: coefficientsFlag,
    },
    format: (v) => text(v, `Compute-optimal dense model at F = ${fmt.flops(v.flops)} FLOPs:`),
  }),
];
