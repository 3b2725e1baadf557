/** The stale badge of a saved scenario: which profile or coefficient set changed, by the name a planner knows it by. */
import type { ResponseOf } from '../../src-main/ipc/contract';
import type { useCatalog } from '../stores/catalog';

type Change = ResponseOf<'scenarios.list'>['items'][number]['changedInputs'][number];

export function staleBadgeText(changes: readonly Change[], catalog: Pick<ReturnType<typeof useCatalog>, 'profile' | 'sets'>): string {
  return changes
    .map((c) => {
      const what = c.input === 'hardwareProfile' ? 'hardware profile' : 'coefficient set';
      const name = c.input === 'hardwareProfile' ? catalog.profile(c.id)?.name : catalog.sets.find((s) => s.id === c.id)?.name;
      // A deleted one has no name left to show; its id is all the scenario kept.
      return `${what} ${name ? `“${name}”` : c.id} ${c.reason}`;
    })
    .join('; ');
}
