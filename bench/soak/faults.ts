/**
 * Faults the soak injects through the sandbox servers' `faults` hook, at a
 * seeded rate per request: throttling (429 with and without Retry-After, which
 * Moneybird gives as the epoch second its window resets), server errors
 * (500/502/503) in each vendor's own error shape, answers later than the app's
 * request timeout, dropped connections, nonsense answers (an HTML page, an
 * empty or cut-off body, JSON sent as text, Pipedrive's data: null), and
 * redirects, within the vendor's origin (to be followed) or to another one (a
 * collector that must never be reached). On writes a slow or dropped answer
 * sometimes comes after the vendor did the work (`process: true`): the case
 * where a retry must not record a payment twice.
 */
import { Random, type SandboxRequest, type SandboxResponse, type SandboxServer } from '../../sandbox';

export type Side = 'mollie' | 'crm';
export type Vendor = 'mollie' | 'hubspot' | 'moneybird' | 'pipedrive';

export const FAULT_KINDS = [
  '429 Retry-After',
  '429',
  '500',
  '502',
  '503',
  'slow',
  'slow, vendor acted',
  'drop',
  'drop, vendor acted',
  'nonsense',
  'redirect, same origin',
  'redirect, other origin',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** What is drawn; a slow answer or a drop on a write becomes "vendor acted" half of the time. */
const DRAWN: FaultKind[] = ['429 Retry-After', '429', '500', '502', '503', 'slow', 'drop', 'nonsense', 'redirect, same origin', 'redirect, other origin'];

/** Answers no vendor's API gives: a proxy's page, a body cut off, JSON labelled as text. */
const NONSENSE: Array<(vendor: Vendor) => SandboxResponse> = [
  () => ({ status: 200, body: '<!DOCTYPE html><html><body>Down for maintenance</body></html>', headers: { 'Content-Type': 'text/html' } }),
  () => ({ status: 200, body: '', headers: { 'Content-Type': 'application/json' } }),
  () => ({ status: 200, body: '{"id": "cut off', headers: { 'Content-Type': 'application/json' } }),
  () => ({ status: 200, body: '{"id": "x"}', headers: { 'Content-Type': 'text/plain' } }),
  () => ({ status: 404, body: '<html><body>Not Found</body></html>', headers: { 'Content-Type': 'text/html' } }),
  (vendor) => ({ status: 200, body: vendor === 'pipedrive' ? '{"success": true, "data": null}' : 'null', headers: { 'Content-Type': 'application/json' } }),
];

export interface FaultOptions {
  /** Share of requests that get a fault (0..1). */
  rate: number;
  seed: number;
  /** Real milliseconds a slow answer takes: past the app's request timeout. */
  slowMs: [number, number];
  retryAfterSeconds: number;
  /** The vendors' clock (virtual): Moneybird's Retry-After is a moment on it. */
  now: () => number;
  /** Another origin a redirect may point to: nothing must ever reach it. */
  foreignOrigin: string;
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
        return vendorError(vendor, 429, { 'Retry-After': this.retryAfter(vendor) });
      case '429':
        return vendorError(vendor, 429);
      case '500':
      case '502':
      case '503':
        return vendorError(vendor, Number(kind));
      case 'slow':
      case 'slow, vendor acted':
        return { ...vendorError(vendor, 503), delayMs: this.random.int(min, max), process };
      case 'nonsense':
        return this.random.pick(NONSENSE)(vendor);
      case 'redirect, same origin':
        // A vendor moving a write keeps its method (307); a read may be sent anywhere (302).
        return { status: write ? 307 : this.random.pick([302, 307]), body: '', headers: { Location: `${req.url.pathname}${req.url.search}` } };
      case 'redirect, other origin':
        return { status: this.random.pick([301, 302, 307, 308]), body: '', headers: { Location: `${this.options.foreignOrigin}${req.url.pathname}${req.url.search}` } };
      default:
        return { ...vendorError(vendor, 503), drop: true, process };
    }
  }

  /** Moneybird: the epoch second its window resets; the others: seconds to wait. */
  private retryAfter(vendor: Vendor): string {
    const seconds = this.options.retryAfterSeconds;
    return vendor === 'moneybird' ? String(Math.ceil(this.options.now() / 1000) + seconds) : String(seconds);
  }
}
