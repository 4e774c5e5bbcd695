/**
 * Requests per operation: each operation run once through createAppTester(App)
 * against the sandbox, counted from the fake servers' request logs.
 */
import '../../sandbox/localHarness';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import { perform as recordPayment } from '../../creates/createCrmPaymentRecord';
import type { CrmName } from '../../crm/adapter';
import App from '../../index';
import { DAY, startSandbox, type Sandbox } from '../../sandbox';
import { perform as matchPayment } from '../../searches/matchPayment';
import { CRMS, fixtures } from '../../test/helpers/crmFixtures';
import { perform as paymentPaid } from '../../triggers/paymentPaid';
import { perform as paymentRefunded } from '../../triggers/paymentRefunded';

export interface RequestCount {
  operation: string;
  crm: CrmName | 'mollie';
  count: number;
  /** Every request, in order: `GET mollie /v2/payments/{id}`. */
  calls: string[];
}

/** How the minimum is counted (shown under the table). */
export const MINIMUM_RULE =
  'Minimum: the vendor requests an operation cannot do without, given what the vendors\' APIs offer, once the app\'s CRM fields exist and what ' +
  'rarely changes (field keys, HubSpot portal id) is remembered. z.cache calls (polling state, locks) go to Zapier, not to a vendor, and are not counted.';

/**
 * What each operation sends today (checked by test/bench.perf.test.ts), the minimum, and where the difference comes from.
 * The payment carries a metadata customer ID, the invoice number (metadata and description), a billing e-mail and a Mollie customer.
 */
