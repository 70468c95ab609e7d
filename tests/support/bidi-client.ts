/**
 * A minimal WebDriver BiDi client for Firefox (which speaks BiDi natively when started with
 * --remote-debugging-port). Needs a WebSocket: Node 20 has one behind --experimental-websocket.
 */
export class BidiClient {
  private nextId = 1;
  private pending = new Map<number, { ok(v: unknown): void; fail(e: Error): void }>();

  private constructor(private ws: WebSocket) {
    ws.addEventListener('message', (event) => {
      const msg = JSON.parse(String(event.data)) as {
        id?: number;
        type: string;
        result?: unknown;
        error?: string;
        message?: string;
      };
      if (msg.id === undefined) return;
      const waiter = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.type === 'error') waiter?.fail(new Error(`${msg.error}: ${msg.message}`));
      else waiter?.ok(msg.result);
    });
  }

  /** Connects to a Firefox BiDi endpoint, retrying while Firefox starts. */
  static async connect(port: number, timeoutMs = 30_000): Promise<BidiClient> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      try {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/session`);
        await new Promise<void>((ok, fail) => {
          ws.addEventListener('open', () => ok());
          ws.addEventListener('error', () => fail(new Error('connect failed')));
        });
        return new BidiClient(ws);
      } catch (err) {
        if (Date.now() > end) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise<T>((ok, fail) => this.pending.set(id, { ok: ok as (v: unknown) => void, fail }));
  }

  /** Evaluates an expression in a browsing context and returns its primitive value. */
  async evaluate(context: string, expression: string): Promise<unknown> {
    const r = await this.send<{ type: string; result?: { value?: unknown }; exceptionDetails?: { text: string } }>(
      'script.evaluate',
      {
        expression,
        target: { context },
        awaitPromise: true,
      },
    );
    if (r.type === 'exception') throw new Error(r.exceptionDetails?.text ?? 'exception');
    return r.result?.value;
  }

  close(): void {
    this.ws.close();
  }
}
