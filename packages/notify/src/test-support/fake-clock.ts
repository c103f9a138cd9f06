import type { Clock } from '../clock';

/**
 * A clock whose sleeps return at once and move time forward: retry tests run instantly and assert
 * on the waits that were asked for (`sleeps`), never on elapsed time.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private current = Date.parse('2026-03-01T12:00:00Z')) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.current += ms;
  }
}