export const DOCUMENTED: Record<string, { count: number; minimum: number; note: string }> = {
  'payment_paid poll · mollie': {
    count: 3,
    minimum: 1,
    note:
      'A light poll: the newest page + the 2 remembered pages most likely to have changed (triggerEngine/pageMap.ts). Mollie lists payments by ' +
      'creation only, with no status filter or updated-since, so re-reading the pages that hold still-open payments is what finds payments ' +
      'paid days later; a poll where remembered pages fall due (every 45 min) reads more (see bench/results/triggers.md).',
  },
  'payment_refunded poll · mollie': { count: 1, minimum: 1, note: 'Newest refunds page, embed=payment: refunds are listed when they happen.' },
  'match_payment · hubspot': {
    count: 6,
    minimum: 5,
    note:
      'Min: payment + customer (cst_) + 1 company search (both customer IDs, IN) + 1 contact search (e-mail) + contact→company associations. ' +
      '(The portal id for the URLs is remembered a day per connection: no request once known.) ' +
      '+1 companies batch/read of the company the e-mail leads to, though the customer-ID search already returned it (companiesOfContacts).',
  },
  'match_payment · moneybird': {
    count: 8,
    minimum: 7,
    note:
      'Min: payment + customer + 1 contact per customer ID (metadata, cst_: Moneybird looks up one at a time) + 1 contact search (e-mail) + 1 invoice by number ' +
      '+ 1 contact filter query per payer IBAN (the iDEAL payer\'s account: crm/moneybird/learning.ts accountsByIbans). ' +
      '+1 open invoices of the candidate (crm/moneybird/adapter.ts openInvoices): the invoice found by number already has amount and state; the list only matters for short forms (#12).',
  },
  'match_payment · pipedrive': {
    count: 7,
    minimum: 6,
    note:
      'Min: payment + customer + 1 organization search per customer ID (2) + 1 person search (e-mail) + 1 organization read (search hits lack custom fields). ' +
      'The customer-ID field key is read once an hour (crm/pipedrive/adapter.ts customerIdKey): here the payment recorded before read it; ' +
      '+1 the same organization read twice, from the customer-ID hit and from the e-mail\'s person (accountsByCustomerId / accountsByEmail).',
  },
  'create_crm_payment_record, first run · hubspot': {
    count: 5,
    minimum: 4,
    note:
      'Min: payment + 1 company search for the metadata customer ID, which must be the account given (else booked on neither: recording/placement.ts) + ' +
      'deals batch/upsert on mollie_payment_id + association PUT (batch/upsert carries no associations). ' +
      '+1 GET deal before writing (readDeal: keeps a moved deal\'s stage, detects "unchanged"). The deal properties are checked once an hour ' +
      '(recreated at once if HubSpot says they are gone) and the portal id once a day, per connection.',
  },
  'create_crm_payment_record, replay · hubspot': {
    count: 3,
    minimum: 3,
    note: 'Min: payment + the metadata customer ID\'s company (as above) + GET deal by mollie_payment_id (nothing to write).',
  },
  'create_crm_payment_record, first run · moneybird': {
    count: 6,
    minimum: 3,
    note:
      'Min: payment + invoice by number + POST payment. +1 the invoice found again inside the z.cache lock (crm/moneybird/adapter.ts upsertPaymentRecord: the read before the lock ' +
      'only checks existence and currency, and could move inside); +1 invoice re-read after writing to remove a line a parallel run duplicated (settle(); no unique transaction id); ' +
      '+1 the contact of the metadata customer ID, which must be the account given and the invoice\'s (else booked on neither: recording/placement.ts).',
  },
  'create_crm_payment_record, replay · moneybird': {
    count: 5,
    minimum: 2,
    note: 'Min: payment + invoice by number (its payments carry the Mollie id). +1 invoice found twice (as above); +1 settle() re-reads the invoice though nothing was written; +1 the metadata customer ID\'s contact (as above).',
  },
  'create_crm_payment_record, first run · pipedrive': {
    count: 9,
    minimum: 5,
    note:
      'Min: payment + the metadata customer ID\'s organization (search + read: hits lack custom fields), which must be the account given (else booked on neither: recording/placement.ts) + ' +
      'deal search + POST deal. +1 GET dealFields on a connection\'s first run (then remembered an hour; crm/pipedrive/adapter.ts dealFieldKeys); ' +
      '+1 the newest deals from the deals list (search lags writes by seconds); +2 list and search again after creating, to delete a deal a parallel run also made (Pipedrive has no unique constraint).',
  },
  'create_crm_payment_record, replay · pipedrive': {
    count: 5,
    minimum: 5,
    note: 'Min: payment + the metadata customer ID\'s organization (search + read, as above) + deal search + GET deal (search hits lack the custom fields to compare). Here: payment + its organization + the newest deals from the deals list (which carry the custom fields, so no GET) + search for older ones. The field list is remembered an hour.',
  },
};

export const rowKey = (row: Pick<RequestCount, 'operation' | 'crm'>) => `${row.operation} · ${row.crm}`;

type Tester = ReturnType<typeof createAppTester>;

/** Ids in paths become `{id}`, so the calls read as endpoints. */
const endpoint = (path: string) => path.replace(/\/(?=[^/]*\d)(?!v\d+\b)[^/]+/g, '/{id}');

/** Runs `work` and returns the requests every fake server received meanwhile. */
const counted = async (sb: Sandbox, work: () => Promise<unknown>): Promise<Pick<RequestCount, 'count' | 'calls'>> => {
  const servers = Object.entries(sb.servers);
  const before = servers.map(([, server]) => server.requestLog.length);
  await work();
  const calls = servers.flatMap(([name, server], index) => server.requestLog.slice(before[index]).map((r) => `${r.method} ${name} ${endpoint(r.path)}`));
  return { count: calls.length, calls };
};

/** An operation's perform, whatever inputData its fields give it. */
type Perform = (z: ZObject, bundle: Bundle<never>) => Promise<unknown>;
const run = (tester: Tester, perform: Perform, authData: Record<string, string>, inputData: Record<string, unknown>, meta = {}) =>
  tester(perform as (z: ZObject, bundle: Bundle) => Promise<unknown>, { authData, inputData, meta } as never);

