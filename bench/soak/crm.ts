/**
 * The CRM side of the soak, seeded and read through the fakes' stores (never
 * through HTTP, so no fault touches the set-up or the count). Seeding and the
 * connection come from the tests' CRM fixtures; this adds what the soak checks
 * of each record.
 */
import '../../sandbox/localHarness';
import type { Sandbox } from '../../sandbox';
import { priceOf } from '../../sandbox/moneybird/store';
import { CRMS, fixtures, type CrmFixture } from '../../test/helpers/crmFixtures';
import type { CrmName } from '../../crm/adapter';

export { CRMS, type CrmName };

/** One record as the CRM holds it, in the app's words. */
export interface HeldRecord {
  amount: string;
  status: string;
  accountId?: string;
}

export interface SoakCrm extends Pick<CrmFixture, 'authData' | 'seedInvoice'> {
  name: CrmName;
  seedAccount(input: { name: string; customerId: string; email: string }): string;
  records(molliePaymentId: string): HeldRecord[];
  /** The payment id of every record the CRM holds (records for payments never paid show up here). */
  recordedIds(): string[];
  /** How many accounts (HubSpot companies, Moneybird contacts, Pipedrive organizations) carry this name. */
  accountsNamed(name: string): number;
}

const reads = (sandbox: Sandbox): Record<CrmName, Pick<SoakCrm, 'records' | 'recordedIds' | 'accountsNamed'>> => {
  const { hubspot, pipedrive, moneybird } = sandbox;
  const dealField = (name: string) => pipedrive.dealFields.filter((field) => field.name === name).map((field) => field.key);
  return {
    hubspot: {
      records: (id) =>
        hubspot.dealsFor(id).map((deal) => ({
          amount: deal.properties.amount,
          status: deal.properties.mollie_payment_status,
          accountId: hubspot.associated('deals', deal.id, 'companies')[0],
        })),
      recordedIds: () => hubspot.all('deals').map((deal) => deal.properties.mollie_payment_id),
      accountsNamed: (name) => hubspot.all('companies').filter((company) => company.properties.name === name).length,
    },
    // Every deal carrying the id in any "Mollie payment ID" field: a second such field would hide records.
    pipedrive: {
      records: (id) =>
        [...pipedrive.deals.values()]
          .filter((deal) => dealField('Mollie payment ID').some((key) => deal.custom_fields[key] === id))
          .map((deal) => ({
            amount: priceOf(BigInt(Math.round(deal.value * 100))),
            status: String(deal.custom_fields[dealField('Mollie payment status')[0]] ?? ''),
            accountId: deal.org_id === null ? undefined : String(deal.org_id),
          })),
      recordedIds: () => [...pipedrive.deals.values()].flatMap((deal) => dealField('Mollie payment ID').map((key) => String(deal.custom_fields[key] ?? ''))),
      accountsNamed: (name) => [...pipedrive.orgs.values()].filter((org) => org.name === name).length,
    },
    // A record is a payment line (price > 0) with the Mollie id; refund corrections (< 0) belong to it.
    moneybird: {
      records: (id) => {
        const lines = moneybird.paymentsFor(id);
        const net = lines.reduce((sum, line) => sum + line.cents, 0n);
        return lines
          .filter((line) => line.cents > 0n)
          .map((line) => ({
            amount: priceOf(net),
            status: lines.some((other) => other.cents < 0n) ? 'corrected' : 'paid',
            accountId: moneybird.invoices.get(line.invoice_id)?.contact_id,
          }));
      },
      recordedIds: () => [...moneybird.invoices.values()].flatMap((invoice) => invoice.payments.filter((p) => p.cents > 0n).map((p) => p.transaction_identifier ?? '')),
      accountsNamed: (name) => [...moneybird.contacts.values()].filter((contact) => contact.company_name === name).length,
    },
  };
};

export const soakCrm = (sandbox: Sandbox, name: CrmName): SoakCrm => {
  const fixture = fixtures(sandbox)[name];
  return { name, authData: fixture.authData, seedAccount: fixture.seedAccount, seedInvoice: fixture.seedInvoice, ...reads(sandbox)[name] };
};
