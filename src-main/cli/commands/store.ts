import { command } from '../command';
import * as fmt from '../../format';
import { cliBytes, joinBlocks, table } from '../text';
import { storeFileCommands } from './store-file';
import { trashCommands } from './trash';
import { hardwareCommands } from './hardware';
import { coefficientCommands, LAWS, valuesTable } from './coefficients';

const listFlags = {
  search: { kind: 'string' as const, unit: 'text', description: 'Only names (or tags) containing this text' },
  sort: { kind: 'string' as const, description: 'name, updated (default) or created', choices: ['name', 'updated', 'created'] },
  order: { kind: 'string' as const, description: 'asc or desc', choices: ['asc', 'desc'] },
  limit: { kind: 'number' as const, unit: 'rows', description: 'Page size (default 100)' },
  trash: { kind: 'string' as const, description: 'exclude (default): leave out what is in the trash; only: the trash alone; include: both', choices: ['exclude', 'only', 'include'] },
};

/** A name as a list shows it: what is in the trash (listed with --trash) says so. */
const inTrash = (row: { name: string; deletedAt: string | null }) => `${row.name}${row.deletedAt ? ' (in the trash)' : ''}`;

export const storeCommands = [
  command({
    words: ['hardware', 'list'],
    summary: 'Hardware profiles (memory, peak dense bf16 FLOP/s, default utilisation)',
    channel: 'hardware.list',
    example: 'hardware list --json',
    flags: {},
    format: (v, values) =>
      joinBlocks(
        table(
          ['id', 'name', 'devices', 'memory/device', 'peak FLOP/s/device', 'utilisation'],
          v.profiles.map((p) => [p.id, p.name, String(p.deviceCount), fmt.bytes(p.memoryBytesPerDevice, cliBytes(values)), fmt.flops(p.peakFlopsPerDevice), String(p.defaultUtilization)]),
        ),
        `${fmt.byteConventionNote(cliBytes(values))} FLOP/s are dense bf16.`,
      ),
  }),
  command({
    words: ['coefficients', 'list'],
    summary: 'Coefficient sets with their law and provenance',
    channel: 'coefficients.list',
    example: 'coefficients list --law joint',
    flags: { law: { kind: 'string', description: 'Only sets for this law', choices: LAWS } },
    format: (v) => table(['id', 'law', 'provenance', 'name'], v.sets.map((s) => [s.id, s.law, s.provenance, s.name])),
  }),
  command({
    words: ['coefficients', 'show'],
    summary: 'One coefficient set: values, citation, provenance',
    channel: 'coefficients.get',
    example: 'coefficients show hoffmann2022',
    flags: {},
    positionals: [{ name: 'ID', field: 'id', description: 'the coefficient set id' }],
    format: (s) =>
      joinBlocks(
        `${s.name} [${s.id}] — ${s.law} law, ${s.provenance}${s.published ? ', published (read-only)' : ''}`,
        `Citation: ${s.citation}\nSource: ${s.source}`,
        valuesTable(s.values),
        s.notes,
      ),
  }),
  command({
    words: ['projects', 'list'],
    summary: 'Projects with their scenario counts',
    channel: 'projects.list',
    example: 'projects list --sort name --order asc',
    flags: listFlags,
    format: (v) => joinBlocks(table(['id', 'name', 'scenarios', 'updated'], v.items.map((p) => [p.id, inTrash(p), String(p.scenarioCount), p.updatedAt])), `${v.total} project(s)`),
  }),
  command({
    words: ['scenarios', 'list'],
    summary: 'Saved scenarios, by project, name, tag or wizard',
    channel: 'scenarios.list',
    example: 'scenarios list --tag baseline',
    flags: {
      ...listFlags,
      project: { kind: 'string', unit: 'id', description: 'Only this project id', field: 'projectId' },
      tag: { kind: 'string', unit: 'tag', description: 'Only scenarios with this tag' },
      wizard: { kind: 'string', unit: 'wizard', description: 'Only scenarios from this wizard (compute, memory, …)' },
    },
    format: (v) =>
      joinBlocks(
        table(
          ['id', 'name', 'wizard', 'tags', 'updated', 'inputs changed'],
          v.items.map((s) => [s.id, inTrash(s), s.wizard, s.tags.join(', '), s.updatedAt, s.inputsChanged ? 'yes' : '']),
        ),
        `${v.totalExact ? v.total : `more than ${v.total - 1}`} scenario(s)`,
      ),
  }),
  command({
    words: ['scenarios', 'show'],
    summary: 'One scenario: inputs, results snapshot, tags, whether its inputs changed',
    channel: 'scenarios.get',
    example: 'scenarios show SCENARIO_ID',
    flags: {},
    positionals: [{ name: 'ID', field: 'id', description: 'the scenario id' }],
    format: (s) =>
      joinBlocks(
        `${s.name} [${s.id}] — ${s.wizard} wizard, project ${s.projectId}`,
        `Tags: ${s.tags.join(', ') || '—'}\nCreated ${s.createdAt}, updated ${s.updatedAt}`,
        s.inputsChanged ? `! Inputs changed since the snapshot: ${s.changedInputs.map((c) => `${c.input} ${c.id} ${c.reason}`).join('; ')}` : '',
        s.snapshot && !s.snapshot.ok ? `! The saved results${s.snapshot.kind ? ` (${s.snapshot.kind})` : ''} cannot be read: ${s.snapshot.problem}` : '',
        `Inputs:\n${JSON.stringify(s.inputs, null, 2)}`,
        s.notes,
      ),
  }),
  ...storeFileCommands,
  ...trashCommands,
  ...hardwareCommands,
  ...coefficientCommands,
];