/** Steady state of a polling trigger: the poll after the first (which only fills Zapier's dedupe). */
const pollCounts = async (sb: Sandbox, authData: Record<string, string>): Promise<RequestCount[]> => {
  sb.mollie.seed(900, { days: 20 });
  const rows: RequestCount[] = [];
  for (const [trigger, perform] of [
    ['payment_paid', paymentPaid],
    ['payment_refunded', paymentRefunded],
  ] as const) {
    const tester = createAppTester(App);
    await run(tester, perform, authData, {}, { isPopulatingDedupe: true });
    sb.clock.advance(DAY / 96);
    rows.push({ operation: `${trigger} poll`, crm: 'mollie', ...(await counted(sb, () => run(tester, perform, authData, {}))) });
  }
  return rows;
};

/** A webshop payment: metadata customerId and invoiceNumber, the invoice in the description, a billing e-mail and a Mollie customer. */
const paidPayment = (sb: Sandbox, customerId: string, invoice: string, email: string) => {
  const customer = sb.mollie.createCustomer({ name: 'Bakkerij de Vries', email });
  const payment = sb.mollie.createPayment({
    amount: { value: '121.00', currency: 'EUR' },
    description: `Invoice ${invoice}`,
    metadata: { customerId, invoiceNumber: invoice },
    billingAddress: { email },
    customerId: customer.id,
  });
  sb.mollie.setPaymentStatus(payment.id, 'paid');
  return payment.id;
};

/** match_payment, then create_crm_payment_record (first run and replay) with the matched account, per CRM. */
const crmCounts = async (sb: Sandbox, crm: CrmName): Promise<RequestCount[]> => {
  const fx = fixtures(sb)[crm];
  const tester = createAppTester(App);
  const seed = (n: number) => {
    const account = fx.seedAccount({ name: `Account ${n}`, email: `finance${n}@example.nl`, customerId: `CUST-${n}` });
    fx.seedInvoice(account, `INV-2026-${String(n).padStart(4, '0')}`, '121.00');
    return account;
  };
  for (let n = 1; n <= 20; n++) seed(n);
  // One payment recorded before: the CRM fields the app adds on first use exist, as on any connection after its first run.
  const first = seed(0);
  await run(tester, recordPayment, fx.authData, { payment_id: paidPayment(sb, 'CUST-0', 'INV-2026-0000', 'finance0@example.nl'), account_id: first, invoice_number: 'INV-2026-0000' });

  const paymentId = paidPayment(sb, 'CUST-7', 'INV-2026-0007', 'finance7@example.nl');
  const rows: RequestCount[] = [];
  let accountId = '';
  rows.push({
    operation: 'match_payment',
    crm,
    ...(await counted(sb, async () => {
      const [account] = (await run(tester, matchPayment, fx.authData, { payment_id: paymentId })) as Array<{ id: string; name: string }>;
      if (account?.name !== 'Account 7') throw new Error(`match_payment on ${crm} did not find Account 7`);
      accountId = account.id;
    })),
  });
  for (const [label, outcome] of [
    ['create_crm_payment_record, first run', 'created'],
    ['create_crm_payment_record, replay', 'unchanged'],
  ]) {
    rows.push({
      operation: label,
      crm,
      ...(await counted(sb, async () => {
        const record = (await run(tester, recordPayment, fx.authData, { payment_id: paymentId, account_id: accountId, invoice_number: 'INV-2026-0007' })) as { outcome: string };
        if (record.outcome !== outcome) throw new Error(`${label} on ${crm}: ${record.outcome}, expected ${outcome}`);
      })),
    });
  }
  return rows;
};

/** Every count, on a fresh sandbox whose URLs the app is pointed at for the duration. */
export const measureRequests = async (): Promise<RequestCount[]> => {
  const sb = await startSandbox({ seed: 11 });
  const previousEnv = { ...process.env };
  Object.assign(process.env, sb.env());
  try {
    const rows = await pollCounts(sb, fixtures(sb).hubspot.authData);
    for (const crm of CRMS) rows.push(...(await crmCounts(sb, crm)));
    return rows;
  } finally {
    process.env = previousEnv;
    await sb.close();
  }
};
