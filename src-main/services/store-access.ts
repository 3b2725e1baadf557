import { openStore, isStoreError, type Store } from '../store';
import { ServiceError } from './errors';

/**
 * One store per process, opened on first use, so computing a law never waits on (or fails
 * because of) the database. A store that cannot open (damaged, newer) is reported on every
 * call that needs it, with its reason, and never modified.
 */
export function lazyStore(dataDir: string, options: { backgroundCheckpoints?: boolean } = {}): { store: () => Store; close: () => void } {
  let store: Store | null = null;
  return {
    store: () => {
      if (store) return store;
      try {
        store = openStore({ dataDir, ...options });
        return store;
      } catch (err) {
        if (isStoreError(err)) {
          const backups = err.backups?.length ? ` Backups: ${err.backups.map((b) => b.path).join(', ')}.` : '';
          throw new ServiceError('store-unavailable', `${err.message}${backups}`);
        }
        throw err;
      }
    },
    close: () => {
      store?.close();
      store = null;
    },
  };
}
