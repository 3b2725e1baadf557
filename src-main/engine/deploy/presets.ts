/** Public architectures shipped with the app (resources/seed/architecture-presets.json), with their sources. */
import seed from '../../../resources/seed/architecture-presets.json';
import { parseHfConfig } from './hf-config';
import type { DeployModel } from './model';

export interface ArchitecturePreset {
  id: string;
  name: string;
  source: string;
  publishedTotalParams: number;
  publishedActiveParams: number;
  config: Record<string, unknown>;
}

export const ARCHITECTURE_PRESETS: readonly ArchitecturePreset[] = seed.presets;

export function presetModel(id: string): DeployModel | null {
  const p = ARCHITECTURE_PRESETS.find((x) => x.id === id);
  return p ? parseHfConfig(p.config, p.name) : null;
}
