/** `moe-workbench`: runs the services in-process and exits with the command's status. */
import { resolveDataDir } from '../services/paths';
import { APP_VERSION } from '../services/app-version';
import { runCli } from './run';

const result = await runCli(process.argv.slice(2), { transport: 'cli', dataDir: resolveDataDir(), appVersion: APP_VERSION });
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.code;
