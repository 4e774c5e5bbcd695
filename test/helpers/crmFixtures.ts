import { createAppTester, type Bundle, type ZObject } from 'zapier-platform-core';
import App from '../../index';
import { crmAdapter } from '../../crm';
import type { CrmAdapter, CrmName } from '../../crm/adapter';
import {
  SANDBOX_API_KEY,
  SANDBOX_HUBSPOT_TOKEN,
  SANDBOX_MONEYBIRD_ADMINISTRATION_ID,
  SANDBOX_MONEYBIRD_TOKEN,
  SANDBOX_PIPEDRIVE_DOMAIN,
  SANDBOX_PIPEDRIVE_TOKEN,
  type Sandbox,
} from '../../sandbox';

/** One CRM's side of the shared suites: how to connect to its fake, seed it and count its records. */
export interface CrmFixture {
  crm: CrmName;
  authData: Record<string, string>;
  seedAccount(input: { name: string; email?: string; customerId?: string }): string;
  /** Moneybird books payments on invoices; elsewhere the number is only carried along. */
  seedInvoice(accountId: string, number: string, total: string): void;
  recordCount(molliePaymentId: string): number;
  hasPipelines: boolean;
}

export const fixtures = (sb: Sandbox): Record<CrmName, CrmFixture> => ({
  hubspot: {
    crm: 'hubspot',
    authData: { mollieCredential: SANDBOX_API_KEY, crm: 'hubspot', crmToken: SANDBOX_HUBSPOT_TOKEN },
    seedAccount: ({ name, email, customerId }) => sb.hubspot.seedCompany({ name, customerId, emails: email ? [email] : [] }).id,
    seedInvoice: () => undefined,
    recordCount: (id) => sb.hubspot.dealsFor(id).length,
    hasPipelines: true,
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
  },
});

export const appTester = createAppTester(App);

/** Runs something with the adapter of a connection, inside Zapier's machinery (middleware, error classes). */
export const withAdapter = <T>(authData: Record<string, string>, fn: (adapter: CrmAdapter, z: ZObject) => Promise<T>) =>
  appTester((z: ZObject, bundle: Bundle) => fn(crmAdapter(z, bundle), z), { authData });

export const CRMS: CrmName[] = ['hubspot', 'moneybird', 'pipedrive'];
