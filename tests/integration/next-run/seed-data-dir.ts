/**
 * Seeds a data folder with a project of synthetic joint-law runs and a bootstrap fit of them
 * (tests/integration/next-run/fixture.ts), for the Next runs page; prints {projectId, setId, runs}.
 * Run with `node --import tsx tests/integration/next-run/seed-data-dir.ts DATA_DIR` (the e2e test does) while no server holds the folder.
 */
import { lazyStore } from '../../../src-main/services/store-access';
import { APP_VERSION } from '../../../src-main/services/app-version';
import { fittedProject } from './fixture';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: seed-next-run.ts DATA_DIR');
const access = lazyStore(dataDir);
fittedProject({ transport: 'cli', dataDir, appVersion: APP_VERSION, store: access.store })
  .then((f) => {
    process.stdout.write(JSON.stringify(f));
    access.close();
  })
  .catch((e: unknown) => {
    access.close();
    throw e;
  });
