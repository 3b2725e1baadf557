import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveDataDir as resolveWithFallback } from '../store';

/**
 * The data folder: MOE_WORKBENCH_DATA wins (tests and the CLI use it), then `fallback` (Electron
 * passes its userData path), then the platform's usual per-user application-data folder, so the
 * desktop app, the browser mode and the CLI agree on one folder.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, fallback?: string): string {
  return resolveWithFallback(env, fallback ?? platformDataDir(env));
}

function platformDataDir(env: NodeJS.ProcessEnv): string {
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
