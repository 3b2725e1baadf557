import type { ImportOptions, Store } from '../store';
import type { ByteConvention } from '../format';

/** What every service call may use: who is calling, where the data lives, and the store. */
export interface ServiceContext {
  transport: 'electron' | 'web' | 'cli';
  dataDir: string;
  appVersion: string;
  /** Opens the project store on first use; throws ServiceError('store-unavailable') when it cannot. */
  store: () => Store;
  /** Closes the store if open (the next store() reopens it): restoring a backup needs the file free. */
  releaseStore?: () => void;
  /** Worker threads a fit may use (default: every core); the CLI and tests may ask for fewer. */
  fitWorkers?: number;
  /** Memory in this convention in the sentences services write, instead of the saved preference (the CLI's --bytes). */
  byteConvention?: ByteConvention;
  /**
   * Where the report renderer's compiled code is kept between processes (reports/renderer.ts);
   * the data folder's code-cache/ unless given (the throwaway warm-up report keeps the user's,
   * though its store is a temporary one).
   */
  codeCacheDir?: string;
  /** How projects.import writes its chunks; tests size them and park the import between two (onChunk). */
  importOptions?: ImportOptions;
}
