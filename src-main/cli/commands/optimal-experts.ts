/**
 * `table optimal-experts`: the joint law's Table 2 as the Memory page shows it, the best expert
 * count for each training budget × memory budget (the paper's three devices, or hardware profiles).
 */
import { command } from '../command';
import * as numbers from '../../format';
import { toRequest, UsageError, type FlagSpec } from '../args';
import { cliBytes, joinBlocks, provenanceLines, rowFlagLines, table } from '../text';
import { planFlags } from './joint';
import { defaultJointInputs } from '../../ipc/contract/plan-inputs';

const shared = (name: string) => planFlags[name] as FlagSpec;

const flags: Record<string, FlagSpec> = {
  budgets: { kind: 'axis', unit: 'FLOPs', description: 'Training budgets, a list or FROM:TO:FACTOR (default the paper\'s 1e20:1e24:10)' },
  hardware: { kind: 'string', unit: 'id,…', description: 'Hardware profiles whose whole memory is a column, comma-separated (default the paper\'s RTX 4090, H100 and 8×H100; see: hardware list)', field: 'hardwareIds' },
  experts: shared('experts'),
  'fitted-experts-only': shared('fitted-experts-only'),
  'inference-tokens': { kind: 'number', unit: 'tokens', description: 'Lifetime inference tokens paid from each budget (default 0)' },
  'model-only': { kind: 'boolean', description: 'Count weights only, not the KV cache' },
  'kv-tokens': shared('kv-tokens'),
  'weight-bytes': shared('weight-bytes'),
  'kv-bytes': shared('kv-bytes'),
  coefficients: shared('coefficients'),
};

export const optimalExpertCommands = [
  command({
    words: ['table', 'optimal-experts'],
    summary: 'Optimal expert count for training budgets × memory budgets (the joint law\'s Table 2, the Memory page\'s table)',
    channel: 'table.optimalExperts',
    example: 'table optimal-experts --budgets 1e21,1e23 --hardware h100-sxm,8xh100',
    flags,
    toRequest: (v) => {
      const req = toRequest(v, flags, ['hardware', 'model-only', 'json', 'help', 'bytes', 'explain']);
      if (typeof v.hardware === 'string') {
        const ids = v.hardware.split(',').map((s) => s.trim());
        if (ids.some((id) => id === '')) throw new UsageError(`--hardware: "${v.hardware}" has an empty profile id`);
        req.hardwareIds = ids;
      }
      if (v['model-only']) req.memoryMode = 'model';
      return req;
    },
    format: (t, values) => {
      const convention = cliBytes(values);
      const column = (m: (typeof t.memories)[number]) => `${m.id} (${numbers.bytes(m.bytes, convention)})`;
      const rows = t.budgets.map((flops, i) => [
        numbers.flops(flops),
        ...(t.cells[i] ?? []).map((c) => (c.feasible && c.bestExperts !== null ? `E = ${c.bestExperts}, ${numbers.count(c.nAct)} active (${c.bindingConstraint})` : 'none fits')),
      ]);
      const counted = values['model-only'] ? 'weights only' : `weights + KV cache of ${numbers.whole((values['kv-tokens'] as number | undefined) ?? defaultJointInputs().kvTokens)} tokens`;
      return joinBlocks(
        `Best E (lowest predicted loss) per training budget and memory budget, the memory counting ${counted}; in parentheses what binds the design, compute or memory.`,
        table(['training budget (FLOPs)', ...t.memories.map(column)], rows),
        numbers.byteConventionNote(convention),
        rowFlagLines(t.budgets.flatMap((flops, i) => (t.cells[i] ?? []).map((c, j) => ({ label: `${numbers.flops(flops)} FLOPs on ${column(t.memories[j]!)}`, flags: c.flags })))),
        provenanceLines(t.provenance),
      );
    },
  }),
];
