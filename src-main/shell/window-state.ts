import { chmodSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

/** Reads the saved window state; anything missing or malformed falls back to the default. */
export function loadWindowState(file: string): WindowState {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
    const width = num(raw.width);
    const height = num(raw.height);
    if (!width || !height || width < 400 || height < 300) return DEFAULT_WINDOW_STATE;
    const x = num(raw.x);
    const y = num(raw.y);
    return { width, height, maximized: raw.maximized === true, ...(x !== undefined && y !== undefined ? { x, y } : {}) };
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  // owner-only, like the data folder: window geometry is nobody else's business
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Keeps a remembered position only if it still lies on one of the current displays. */
export function visibleOn(state: WindowState, displays: Array<{ x: number; y: number; width: number; height: number }>): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const onScreen = displays.some((d) => x >= d.x - 50 && y >= d.y - 50 && x < d.x + d.width - 100 && y < d.y + d.height - 100);
  return onScreen ? state : { width: state.width, height: state.height, maximized: state.maximized };
}
