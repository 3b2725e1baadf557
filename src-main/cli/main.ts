/** `moe-workbench`: runs the services in-process and exits with the command's status. */
import { resolveDataDir } from '../services/paths';
import { APP_VERSION } from '../services/app-version';
import { runCli } from './run';
import { lazyStore } from '../services/store-access';

const dataDir = resolveDataDir();
const access = lazyStore(dataDir);
const result = await runCli(process.argv.slice(2), { transport: 'cli', dataDir, appVersion: APP_VERSION, store: access.store });
access.close();
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.code;
