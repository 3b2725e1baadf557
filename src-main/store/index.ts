/** Public API of the project store. Services import from here only. */
export { openStore, LATEST_SCHEMA_VERSION, type Store, type OpenStoreOptions } from './store';
export { resolveDataDir, databasePath, DATA_DIR_ENV, DATABASE_FILE_NAME } from './data-dir';
export { listBackups, restoreBackup, type RestoreResult } from './backups';
export { StoreError, isStoreError, fromSqliteError, type StoreErrorCode, type BackupInfo } from './errors';
export { MIGRATIONS, type Migration } from './migrations';
export { BUNDLED_SEEDS, type SeedData, type SeedReport } from './seeds';
export { PROJECT_FORMAT_VERSION, READABLE_PROJECT_FORMATS, projectFileSchema, readProjectFileHead, prepareScenario, parseProjectText, type ProjectFile, type ImportSource, type ImportHead, type PreparedScenario } from './project-file';
export type { ImportResult, ImportOptions, ImportProgress } from './project-transfer';
export type { ListOptions, TrashFilter } from './context';
export type { HardwareProfileInput, HardwareProfilePatch, HardwareProfileRepository } from './repositories/hardware-profiles';
export type {
  CoefficientSetInput,
  CoefficientSetPatch,
  DuplicateCoefficientSetOptions,
  CoefficientSetRepository,
} from './repositories/coefficient-sets';
export type { ProjectInput, ProjectPatch, ProjectRepository } from './repositories/projects';
export type { ScenarioInput, ScenarioPatch, ScenarioListOptions, ScenarioRepository } from './repositories/scenarios';
export type { RunInput, RunRepository } from './repositories/runs';
export type { FitRecordRepository } from './repositories/fit-records';
export { FIT_RECORD_VERSION } from '../schema/fit-record';
export * from './types';
