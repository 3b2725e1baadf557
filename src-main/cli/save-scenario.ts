/**
 * `--save NAME --project ID [--tags …]` on the commands whose page saves scenarios (plan compute,
 * plan memory, plan inference, target, next-runs): the answer printed is kept as a scenario of that page's
 * wizard, with inputs in the page's own shape, so it opens, recomputes and reports like one saved
 * there. The save goes through `scenarios.create`, the same dispatch as the other transports.
 */
import type { ResponseOf } from '../ipc/contract';
import { parseWordList } from '../format';
import { UsageError, type FlagSpec, type FlagValues } from './args';
import type { Caller, CliIo } from './command';

export const SAVE_FLAGS: Record<string, FlagSpec> = {
  save: { kind: 'string', unit: 'name', description: 'Also save the answer as a scenario of this name (with --project)' },
  project: { kind: 'string', unit: 'id', description: 'Project to save into (see: projects list, projects create)', field: 'projectId' },
  tags: { kind: 'string', unit: 'tag,…', description: 'Tags of the saved scenario, separated by commas' },
};

/** Flags that are not part of the channel's request. */
export const SAVE_FLAG_NAMES = Object.keys(SAVE_FLAGS);

/** Refuses --save without --project before anything runs. */
export function checkSave(values: FlagValues): void {
  if (values.save !== undefined && values.project === undefined) throw new UsageError('--save needs --project (see: projects list, projects create)');
}

export interface ScenarioToSave {
  wizard: 'compute' | 'memory' | 'inference' | 'target' | 'next-run';
  inputs: Record<string, unknown>;
  results: unknown;
  coefficientSetId: string | null;
  /** The hardware profile the answer was costed or sized on, so the scenario lists under it. */
  hardwareProfileId?: string | null | undefined;
}

/** Saves when --save was given; says what was saved on stderr, so --json output stays the response. */
export async function saveScenario(values: FlagValues, call: Caller, io: CliIo, s: ScenarioToSave): Promise<void> {
  if (values.save === undefined) return;
  const env = await call('scenarios.create', {
    projectId: values.project,
    name: values.save,
    wizard: s.wizard,
    inputs: s.inputs,
    results: s.results,
    coefficientSetId: s.coefficientSetId,
    ...(s.hardwareProfileId ? { hardwareProfileId: s.hardwareProfileId } : {}),
    ...(typeof values.tags === 'string' ? { tags: parseWordList(values.tags) } : {}),
  });
  if (!env.ok) throw new Error(`could not save the scenario: ${env.error.message}`);
  const saved = env.value as ResponseOf<'scenarios.create'>;
  io.error(`Saved scenario "${saved.name}" [${saved.id}] in project ${saved.projectId}\n`);
}
