/** A small LSP client over stdio (Content-Length framing) for benchmarks: it times requests,
 *  waits for notifications that satisfy a predicate, answers the server's own requests and reads
 *  the server process's memory from /proc. Every wait has a timeout; `stop` always kills. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string };
}

/** A notification with the time (performance.now()) its last byte was read. */
export interface Received {
  method: string;
  params: any;
  at: number;
}

type ServerRequestHandler = (params: any) => unknown;

interface Waiter {
  test: (n: Received) => boolean;
  resolve: (n: Received) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class TimeoutError extends Error {}

const running = new Set<LspClient>();
// Whatever happens to the benchmark, no server outlives it.
process.on('exit', () => {
  for (const c of running) c.kill();
});

export class LspClient {
  /** textDocumentSync change kind from the initialize result (1 = full, 2 = incremental). */
  syncKind = 2;
  private readonly child: ChildProcess;
  private buffer: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private waiters: Waiter[] = [];
  private readonly handlers = new Map<string, ServerRequestHandler>();
  private readonly listeners: ((n: Received) => void)[] = [];
  private exited: Error | undefined;
  stderr = '';

  constructor(readonly name: string, command: string, args: string[], cwd: string) {
    this.child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr!.on('data', (chunk: Buffer) => {
      // Keep the tail only: a chatty server must not grow the benchmark's own memory.
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.child.stdin!.on('error', () => undefined);
    running.add(this);
    this.child.on('exit', () => running.delete(this));
    this.child.on('exit', (code, signal) => this.failAll(new Error(`${name} exited (code ${code}, signal ${signal}); stderr: ${this.stderr.slice(-500)}`)));
    this.child.on('error', (e) => this.failAll(e));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Answers `method` requests from the server (workspace/configuration, progress creation...). */
  handle(method: string, handler: ServerRequestHandler): void {
    this.handlers.set(method, handler);
  }

  onNotification(listener: (n: Received) => void): void {
    this.listeners.push(listener);
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Sends a request; resolves with the response and its latency in ms. Rejects on timeout or error. */
  async request(method: string, params: unknown, timeoutMs = 30_000): Promise<{ result: any; ms: number }> {
    const id = this.nextId++;
    const start = performance.now();
    const response = await new Promise<Message>((resolve, reject) => {
      if (this.exited) return reject(this.exited);
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.notify('$/cancelRequest', { id });
        reject(new TimeoutError(`${this.name}: ${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
    const ms = performance.now() - start;
    if (response.error) throw Object.assign(new Error(`${this.name}: ${method}: ${response.error.message}`), { code: response.error.code });
    return { result: response.result, ms };
  }

  /** Resolves with the first notification, from now on, that passes `test`. */
  waitFor(test: (n: Received) => boolean, timeoutMs: number, what = 'notification'): Promise<Received> {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(this.exited);
      const waiter: Waiter = {
        test, resolve, reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new TimeoutError(`${this.name}: no ${what} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** VmRSS (current) and VmHWM (peak) of the server process, in MB. */
  memory(): { rssMb: number; peakMb: number } {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    } catch {
      return { rssMb: NaN, peakMb: NaN };
    }
  }

  /** shutdown + exit, then SIGKILL whatever is left after a grace period. Never throws. */
  async stop(graceMs = 2000): Promise<void> {
    if (!this.exited) {
      try {
        await this.request('shutdown', null, graceMs);
        this.notify('exit', null);
      } catch {
        // a server that does not answer is killed below
      }
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, graceMs);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Immediate kill, for process exit handlers. */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private send(msg: Message): void {
    if (this.exited) return;
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin!.write(body);
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length:\s*(\d+)/i.exec(header)?.[1]);
      if (!Number.isFinite(length)) {
        this.buffer = this.buffer.subarray(headerEnd + 4);
        continue;
      }
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      try {
        this.dispatch(JSON.parse(body) as Message);
      } catch (e) {
        this.stderr += `\n[bench] bad message: ${String(e)}`;
      }
    }
  }

  private dispatch(msg: Message): void {
    const at = performance.now();
    if (msg.method !== undefined && msg.id !== undefined) {
      const handler = this.handlers.get(msg.method);
      let result: unknown = null;
      try {
        result = handler ? handler(msg.params) : null;
      } catch {
        result = null;
      }
      this.send({ jsonrpc: '2.0', id: msg.id, result: result ?? null });
      return;
    }
    if (msg.method !== undefined) {
      const n: Received = { method: msg.method, params: msg.params, at };
      for (const l of this.listeners) l(n);
      for (const w of [...this.waiters]) {
        if (!w.test(n)) continue;
        clearTimeout(w.timer);
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(n);
      }
      return;
    }
    const p = this.pending.get(Number(msg.id));
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(Number(msg.id));
    p.resolve(msg);
  }

  private failAll(e: Error): void {
    if (this.exited) return;
    this.exited = e;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(e);
    }
    this.pending.clear();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(e);
    }
    this.waiters = [];
  }
}
