/** `optimum dense-moe`: the dense-vs-MoE allocation law (Wang et al., EMNLP 2024), calibrated per architecture from one compute-optimal run. */
import type { ResponseOf } from '../../ipc/contract';
import * as numbers from '../../format';
import { UsageError, type FlagSpec, type FlagValues } from '../args';
import { command } from '../command';
import { flagLines, joinBlocks, provenanceLines } from '../text';

type Optimum = ResponseOf<'denseMoe.optimum'>['dense'];

const ARCHS = ['dense', 'moe'] as const;

const calibrationFlags = (arch: (typeof ARCHS)[number]): Record<string, FlagSpec> => ({
  [`${arch}-flops`]: { kind: 'number', unit: 'FLOPs', description: `Budget of one known compute-optimal ${arch} run (calibrates the ${arch} optimum)` },
  [`${arch}-tokens`]: { kind: 'number', unit: 'tokens', description: `Its D_opt (give this or --${arch}-flops-per-token)` },
  [`${arch}-flops-per-token`]: { kind: 'number', unit: 'FLOPs/token', description: `Its N_opt in non-embedding FLOPs per token` },
});

/** One calibration point per architecture, from its three flags; a partial point is refused naming what is missing. */
function toRequest(v: FlagValues): Record<string, unknown> {
  const calibration: Record<string, unknown> = {};
  for (const arch of ARCHS) {
    const flops = v[`${arch}-flops`];
    const tokens = v[`${arch}-tokens`];
    const perToken = v[`${arch}-flops-per-token`];
    if (flops === undefined && tokens === undefined && perToken === undefined) continue;
    if (flops === undefined) throw new UsageError(`--${arch}-flops is needed with --${arch}-tokens or --${arch}-flops-per-token`);
    calibration[arch] = { source: 'point', flops, ...(tokens !== undefined ? { tokens } : {}), ...(perToken !== undefined ? { flopsPerToken: perToken } : {}) };
  }
  return { flops: v.flops, calibration, ...(v.coefficients ? { coefficientSetId: v.coefficients } : {}) };
}

function line(o: Optimum): string {
  const exps = `N_opt ∝ C to the power ${numbers.significant(o.exponents.nExp, 4)}, D_opt ∝ C to the power ${numbers.significant(o.exponents.dExp, 4)}`;
  if (!o.calibrated) return `${o.architecture}: not calibrated — ${o.reason} (${exps})`;
  return `${o.architecture}: N_opt = ${numbers.flops(o.flopsPerToken)} FLOPs/token, D_opt = ${numbers.count(o.tokens)} tokens (${exps}; from ${o.calibrationSource})`;
}

export const denseMoeCommands = [
  command({
    words: ['optimum', 'dense-moe'],
    summary: 'Compute-optimal FLOPs/token and tokens for dense and MoE under the dense-vs-MoE law, each calibrated from one compute-optimal run',
    channel: 'denseMoe.optimum',
    flags: {
      flops: { kind: 'number', unit: 'FLOPs', description: 'Training budget C', required: true },
      ...calibrationFlags('dense'),
      ...calibrationFlags('moe'),
      coefficients: { kind: 'string', unit: 'id', description: 'Coefficient set id (default: the published exponents)', field: 'coefficientSetId' },
    },
    example: 'optimum dense-moe --flops 1e22 --dense-flops 1e20 --dense-tokens 4e10 --moe-flops 1e20 --moe-tokens 8e10',
    toRequest,
    format: (v) =>
      joinBlocks(
        `At C = ${numbers.flops(v.flops)} FLOPs:`,
        [line(v.dense), line(v.moe)].join('\n'),
        `Data utilisation: the MoE's N exponent is ${numbers.percent(v.dataUtilisation.relativeGain)} above the dense one's.`,
        flagLines(v.flags),
        provenanceLines(v.provenance),
      ),
  }),
];
