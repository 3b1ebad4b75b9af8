import { act } from '@testing-library/react';
import { vi } from 'vitest';
import type { ProgressNotice, ProgressUpdate } from '../api/types';

/**
 * A controllable stand-in for the browser's EventSource: the test plays the server, sending
 * events and errors, and sees what the page did with the connection.
 */
export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];

  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readonly url: string;
  readonly withCredentials = false;
  readyState = FakeEventSource.CONNECTING;
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private lastEventId = '';

  constructor(url: string | URL) {
    this.url = String(url);
    FakeEventSource.instances.push(this);
  }

  static latest(): FakeEventSource {
    const latest = FakeEventSource.instances.at(-1);
    if (!latest) {
      throw new Error('no EventSource was opened');
    }
    return latest;
  }

  static install(): void {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
  }

  close(): void {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }

  open(): void {
    this.act(() => {
      this.readyState = FakeEventSource.OPEN;
      this.onopen?.(new Event('open'));
    });
  }

  /** Sends updates as the server does: `id: <seq>` and the update as data. */
  send(...updates: ProgressUpdate[]): void {
    for (const update of updates) {
      this.message(JSON.stringify(update), String(update.seq));
    }
  }

  /** Sends a notice: no id, so the browser keeps the last one it had. */
  notify(notice: ProgressNotice): void {
    this.message(JSON.stringify(notice));
  }

  /** A dropped connection the browser retries by itself. */
  dropAndRetry(): void {
    this.act(() => {
      this.readyState = FakeEventSource.CONNECTING;
      this.onerror?.(new Event('error'));
    });
  }

  /** A connection the browser gives up on (a 204, a 404, a wrong content type). */
  fail(): void {
    this.act(() => {
      this.readyState = FakeEventSource.CLOSED;
      this.onerror?.(new Event('error'));
    });
  }

  private message(data: string, id?: string): void {
    if (this.closed) {
      throw new Error('the page closed this EventSource; nothing more would arrive');
    }
    if (id !== undefined) {
      this.lastEventId = id;
    }
    this.act(() => {
      this.readyState = FakeEventSource.OPEN;
      this.onmessage?.(new MessageEvent('message', { data, lastEventId: this.lastEventId }));
    });
  }

  private act(run: () => void): void {
    act(run);
  }

  addEventListener(): void {
    throw new Error('the page is expected to use onmessage/onerror/onopen');
  }
}
