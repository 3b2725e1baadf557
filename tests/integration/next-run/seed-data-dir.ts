/**
 * Seeds a data folder with a project of synthetic joint-law runs and a bootstrap fit of them
 * (tests/integration/next-run/fixture.ts), for the Next runs page; prints {projectId, setId, runs}.
 * Run with `node --import tsx tests/integration/next-run/seed-data-dir.ts DATA_DIR [SAMPLES NAME]` (the e2e tests do) while no
 * server holds the folder; SAMPLES bootstrap replicates (default 40) in a set called NAME (default "Fixture fit").
 */
import { lazyStore } from '../../../src-main/services/store-access';
import { APP_VERSION } from '../../../src-main/services/app-version';
import { fittedProject } from './fixture';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: seed-next-run.ts DATA_DIR');
const access = lazyStore(dataDir);
const [samples, name] = process.argv.slice(3);
fittedProject({ transport: 'cli', dataDir, appVersion: APP_VERSION, store: access.store }, { ...(samples ? { samples: Number(samples) } : {}), ...(name ? { name } : {}) })
  .then((f) => {
    process.stdout.write(JSON.stringify(f));
    access.close();
  })
  .catch((e: unknown) => {
    access.close();
    throw e;
  });
