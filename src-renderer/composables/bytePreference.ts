/**
 * Keeps the navigation column's memory-units choice and the saved preference (app.preferences)
 * as one setting: read once at start-up, saved on every change. `savedByteConvention` moves only
 * once the main side holds the new choice, so answers asked again then come back in it.
 */
import { watch } from 'vue';
import { call } from '../api/client';
import { byteConvention, savedByteConvention } from './units';

export async function syncBytePreference(): Promise<void> {
  try {
    const p = await call('app.preferences', {});
    savedByteConvention.value = p.byteConvention;
    byteConvention.value = p.byteConvention;
  } catch {
    // Unreadable preferences leave the default; the choice still works for this session.
  }
  watch(byteConvention, async (c) => {
    if (c === savedByteConvention.value) return;
    try {
      savedByteConvention.value = (await call('app.setPreferences', { byteConvention: c })).byteConvention;
    } catch {
      // A read-only data folder: the pages follow the choice, the services keep the saved one.
    }
  });
}
