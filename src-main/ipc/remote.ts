/**
 * Dispatch across a message port: the protocol between the process or thread that receives a
 * call (Electron's main process, the browser mode's request thread) and the one that runs the
 * handlers (Electron's utility process, a worker thread). The far side runs the same `dispatch`;
 * this only carries calls and envelopes, matched by id, so answers may come back in any order.
 */
import type { Envelope } from './contract/errors';

/**
 * Channels whose handlers can hold a thread for long (PDF, CSV, sweeps, exports, blocking fits).
 * Not projects.import: it writes on the store's own thread, a short chunk at a time, and parses
 * and checks the file in a worker of its own (services/import), so saves never wait on another
 * connection's write lock.
 */
export const HEAVY_CHANNELS: ReadonlySet<string> = new Set([
  'reports.pdf',
  'reports.csv',
  'sweep.isoFlop',
  'sweep.memory',
  'sweep.savings',
  'projects.export',
  'fit.run',
  // Reverse planning: 3 laws × 7 E × 4 objectives, and each fitted set's bootstrap replan (~40 ms for 200 replicates).
  'plan.target',
]);

export interface CallMessage {
  kind: 'call';
  id: number;
  channel: string;
  payload: unknown;
}

export interface ReplyMessage {
  kind: 'reply';
  id: number;
  envelope: Envelope<unknown>;
}

/** The least a port must do: worker_threads' MessagePort/parentPort and Electron's ports are adapted to it. */
export interface Port<In, Out> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}

const isCall = (m: unknown): m is CallMessage =>
  typeof m === 'object' && m !== null && (m as CallMessage).kind === 'call' && Number.isInteger((m as CallMessage).id) && typeof (m as CallMessage).channel === 'string';

/**
 * The handler side: runs each call with `run` (the one dispatch) and posts its envelope back.
 * With `sequential`, calls run one after another in arrival order (a worker that opens and
 * closes its store around each call); otherwise they run as they come, as in-process dispatch
 * does (a fit.status must not wait behind a fit.run).
 */
export function serveCalls(port: Port<unknown, ReplyMessage>, run: (channel: string, payload: unknown) => Promise<Envelope<unknown>>, opts: { sequential?: boolean } = {}): void {
  let queue: Promise<void> = Promise.resolve();
  port.onMessage((message) => {
    if (!isCall(message)) return;
    const answer = async () => {
      let envelope: Envelope<unknown>;
      try {
        envelope = await run(message.channel, message.payload);
      } catch (err) {
        // dispatch never throws; this guards the port itself against a bug.
        envelope = { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
      }
      port.post({ kind: 'reply', id: message.id, envelope });
    };
    if (opts.sequential) queue = queue.then(answer);
    else void answer();
  });
}

/** The answer to a call whose far side is gone (exited, crashed), saying why. */
export function serviceStopped(reason: string): Envelope<unknown> {
  return { ok: false, error: { code: 'internal', message: `The service process stopped: ${reason}` } };
}

/** The calling side: one pending promise per call, settled by the reply with its id. */
export class RemoteDispatch {
  private nextId = 1;
  private readonly pending = new Map<number, (e: Envelope<unknown>) => void>();
  private lost: string | null = null;

  constructor(private readonly port: Port<unknown, CallMessage>) {
    port.onMessage((m) => {
      const reply = m as ReplyMessage;
      if (typeof reply !== 'object' || reply === null || reply.kind !== 'reply') return;
      const settle = this.pending.get(reply.id);
      if (!settle) return;
      this.pending.delete(reply.id);
      settle(reply.envelope);
    });
  }

  /** How many calls are waiting for their answer (a pool gives a call only to a worker with none). */
  get load(): number {
    return this.pending.size;
  }

  call(channel: string, payload: unknown): Promise<Envelope<unknown>> {
    if (this.lost) return Promise.resolve(serviceStopped(this.lost));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.port.post({ kind: 'call', id, channel, payload });
    });
  }

  /** The far side is gone (exited, crashed): every waiting call and every later one gets an internal error saying why. */
  fail(reason: string): void {
    this.lost = reason;
    for (const settle of this.pending.values()) settle(serviceStopped(reason));
    this.pending.clear();
  }
}
