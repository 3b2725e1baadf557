/**
 * Which better-sqlite3 native module the store loads. MOE_WORKBENCH_SQLITE_BINDING is a
 * development override (run the app against another build); a packaged app ignores it and
 * loads only the module it ships, so nobody can make it load a native library of their choosing.
 */
export const SQLITE_BINDING_ENV = 'MOE_WORKBENCH_SQLITE_BINDING';

export function sqliteBinding(o: { isPackaged: boolean; bundled: string | null; override: string | undefined }): string | null {
  if (o.isPackaged) return o.bundled;
  const override = o.override?.trim();
  return override ? override : o.bundled;
}
