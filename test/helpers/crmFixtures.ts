import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createAppTester, type Bundle, type ZObject } from 'zapier-platform-core';
import App from '../../index';
import { crmAdapter } from '../../crm';
import type { CrmAdapter, CrmName, PaymentRecordInput } from '../../crm/adapter';
import {
  SANDBOX_API_KEY,
  SANDBOX_HUBSPOT_TOKEN,
  SANDBOX_MONEYBIRD_ADMINISTRATION_ID,
  SANDBOX_MONEYBIRD_TOKEN,
  SANDBOX_PIPEDRIVE_DOMAIN,
  SANDBOX_PIPEDRIVE_TOKEN,
  type Sandbox,
  type SandboxServer,
} from '../../sandbox';
import { HUBSPOT_SEARCH_LAG_MS } from '../../sandbox/hubspot/store';
import { PIPEDRIVE_SEARCH_LAG_MS } from '../../sandbox/pipedrive/routes';

/** One CRM's side of the shared suites: how to connect to its fake, seed it and count its records. */
export interface CrmFixture {
  crm: CrmName;
  authData: Record<string, string>;
  seedAccount(input: { name: string; email?: string; customerId?: string }): string;
  /** Moneybird books payments on invoices; elsewhere the number is only carried along. */
  seedInvoice(accountId: string, number: string, total: string): void;
  recordCount(molliePaymentId: string): number;
  hasPipelines: boolean;
  /** How long the fake's search lags writes (virtual ms; 0 where the CRM's lookups do not lag). */
  searchLagMs: number;
  server: SandboxServer;
  /** The request that creates an account (for dropping its answer after the vendor acted). */
  createsAccount: (method: string, path: string) => boolean;
  /** Accounts in the fake with this name. */
  accountsNamed(name: string): string[];
  /** The accounts the record of this payment is linked to, as the fake holds them. */
  recordAccounts(molliePaymentId: string): string[];
  /** Whether the fake holds the record as won revenue. */
  recordWon(molliePaymentId: string): boolean;
}

export const fixtures = (sb: Sandbox): Record<CrmName, CrmFixture> => ({
  hubspot: {
    crm: 'hubspot',
    authData: { mollieCredential: SANDBOX_API_KEY, crm: 'hubspot', crmToken: SANDBOX_HUBSPOT_TOKEN },
    seedAccount: ({ name, email, customerId }) => sb.hubspot.seedCompany({ name, customerId, emails: email ? [email] : [] }).id,
    seedInvoice: () => undefined,
    recordCount: (id) => sb.hubspot.dealsFor(id).length,
    hasPipelines: true,
    searchLagMs: HUBSPOT_SEARCH_LAG_MS,
    server: sb.servers.hubspot,
    createsAccount: (method, path) => method === 'POST' && path === '/crm/v3/objects/companies',
    accountsNamed: (name) => sb.hubspot.all('companies').filter((c) => c.properties.name === name).map((c) => c.id),
    recordAccounts: (id) => sb.hubspot.dealsFor(id).flatMap((deal) => sb.hubspot.associated('deals', deal.id, 'companies')),
    recordWon: (id) => sb.hubspot.dealsFor(id).some((deal) => deal.properties.dealstage === 'closedwon'),
  },
  moneybird: {
    crm: 'moneybird',
    authData: {
      mollieCredential: SANDBOX_API_KEY,
      crm: 'moneybird',
      crmToken: SANDBOX_MONEYBIRD_TOKEN,
      moneybirdAdministrationId: SANDBOX_MONEYBIRD_ADMINISTRATION_ID,
    },
    seedAccount: ({ name, email, customerId }) => sb.moneybird.createContact({ company_name: name, email: email ?? null, customer_id: customerId }).id,
    seedInvoice: (accountId, number, total) => void sb.moneybird.createInvoice({ contactId: accountId, number, total }),
    recordCount: (id) => sb.moneybird.paymentsFor(id).filter((p) => p.cents > 0n).length,
    hasPipelines: false,
    searchLagMs: 0,
    server: sb.servers.moneybird,
    createsAccount: (method, path) => method === 'POST' && /^\/api\/v2\/\d+\/contacts$/.test(path),
    accountsNamed: (name) => [...sb.moneybird.contacts.values()].filter((c) => c.company_name === name).map((c) => c.id),
    recordAccounts: (id) => [...sb.moneybird.invoices.values()].filter((invoice) => invoice.payments.some((p) => p.transaction_identifier === id)).map((invoice) => invoice.contact_id),
    recordWon: (id) => sb.moneybird.paymentsFor(id).some((p) => p.cents > 0n),
  },
  pipedrive: {
    crm: 'pipedrive',
    authData: { mollieCredential: SANDBOX_API_KEY, crm: 'pipedrive', crmToken: SANDBOX_PIPEDRIVE_TOKEN, pipedriveCompanyDomain: SANDBOX_PIPEDRIVE_DOMAIN },
    seedAccount: ({ name, email, customerId }) => {
      const org = sb.pipedrive.createOrg(name, customerId ? { [sb.pipedrive.orgFields[0].key]: customerId } : {});
      if (email) sb.pipedrive.createPerson(name, email, org.id);
      return String(org.id);
    },
    seedInvoice: () => undefined,
    recordCount: (id) => sb.pipedrive.dealsFor(id).length,
    hasPipelines: true,
    searchLagMs: PIPEDRIVE_SEARCH_LAG_MS,
    server: sb.servers.pipedrive,
    createsAccount: (method, path) => method === 'POST' && path === '/api/v2/organizations',
    accountsNamed: (name) => [...sb.pipedrive.orgs.values()].filter((o) => o.name === name).map((o) => String(o.id)),
    recordAccounts: (id) => sb.pipedrive.dealsFor(id).flatMap((deal) => (deal.org_id ? [String(deal.org_id)] : [])),
    recordWon: (id) => sb.pipedrive.dealsFor(id).some((deal) => deal.status === 'won'),
  },
});

