import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the app keeps its data when no folder is given: MOE_WORKBENCH_DATA wins (tests and the
 * CLI use it), then the platform's usual per-user application-data folder. Electron passes its
 * own userData path as `fallback` so that all three transports agree on one folder.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, fallback?: string): string {
  const fromEnv = env.MOE_WORKBENCH_DATA?.trim();
  if (fromEnv) return fromEnv;
  if (fallback) return fallback;
  const home = homedir();
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'MoE Workbench');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'MoE Workbench');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'MoE Workbench');
  }
}
