import type { VirtualClock } from '../clock';
import type { SandboxResponse } from '../http';

/**
 * HubSpot's limits for a private app, in the fake's virtual time: a rolling
 * ten-second window (100 requests on Free and Starter, 190 on Professional
 * and Enterprise) and a daily allowance. Every answer carries the
 * X-HubSpot-RateLimit-* headers; past the window HubSpot answers 429 with its
 * RATE_LIMIT body and no Retry-After.
 */
export interface HubspotLimits {
  perTenSeconds: number;
  daily: number;
}
export const HUBSPOT_FREE_LIMITS: HubspotLimits = { perTenSeconds: 100, daily: 250_000 };
const WINDOW_MS = 10_000;

export class HubspotRateWindow {
  private recent: number[] = [];
  private day = '';
  private usedToday = 0;

  constructor(
    private readonly clock: VirtualClock,
    /** Mutable: a test or benchmark that is not about limits may set false. */
    public limits: HubspotLimits | false = HUBSPOT_FREE_LIMITS,
  ) {}

  /** Counts a request; returns the headers to send and, past a limit, the 429 to answer instead. */
  take(): { headers: Record<string, string>; refused?: SandboxResponse } {
    if (!this.limits) return { headers: {} };
    const now = this.clock.now();
    const today = now.toISOString().slice(0, 10);
    if (today !== this.day) [this.day, this.usedToday] = [today, 0];
    this.recent = this.recent.filter((at) => at > now.getTime() - WINDOW_MS);
    const secondly = this.recent.length >= this.limits.perTenSeconds;
    const daily = this.usedToday >= this.limits.daily;
    if (!secondly && !daily) {
      this.recent.push(now.getTime());
      this.usedToday += 1;
    }
    const headers = {
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(WINDOW_MS),
      'X-HubSpot-RateLimit-Max': String(this.limits.perTenSeconds),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, this.limits.perTenSeconds - this.recent.length)),
      'X-HubSpot-RateLimit-Daily': String(this.limits.daily),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, this.limits.daily - this.usedToday)),
    };
    if (!secondly && !daily) return { headers };
    const policy = daily ? 'DAILY' : 'TEN_SECONDLY_ROLLING';
    return {
      headers,
      refused: {
        status: 429,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: {
          status: 'error',
          message: `You have reached your ${daily ? 'daily' : 'ten_secondly_rolling'} limit.`,
          errorType: 'RATE_LIMIT',
          category: 'RATE_LIMITS',
          correlationId: '00000000-0000-4000-8000-000000000429',
          policyName: policy,
        },
      },
    };
  }
}
