import type { VirtualClock } from '../clock';
import type { SandboxResponse } from '../http';

/**
 * Moneybird's limit, in the fake's virtual time: 150 requests per token in a
 * window of 5 minutes. Past it Moneybird answers 429 "Retry later", and both
 * Retry-After and RateLimit-Reset hold the EPOCH SECOND at which the window
 * resets (its OpenAPI document says so), not a number of seconds to wait.
 */
export interface MoneybirdLimits {
  requests: number;
  windowMs: number;
}
export const MONEYBIRD_LIMITS: MoneybirdLimits = { requests: 150, windowMs: 5 * 60_000 };

export class MoneybirdRateWindow {
  private windows = new Map<string, { start: number; used: number }>();

  constructor(
    private readonly clock: VirtualClock,
    /** Mutable: a test or benchmark that is not about limits may set false. */
    public limits: MoneybirdLimits | false = MONEYBIRD_LIMITS,
  ) {}

  take(token: string): { headers: Record<string, string>; refused?: SandboxResponse } {
    if (!this.limits) return { headers: {} };
    const now = this.clock.now().getTime();
    let window = this.windows.get(token);
    if (!window || now >= window.start + this.limits.windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(token, window);
    }
    const refused = window.used >= this.limits.requests;
    if (!refused) window.used += 1;
    const resetEpochSecond = String(Math.ceil((window.start + this.limits.windowMs) / 1000));
    const headers = {
      'RateLimit-Limit': String(this.limits.requests),
      'RateLimit-Remaining': String(this.limits.requests - window.used),
      'RateLimit-Reset': resetEpochSecond,
    };
    if (!refused) return { headers };
    return { headers, refused: { status: 429, headers: { ...headers, 'Retry-After': resetEpochSecond, 'Content-Type': 'application/json' }, body: JSON.stringify('Retry later') } };
  }
}
