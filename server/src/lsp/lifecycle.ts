import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { Logger } from './adapter';

/** The LSP lifecycle (LSP 3.17 "Server lifecycle"): a request before `initialize` is answered
 *  ServerNotInitialized (-32002) and a notification dropped; a request after `shutdown` is answered
 *  InvalidRequest. Every handler, synchronous or not, is guarded: what it throws or rejects with is
 *  logged and answered as an error (a request) or dropped (a notification), never left to end the
 *  process. */
export class Lifecycle {
  private state: 'new' | 'running' | 'shutdown' = 'new';

  constructor(private readonly log: Logger) {}

  /** `initialize` has been answered: requests are served. */
  start(): void {
    if (this.state === 'new') this.state = 'running';
  }

  shutdown(): void {
    this.state = 'shutdown';
  }

  get running(): boolean {
    return this.state === 'running';
  }

  private refusal(): ResponseError<void> {
    return this.state === 'new'
      ? new ResponseError(ErrorCodes.ServerNotInitialized, 'istio-lens: the server is not initialized yet (send initialize first)')
      : new ResponseError(ErrorCodes.InvalidRequest, 'istio-lens: the server is shut down');
  }

  /** A request handler that answers only while running, and answers an exception as InternalError. */
  request<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R | Promise<Awaited<R> | ResponseError<void>> | ResponseError<void> {
    return (...args: A) => {
      if (!this.running) return this.refusal();
      try {
        const r = fn(...args);
        return r instanceof Promise ? (r.catch((e: unknown) => this.failed(name, e)) as Promise<Awaited<R> | ResponseError<void>>) : r;
      } catch (e) {
        return this.failed(name, e);
      }
    };
  }

  /** A notification handler that runs only while running; what it throws or rejects with is logged. */
  notification<A extends unknown[]>(name: string, fn: (...args: A) => unknown): (...args: A) => void {
    return (...args: A) => {
      if (!this.running) return;
      try {
        const r = fn(...args);
        if (r instanceof Promise) r.catch((e: unknown) => this.failed(name, e));
      } catch (e) {
        this.failed(name, e);
      }
    };
  }

  private failed(name: string, e: unknown): ResponseError<void> {
    if (e instanceof ResponseError) return e;
    this.log(`istio-lens: ${name} failed: ${(e as Error)?.stack ?? String(e)}`);
    return new ResponseError(ErrorCodes.InternalError, `istio-lens: ${name} failed: ${(e as Error)?.message ?? String(e)}`);
  }
}

/** The last line of defence: an exception or rejection no handler caught is logged and the server
 *  keeps serving (Node's default is to print it and exit with code 1). */
export function guardProcess(log: Logger): void {
  let logging = false;
  let reported = 0;
  const report = (what: string) => (e: unknown) => {
    // Not while the log itself fails (the client is gone), and not forever in a loop of failures.
    if (logging || ++reported > 1000) return;
    logging = true;
    try {
      log(`istio-lens: ${what} (the server keeps serving): ${(e as Error)?.stack ?? String(e)}`);
    } catch {
      // ignore
    } finally {
      logging = false;
    }
  };
  process.on('uncaughtException', report('uncaught exception'));
  process.on('unhandledRejection', report('unhandled rejection'));
}
