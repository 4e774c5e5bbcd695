/**
 * Faults the soak injects through the sandbox servers' `faults` hook, at a
 * seeded rate per request: throttling (429 with and without Retry-After),
 * server errors (500/502/503) in each vendor's own error shape, answers later
 * than the app's request timeout, and dropped connections. On writes a slow
 * or dropped answer sometimes comes after the vendor did the work
 * (`process: true`): the case where a retry must not record a payment twice.
 */
import { Random, type SandboxRequest, type SandboxResponse, type SandboxServer } from '../../sandbox';

export type Side = 'mollie' | 'crm';
export type Vendor = 'mollie' | 'hubspot' | 'moneybird' | 'pipedrive';

export const FAULT_KINDS = ['429 Retry-After', '429', '500', '502', '503', 'slow', 'slow, vendor acted', 'drop', 'drop, vendor acted'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** What is drawn; a slow answer or a drop on a write becomes "vendor acted" half of the time. */
const DRAWN: FaultKind[] = ['429 Retry-After', '429', '500', '502', '503', 'slow', 'drop'];

export interface FaultOptions {
  /** Share of requests that get a fault (0..1). */
  rate: number;
  seed: number;
  /** Real milliseconds a slow answer takes: past the app's request timeout. */
  slowMs: [number, number];
  retryAfterSeconds: number;
}

const TITLES: Record<number, string> = { 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

/** An error response as each vendor writes it (the app must keep the vendor's words). */
export const vendorError = (vendor: Vendor, status: number, headers: Record<string, string> = {}): SandboxResponse => {
  const title = TITLES[status] ?? 'Error';
  const detail = status === 429 ? 'Rate limit reached, slow down.' : 'Something went wrong on our side.';
  const json = { 'Content-Type': vendor === 'mollie' ? 'application/hal+json' : 'application/json', ...headers };
  const body = {
    mollie: { status, title, detail },
    hubspot: { status: 'error', message: detail, correlationId: '00000000-0000-4000-8000-000000000000', category: status === 429 ? 'RATE_LIMITS' : 'INTERNAL_ERROR' },
    moneybird: { error: detail, symbolic: {} },
    pipedrive: { success: false, error: detail, error_info: title, data: null },
  }[vendor];
  return { status, body, headers: json };
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class FaultInjector {
  readonly counts: Record<Side, Record<FaultKind, number>> = {
    mollie: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>,
    crm: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>,
  };
  readonly requests: Record<Side, number> = { mollie: 0, crm: 0 };
  /** Off while the soak seeds and checks data. */
  enabled = false;
  private readonly random: Random;

  constructor(readonly options: FaultOptions) {
    this.random = new Random(options.seed);
  }

  attach(server: SandboxServer, side: Side, vendor: Vendor): void {
    server.faults = (req) => this.draw(req, side, vendor);
  }

  get total(): number {
    return Object.values(this.counts).reduce((sum, kinds) => sum + Object.values(kinds).reduce((a, b) => a + b, 0), 0);
  }

  private draw(req: SandboxRequest, side: Side, vendor: Vendor): SandboxResponse | undefined {
    if (!this.enabled) return undefined;
    this.requests[side]++;
    if (!this.random.chance(this.options.rate)) return undefined;
    let kind = this.random.pick(DRAWN);
    const write = WRITES.has(req.method);
    const acted = write && (kind === 'slow' || kind === 'drop') && this.random.chance(0.5);
    if (acted) kind = kind === 'slow' ? 'slow, vendor acted' : 'drop, vendor acted';
    // A read is answered (late or into a closed socket) after it was served; a write only when the vendor acted.
    const process = acted || !write;
    this.counts[side][kind]++;
    const [min, max] = this.options.slowMs;
    switch (kind) {
      case '429 Retry-After':
        return vendorError(vendor, 429, { 'Retry-After': String(this.options.retryAfterSeconds) });
      case '429':
        return vendorError(vendor, 429);
      case '500':
      case '502':
      case '503':
        return vendorError(vendor, Number(kind));
      case 'slow':
      case 'slow, vendor acted':
        return { ...vendorError(vendor, 503), delayMs: this.random.int(min, max), process };
      default:
        return { ...vendorError(vendor, 503), drop: true, process };
    }
  }
}
