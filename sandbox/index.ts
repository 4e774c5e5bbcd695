import { VirtualClock } from './clock';
import { startServer, type Handler, type SandboxServer } from './http';
import { hubspotRoutes } from './hubspot/routes';
import { HubspotStore } from './hubspot/store';
import { moneybirdRoutes } from './moneybird/routes';
import { MoneybirdStore } from './moneybird/store';
import { PipedriveStore, pipedriveRoutes } from './pipedrive/routes';
import { mollieRoutes, type MollieCredentials, type MollieRateLimit } from './mollie/routes';
import { MollieStore } from './mollie/store';
import { Random } from './random';

export { VirtualClock, DAY, HOUR, MINUTE } from './clock';
export { Random } from './random';
export { MollieStore } from './mollie/store';
export type { PaymentInput, PaymentLinkInput, Transition } from './mollie/store';
export type { MandateInput } from './mollie/customers';
export type { Payer } from './mollie/types';
export { IDEMPOTENCY_WINDOW_MS } from './mollie/idempotency';
export type { MollieCredentials, MollieRateLimit } from './mollie/routes';
export { DEFAULT_MOLLIE_RATE_LIMIT } from './mollie/routes';
export { signature } from './mollie/webhooks';
export type { Delivery, DeliveryResult } from './mollie/webhooks';
export type { SandboxRequest, SandboxResponse, SandboxServer, LoggedRequest, TlsCredentials } from './http';
export { HubspotStore } from './hubspot/store';
export { MoneybirdStore } from './moneybird/store';
export { PipedriveStore } from './pipedrive/routes';

/** Test-mode API key accepted by default. */
export const SANDBOX_API_KEY = 'test_SandboxKey00000000000000000000';
/** Organization access token accepted by default. */
export const SANDBOX_ACCESS_TOKEN = 'access_SandboxToken00000000';
/** HubSpot private-app token accepted by default. */
export const SANDBOX_HUBSPOT_TOKEN = 'pat-eu1-sandbox-hubspot-token';
export const SANDBOX_HUBSPOT_PORTAL_ID = 24_000_001;
/** Moneybird personal API token and administration accepted by default. */
export const SANDBOX_MONEYBIRD_TOKEN = 'sandbox-moneybird-token-0000000';
export const SANDBOX_MONEYBIRD_ADMINISTRATION_ID = '123456789';
/** Pipedrive API token and company domain accepted by default. */
export const SANDBOX_PIPEDRIVE_TOKEN = 'sandboxpipedrivetoken0000000';
export const SANDBOX_PIPEDRIVE_DOMAIN = 'sandbox';

export interface SandboxOptions {
  /** PRNG seed for ids and seeded data (default 1). */
  seed?: number;
  clock?: VirtualClock;
  credentials?: Partial<MollieCredentials>;
  /** Virtual milliseconds before HubSpot search sees a write (default 10 s, as HubSpot; 0 turns the lag off). */
  hubspotIndexDelayMs?: number;
  /** Mollie's per-second throttle (429 + Retry-After), counted on the virtual clock; off unless given. */
  mollieRateLimit?: MollieRateLimit | null;
}

export interface Sandbox {
  clock: VirtualClock;
  mollie: MollieStore;
  hubspot: HubspotStore;
  moneybird: MoneybirdStore;
  pipedrive: PipedriveStore;
  servers: { mollie: SandboxServer; hubspot: SandboxServer; moneybird: SandboxServer; pipedrive: SandboxServer };
  urls: { mollie: string; hubspot: string; moneybird: string; pipedrive: string };
  /** Environment variables that point the app at the sandbox. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

/** Starts the fake APIs on loopback ports. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? new VirtualClock();
  let handler: Handler = () => ({ status: 503 });
  const server = await startServer((req) => handler(req), { contract: 'mollie', contentType: 'application/hal+json' });
  const mollie = new MollieStore({ clock, random: new Random(options.seed ?? 1), baseUrl: server.url, requestLog: server.requestLog });
  handler = mollieRoutes(mollie, {
    apiKeys: options.credentials?.apiKeys ?? [SANDBOX_API_KEY],
    accessTokens: options.credentials?.accessTokens ?? [SANDBOX_ACCESS_TOKEN],
  }, options.mollieRateLimit);
  const hubspotStore = new HubspotStore(clock, { indexDelayMs: options.hubspotIndexDelayMs });
  const hubspot = await startServer(hubspotRoutes({ portalId: SANDBOX_HUBSPOT_PORTAL_ID, tokens: [SANDBOX_HUBSPOT_TOKEN] }, hubspotStore), { contract: 'hubspot' });
  const moneybirdStore = new MoneybirdStore(clock, { id: SANDBOX_MONEYBIRD_ADMINISTRATION_ID, name: 'Sandbox Bakery B.V.', currency: 'EUR' });
  const moneybird = await startServer(moneybirdRoutes(moneybirdStore, [SANDBOX_MONEYBIRD_TOKEN]), { contract: 'moneybird' });
  const pipedriveStore = new PipedriveStore(clock);
  const pipedrive = await startServer(pipedriveRoutes(pipedriveStore, [SANDBOX_PIPEDRIVE_TOKEN]));
  return {
    clock,
    mollie,
    hubspot: hubspotStore,
    moneybird: moneybirdStore,
    pipedrive: pipedriveStore,
    servers: { mollie: server, hubspot, moneybird, pipedrive },
    urls: { mollie: server.url, hubspot: hubspot.url, moneybird: moneybird.url, pipedrive: pipedrive.url },
    env: () => ({ MOLLIE_API_BASE: server.url, HUBSPOT_API_BASE: hubspot.url, MONEYBIRD_API_BASE: moneybird.url, PIPEDRIVE_API_BASE: pipedrive.url }),
    close: async () => {
      await Promise.all([server.close(), hubspot.close(), moneybird.close(), pipedrive.close()]);
    },
  };
}
