/** `moe-workbench`: runs the services in-process and exits with the command's status. */
import { tuneOptimiserForOneCommand } from './optimiser';
import { runCli } from './run';
import { cliSession, processIo } from './session';

tuneOptimiserForOneCommand();
const session = cliSession();
try {
  const { code } = await runCli(process.argv.slice(2), session.context, processIo());
  process.exitCode = code;
} finally {
  session.close();
}
