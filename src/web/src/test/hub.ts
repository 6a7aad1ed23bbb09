import type { HubConnection } from '@microsoft/signalr';

type Handler = (...args: unknown[]) => void;
type Invoke = (...args: unknown[]) => unknown;

/** A stand-in for the hub connection: tests push events with `emit` and answer invocations with `answer`. */
export class FakeHub {
  state = 'Disconnected';
  readonly handlers = new Map<string, Set<Handler>>();
  readonly invocations: { method: string; args: unknown[] }[] = [];
  // Resume answers as the server does when nothing was missed; a test that needs otherwise answers it itself.
  private readonly answers = new Map<string, Invoke>([['Resume', (_planId, since) => ({ version: since, reload: false })]]);

  on(name: string, handler: Handler) {
    if (!this.handlers.has(name)) this.handlers.set(name, new Set());
    this.handlers.get(name)!.add(handler);
  }

  off(name: string, handler: Handler) {
    this.handlers.get(name)?.delete(handler);
  }

  starts = 0;
  private readonly closeHandlers: ((error?: Error) => void)[] = [];

  // Promises as the real connection's, settled at once: a throwing answer rejects, as the server's refusal does.
  start() {
    this.starts += 1;
    this.state = 'Connected';
    return Promise.resolve();
  }

  stop() {
    this.state = 'Disconnected';
    return Promise.resolve();
  }

  invoke(method: string, ...args: unknown[]) {
    this.invocations.push({ method, args });
    const answer = this.answers.get(method);
    return new Promise<unknown>((resolve) => resolve(answer?.(...args)));
  }

  onreconnecting() {}
  onreconnected() {}
  onclose(handler: (error?: Error) => void) {
    this.closeHandlers.push(handler);
  }

  /** The server ends the connection (e.g. refuses it, saying why). */
  close(error?: Error) {
    this.state = 'Disconnected';
    for (const handler of this.closeHandlers) handler(error);
  }

  answer(method: string, invoke: Invoke) {
    this.answers.set(method, invoke);
  }

  emit(name: string, payload: unknown) {
    for (const handler of this.handlers.get(name) ?? []) handler(payload);
  }
}

export const hubs: FakeHub[] = [];

export function latestHub(): FakeHub {
  const hub = hubs[hubs.length - 1];
  if (!hub) throw new Error('No hub connection was made.');
  return hub;
}

export function createFakeHub(): HubConnection {
  const hub = new FakeHub();
  hubs.push(hub);
  return hub as unknown as HubConnection;
}
