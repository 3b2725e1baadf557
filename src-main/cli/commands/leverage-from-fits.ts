/**
 * `leverage from-fits`: EL from two loss–compute fits the planner made of their own runs,
 * L_X(C) = α_X·C^(−β_X) + b_X for dense and MoE (the Leverage page's "EL from your fits"):
 * the MoE's loss at its budget is the target, the dense fit's budget reaching it over the MoE's
 * is EL (Tian et al., arXiv:2507.17702, the paper's own definition).
 */
import type { ResponseOf } from '../../ipc/contract';
import * as fmt from '../../format';
import { command } from '../command';
import type { FlagSpec } from '../args';
import { flagLines, joinBlocks, provenanceLines } from '../text';

type FitFlags = Record<string, FlagSpec>;

/** The three numbers of one fit, as --dense-… or --moe-… options filling `dense.…` or `moe.…`. */
function fitFlags(which: 'dense' | 'moe', label: string): FitFlags {
  return {
    [`${which}-coefficient`]: { kind: 'number', unit: 'nats/token·FLOPs^β', description: `α of the ${label} fit L = α·C^(−β) + b`, required: true, field: `${which}.coefficient` },
    [`${which}-exponent`]: { kind: 'number', unit: 'exponent', description: `β of the ${label} fit (loss falls as C^(−β)), in (0, 10]`, required: true, field: `${which}.exponent` },
    [`${which}-offset`]: { kind: 'number', unit: 'nats/token', description: `b of the ${label} fit, its loss floor (default 0)`, field: `${which}.offset` },
  };
}

const flags: FitFlags = {
  flops: { kind: 'number', unit: 'FLOPs', description: 'C_MoE: the MoE training compute the comparison is made at, e.g. 1e21', required: true },
  ...fitFlags('dense', 'dense'),
  ...fitFlags('moe', 'MoE'),
};

function fromFitsText(v: ResponseOf<'leverage.fromFits'>, f: Record<string, unknown>): string {
  const fit = (which: 'dense' | 'moe') =>
    `L = ${fmt.significant(f[`${which}-coefficient`] as number)}·C^(−${fmt.significant(f[`${which}-exponent`] as number)}) + ${fmt.significant((f[`${which}-offset`] as number | undefined) ?? 0)}`;
  const given = [`Dense fit: ${fit('dense')} (nats/token, C in FLOPs)`, `MoE fit:   ${fit('moe')}`].join('\n');
  const answer = v.feasible
    ? [
        `At C_MoE = ${fmt.flops(v.moeFlops)} FLOPs the MoE reaches L* = ${fmt.loss(v.targetLoss)} nats/token`,
        `The dense fit reaches L* at C_dense = ((L* − b_dense)/α_dense)^(−1/β_dense) = ${fmt.flops(v.denseFlops)} FLOPs`,
        `EL = C_dense / C_MoE = ${fmt.times(v.el)}`,
      ].join('\n')
    : [`At C_MoE = ${fmt.flops(f.flops as number)} FLOPs the MoE reaches L* = ${fmt.loss(v.targetLoss)} nats/token`, `No EL: ${v.reason}`].join('\n');
  return joinBlocks(given, answer, flagLines(v.flags), provenanceLines(v.provenance));
}

export const leverageFromFitsCommands = [
  command({
    words: ['leverage', 'from-fits'],
    summary: 'EL implied by your own dense and MoE loss–compute fits L = α·C^(−β) + b, at the MoE budget',
    channel: 'leverage.fromFits',
    example: 'leverage from-fits --flops 1e21 --dense-coefficient 25 --dense-exponent 0.1 --dense-offset 1.6 --moe-coefficient 20 --moe-exponent 0.1 --moe-offset 1.6',
    flags,
    format: (v, f) => fromFitsText(v, f),
  }),
];