export const appTester = createAppTester(App);

/** Runs something with the adapter of a connection, inside Zapier's machinery (middleware, error classes). */
export const withAdapter = <T>(authData: Record<string, string>, fn: (adapter: CrmAdapter, z: ZObject) => Promise<T>) =>
  appTester((z: ZObject, bundle: Bundle) => fn(crmAdapter(z, bundle), z), { authData });

export const CRMS: CrmName[] = ['hubspot', 'moneybird', 'pipedrive'];

/** The vendor acts on the next request `matches` picks, then the connection drops before the answer (the caller never hears). */
export const dropAnswerOnce = (server: SandboxServer, matches: (method: string, path: string) => boolean) => {
  let dropped = false;
  server.faults = (req) => {
    if (dropped || !matches(req.method, req.path)) return undefined;
    dropped = true;
    return { status: 0, drop: true, process: true };
  };
  return () => dropped;
};

/** A paid EUR 121.00 payment's record input; cases change what they test. */
export const recordInput = (molliePaymentId: string, overrides: Partial<PaymentRecordInput> = {}): PaymentRecordInput => ({
  molliePaymentId,
  amount: { currency: 'EUR', value: '121.00' },
  amountRefunded: { currency: 'EUR', value: '0.00' },
  amountChargedBack: { currency: 'EUR', value: '0.00' },
  status: 'paid',
  description: 'Invoice 2026-0042',
  paidAt: '2026-11-01T09:00:00.000Z',
  ...overrides,
});

export type RawAnswer = { status: number; headers: IncomingHttpHeaders; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
/**
 * A request straight to a fake, JSON in and out. http.request(options, callback): once an app tester
 * ran in this process, Zapier's patch of http.request takes two arguments only.
 */
export const rawRequest = (base: string, url: string, headers: Record<string, string>, method = 'GET', body?: unknown) =>
  new Promise<RawAnswer>((resolve, reject) => {
    const target = new URL(`${base}${url}`);
    const req = httpRequest({ hostname: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method, headers: { ...headers, 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null });
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
