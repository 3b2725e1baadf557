/**
 * Finding files the app ships in `resources/` (the report fonts). The same code runs from the
 * sources (tsx: src-main/reports/), from the electron-vite bundle (out/main/) and from the
 * packaged app (the same folders inside app.asar), so the folder is looked for upward from this
 * module, then next to Electron's resources path, then in the working directory.
 * MOE_WORKBENCH_RESOURCES overrides all of them.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function moduleDir(): string | null {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return typeof __dirname === 'string' ? __dirname : null;
  }
}

/** Folders that may hold `resources/`, most specific first. */
function candidateRoots(): string[] {
  const roots: string[] = [];
  const here = moduleDir();
  if (here) {
    let dir = here;
    for (let i = 0; i < 6; i++) {
      roots.push(dir);
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) roots.push(join(resourcesPath, 'app.asar'), join(resourcesPath, 'app'), resourcesPath);
  roots.push(process.cwd());
  return roots;
}

/** Absolute path of `resources/<relative>`; throws naming every place looked in. */
export function resourcePath(relative: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env.MOE_WORKBENCH_RESOURCES;
  if (override && existsSync(join(override, relative))) return join(override, relative);
  const tried: string[] = [];
  for (const root of candidateRoots()) {
    const p = join(root, 'resources', relative);
    if (existsSync(p)) return p;
    tried.push(p);
  }
  throw new Error(`The app's resource "${relative}" is missing; looked in ${tried.join(', ')}`);
}

/** The report fonts: DejaVu Sans (Bitstream Vera licence, resources/fonts/LICENSE-DejaVu.txt). */
export function reportFonts(env: NodeJS.ProcessEnv = process.env): { regular: string; bold: string } {
  return { regular: resourcePath('fonts/DejaVuSans.ttf', env), bold: resourcePath('fonts/DejaVuSans-Bold.ttf', env) };
}
