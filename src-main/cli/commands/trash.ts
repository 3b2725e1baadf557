/**
 * Renaming, copying, deleting to the trash and restoring projects and scenarios, and emptying the
 * trash: the store's edits the app's Projects page makes, as commands. Delete moves to the trash
 * (`… list --trash only` shows it); only `trash empty --yes` removes anything for good.
 */
import { parseWordList } from '../../format';
import { UsageError, type FlagSpec, type FlagValues } from '../args';
import { command } from '../command';

const idOf = (what: 'project' | 'scenario') => [{ name: 'ID', field: 'id', description: `the ${what} id (see: ${what === 'project' ? 'projects' : 'scenarios'} list)` }];
const nameFlag = (description: string, required = false): FlagSpec => ({ kind: 'string', unit: 'text', description, ...(required ? { required } : {}) });

/** Any of the edits a rename takes; none at all is refused, naming them. */
function oneOf(values: FlagValues, flags: readonly string[]): void {
  if (!flags.some((f) => f in values)) throw new UsageError(`give at least one of ${flags.map((f) => `--${f}`).join(', ')}`);
}

/** `projects|scenarios delete` moves to the trash, `… restore` brings back: the same pair for both. */
function deleteAndRestore(what: 'project' | 'scenario') {
  const list = what === 'project' ? 'projects' : 'scenarios';
  const upper = what.toUpperCase();
  return [
    command({
      words: [list, 'delete'],
      summary: `Move a ${what}${what === 'project' ? ' (and its scenarios)' : ''} to the trash; ${list} restore brings it back`,
      channel: `${list}.delete` as 'projects.delete' | 'scenarios.delete',
      example: `${list} delete ${upper}_ID`,
      flags: {},
      positionals: idOf(what),
      format: (r) => `Moved ${what} "${r.name}" [${r.id}] to the trash (undo: moe-workbench ${list} restore ${r.id})`,
    }),
    command({
      words: [list, 'restore'],
      summary: `Bring a ${what} back from the trash`,
      channel: `${list}.restore` as 'projects.restore' | 'scenarios.restore',
      example: `${list} restore ${upper}_ID`,
      flags: {},
      positionals: idOf(what),
      format: (r) => `Restored ${what} "${r.name}" [${r.id}]`,
    }),
  ];
}

export const trashCommands = [
  command({
    words: ['projects', 'rename'],
    summary: 'Rename a project (or edit its notes)',
    channel: 'projects.update',
    example: 'projects rename PROJECT_ID --name "MoE 2028"',
    flags: { name: nameFlag('New project name'), notes: nameFlag('New notes (replace the old)') },
    positionals: idOf('project'),
    toRequest: (v) => {
      oneOf(v, ['name', 'notes']);
      return { ...(v.name !== undefined ? { name: v.name } : {}), ...(v.notes !== undefined ? { notes: v.notes } : {}) };
    },
    format: (p) => `Project "${p.name}" [${p.id}] saved`,
  }),
  command({
    words: ['projects', 'duplicate'],
    summary: 'Copy a project with its scenarios and runs',
    channel: 'projects.duplicate',
    example: 'projects duplicate PROJECT_ID --name "MoE 2027 (variant)"',
    flags: { name: nameFlag('Name of the copy (default: the name with a number, e.g. "MoE 2027 (2)")') },
    positionals: idOf('project'),
    format: (p) => `Copied to project "${p.name}" [${p.id}] with ${p.scenarioCount} scenario(s)`,
  }),
  command({
    words: ['scenarios', 'rename'],
    summary: 'Rename a scenario, or replace its tags or notes',
    channel: 'scenarios.update',
    example: 'scenarios rename SCENARIO_ID --name "1e22 baseline" --tags baseline,h100',
    flags: {
      name: nameFlag('New scenario name'),
      tags: { kind: 'string', unit: 'tag,…', description: 'Tags separated by commas, replacing the old ones ("" removes them all)' },
      notes: nameFlag('New notes (replace the old)'),
    },
    positionals: idOf('scenario'),
    toRequest: (v) => {
      oneOf(v, ['name', 'tags', 'notes']);
      return {
        ...(v.name !== undefined ? { name: v.name } : {}),
        ...(typeof v.tags === 'string' ? { tags: parseWordList(v.tags) } : {}),
        ...(v.notes !== undefined ? { notes: v.notes } : {}),
      };
    },
    format: (s) => `Scenario "${s.name}" [${s.id}] saved; tags: ${s.tags.join(', ') || '—'}`,
  }),
  command({
    words: ['scenarios', 'duplicate'],
    summary: 'Copy a scenario to explore a variant (into another project with --project)',
    channel: 'scenarios.duplicate',
    example: 'scenarios duplicate SCENARIO_ID --name "1e22, 16 experts"',
    flags: {
      name: nameFlag('Name of the copy (default: the name with a number, e.g. "MoE 2027 (2)")'),
      project: { kind: 'string', unit: 'id', description: 'Project to put the copy in (default: the same)', field: 'projectId' },
    },
    positionals: idOf('scenario'),
    format: (s) => `Copied to scenario "${s.name}" [${s.id}] in project ${s.projectId}`,
  }),
  ...deleteAndRestore('project'),
  ...deleteAndRestore('scenario'),
  command({
    words: ['trash', 'empty'],
    summary: 'Delete for good the projects and scenarios in the trash (all, or one project\'s scenarios); asks for --yes',
    channel: 'trash.empty',
    example: 'trash empty --yes',
    flags: {
      project: { kind: 'string', unit: 'id', description: 'Only the trashed scenarios of this project', field: 'projectId' },
      yes: { kind: 'boolean', description: 'Confirm: what is in the trash cannot be brought back afterwards (see it first: projects list --trash only, scenarios list --trash only)' },
    },
    toRequest: (v) => {
      if (!v.yes) throw new UsageError('this deletes for good what is in the trash: add --yes to confirm (see it first with projects list --trash only and scenarios list --trash only)');
      return typeof v.project === 'string' ? { projectId: v.project } : {};
    },
    format: (r) => `Deleted for good ${r.projects} project(s) and ${r.scenarios} scenario(s) from the trash`,
  }),
];
