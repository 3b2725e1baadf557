/**
 * The CLI process's service context and streams. The data folder and the store are looked up
 * on the first channel call, so `--help` loads neither (nor the services behind them).
 */
import type { ServiceContext } from '../services';
import type { CliIo } from './command';

export function cliSession(env: NodeJS.ProcessEnv = process.env): { context: () => Promise<ServiceContext>; close: () => void } {
  let close = () => {};
  const context = async (): Promise<ServiceContext> => {
    const [{ resolveDataDir }, { APP_VERSION }, { lazyStore }] = await Promise.all([
      import('../services/paths'),
      import('../services/app-version'),
      import('../services/store-access'),
    ]);
    const dataDir = resolveDataDir(env);
    const access = lazyStore(dataDir);
    close = access.close;
    return { transport: 'cli', dataDir, appVersion: APP_VERSION, store: access.store, releaseStore: access.close };
  };
  return { context, close: () => close() };
}

export function processIo(): CliIo {
  // A reader that stops early (`| head`) is not an error of ours.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  return {
    write: (t) => process.stdout.write(t),
    writeBytes: (b) => process.stdout.write(b),
    drained: () => new Promise((resolve) => process.stdout.once('drain', resolve)),
    error: (t) => void process.stderr.write(t),
    stdin: () => process.stdin.setEncoding('utf8') as AsyncIterable<string>,
  };
}
