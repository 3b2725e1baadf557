import { StoreError } from '../../../src-main/store';

/** Runs `fn` and returns the StoreError it throws; fails the test if it throws nothing or something else. */
export function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

/** storeError for a promise: the StoreError it rejects with. */
export async function storeRejection(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}
