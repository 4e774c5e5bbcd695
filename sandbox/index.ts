import { VirtualClock } from './clock';
import { startServer, type Handler, type SandboxServer } from './http';
import { hubspotRoutes } from './hubspot/routes';
import { mollieRoutes, type MollieCredentials } from './mollie/routes';
import { MollieStore } from './mollie/store';
import { Random } from './random';

export { VirtualClock, DAY, HOUR, MINUTE } from './clock';
export { Random } from './random';
export { MollieStore } from './mollie/store';
export type { PaymentInput, PaymentLinkInput, Transition } from './mollie/store';
export type { MollieCredentials } from './mollie/routes';
export { signature } from './mollie/webhooks';
export type { Delivery, DeliveryResult } from './mollie/webhooks';
export type { SandboxRequest, SandboxResponse, SandboxServer, LoggedRequest } from './http';

/** Test-mode API key accepted by default. */
export const SANDBOX_API_KEY = 'test_SandboxKey00000000000000000000';
/** Organization access token accepted by default. */
export const SANDBOX_ACCESS_TOKEN = 'access_SandboxToken000000000000000000000000';
/** HubSpot private-app token accepted by default. */
export const SANDBOX_HUBSPOT_TOKEN = 'pat-eu1-sandbox-hubspot-token';
export const SANDBOX_HUBSPOT_PORTAL_ID = 24_000_001;

export interface SandboxOptions {
  /** PRNG seed for ids and seeded data (default 1). */
  seed?: number;
  clock?: VirtualClock;
  credentials?: Partial<MollieCredentials>;
}

export interface Sandbox {
  clock: VirtualClock;
  mollie: MollieStore;
  servers: { mollie: SandboxServer; hubspot: SandboxServer };
  urls: { mollie: string; hubspot: string };
  /** Environment variables that point the app at the sandbox. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

/** Starts the fake APIs on loopback ports. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? new VirtualClock();
  let handler: Handler = () => ({ status: 503 });
  const server = await startServer((req) => handler(req));
  const mollie = new MollieStore({ clock, random: new Random(options.seed ?? 1), baseUrl: server.url, requestLog: server.requestLog });
  handler = mollieRoutes(mollie, {
    apiKeys: options.credentials?.apiKeys ?? [SANDBOX_API_KEY],
    accessTokens: options.credentials?.accessTokens ?? [SANDBOX_ACCESS_TOKEN],
  });
  const hubspot = await startServer(hubspotRoutes({ portalId: SANDBOX_HUBSPOT_PORTAL_ID, tokens: [SANDBOX_HUBSPOT_TOKEN] }));
  return {
    clock,
    mollie,
    servers: { mollie: server, hubspot },
    urls: { mollie: server.url, hubspot: hubspot.url },
    env: () => ({ MOLLIE_API_BASE: server.url, HUBSPOT_API_BASE: hubspot.url }),
    close: async () => {
      await Promise.all([server.close(), hubspot.close()]);
    },
  };
}
