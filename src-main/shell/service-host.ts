/**
 * The main process's side of the service process: forks it (Electron's utilityProcess), sends
 * it each call and returns its envelope. A process that dies fails the calls it had with the
 * reason and is forked again on the next call; on quit it is asked to close the store and exit.
 */
import type { Envelope } from '../ipc/contract/errors';
import { RemoteDispatch, type CallMessage } from '../ipc/remote';

export const SHUTDOWN = 'shutdown';

/** What the service process sees as `process.parentPort`. */
export interface ServiceProcessPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** What the host needs of a forked child (Electron's UtilityProcess, or a test's fake). */
export interface ServiceChild {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export type Fork = (entry: string, args: string[]) => ServiceChild;

export class ServiceHost {
  private child: { process: ServiceChild; remote: RemoteDispatch } | null = null;

  constructor(
    private readonly fork: Fork,
    private readonly entry: string,
    private readonly dataDir: string,
  ) {}

  private start(): { process: ServiceChild; remote: RemoteDispatch } {
    const child = this.fork(this.entry, ['--data-dir', this.dataDir]);
    const remote = new RemoteDispatch({ post: (m: CallMessage) => child.postMessage(m), onMessage: (l) => void child.on('message', l) });
    const started = { process: child, remote };
    child.on('exit', (code) => {
      remote.fail(`the service process exited with code ${code}`);
      if (this.child === started) this.child = null;
    });
    return started;
  }

  call(channel: string, payload: unknown): Promise<Envelope<unknown>> {
    this.child ??= this.start();
    return this.child.remote.call(channel, payload);
  }

  /** Asks the process to close the store and exit (on app quit). */
  stop(): void {
    this.child?.process.postMessage({ kind: SHUTDOWN });
    this.child = null;
  }
}
