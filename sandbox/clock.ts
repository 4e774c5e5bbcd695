/** Virtual time source for the sandbox; never reads the real clock. */
export class VirtualClock {
  private current: number;
  private readonly listeners: Array<(now: Date) => void> = [];

  constructor(start: Date | string = '2026-11-01T09:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves time forward and lets listeners (schedulers) apply what became due. */
  advance(ms: number): Date {
    if (ms < 0) throw new Error('VirtualClock.advance: ms must be >= 0');
    return this.set(new Date(this.current + ms));
  }

  set(date: Date | string): Date {
    this.current = new Date(date).getTime();
    for (const listener of this.listeners) listener(this.now());
    return this.now();
  }

  onChange(listener: (now: Date) => void): void {
    this.listeners.push(listener);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
