/**
 * A big Pipedrive account: more custom fields than one page of the field list holds (100 unless asked).
 * The app reads every page, so the fields it looks for on a later page are found, never made twice.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { pipedriveSettlementWriter, SETTLEMENT_DEAL_FIELDS } from '../crm/pipedrive/books';
import { DEAL_FIELDS } from '../crm/pipedrive/adapter';
import { connectionAccounts } from '../http/credentials';
import { crmAdapter } from '../crm';
import { startSandbox, SANDBOX_PIPEDRIVE_DOMAIN, type Sandbox } from '../sandbox';
import { FIELDS_PAGE_LIMIT } from '../crm/pipedrive/fields';
import { appTester, fixtures, recordInput, withAdapter } from './helpers/crmFixtures';

describe('Pipedrive fields past the first page', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    // Each test is a fresh account behind the same credentials: nothing remembered from the one before (z.cache).
    (appTester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj = {};
    sb = await startSandbox({ seed: 41 });
    Object.assign(process.env, sb.env());
    sb.pipedrive.indexDelayMs = 0;
  });
  afterEach(async () => {
    for (const name of Object.keys(sb.env())) delete process.env[name];
    await sb.close();
  });
  const authData = () => fixtures(sb).pipedrive.authData;
  const named = (kind: 'dealFields' | 'organizationFields', name: string) => sb.pipedrive.fields(kind).filter((field) => field.name === name);
  /** A big account: more than a page of custom fields before the ones the app looks for. */
  const bigAccount = (kind: 'dealFields' | 'organizationFields', names: string[]) => {
    sb.pipedrive.seedFields(kind, FIELDS_PAGE_LIMIT + 30);
    return names.map((name) => sb.pipedrive.addField(kind, name));
  };

  it('records a payment on the Mollie payment ID field the account already has, making no second one', async () => {
    const existing = bigAccount('dealFields', Object.values(DEAL_FIELDS));
    const payment = sb.mollie.createPayment({ amount: { value: '121.00', currency: 'EUR' } });
    sb.mollie.setPaymentStatus(payment.id, 'paid');
    const org = sb.pipedrive.createOrg('Big Account B.V.');
    await withAdapter(authData(), (adapter) => adapter.upsertPaymentRecord(recordInput(payment.id, { accountId: String(org.id) })));
    expect(Object.values(DEAL_FIELDS).map((name) => named('dealFields', name).length)).toEqual([1, 1, 1]);
    const [deal] = sb.pipedrive.dealsFor(payment.id);
    expect(deal.custom_fields[existing[0].key]).toBe(payment.id);
  });

  it('finds an organization by a customer ID field that stands on a later page', async () => {
    const [debtor] = bigAccount('organizationFields', ['Debtor number']);
    const org = sb.pipedrive.createOrg('Debtor B.V.', { [debtor.key]: 'D-4711' });
    const found = await withAdapter({ ...authData(), crmCustomerIdField: 'Debtor number' }, (adapter) => adapter.findAccountsByCustomerId('D-4711'));
    expect(found.map((account) => [account.id, account.customerIds])).toEqual([[String(org.id), ['D-4711']]]);
  });

  it('offers every organization field as the customer ID property, all pages of them', async () => {
    bigAccount('organizationFields', ['IBAN']);
    const options = await withAdapter(authData(), (adapter) => adapter.listOptions('properties'));
    expect(options.map((option) => option.label)).toEqual(sb.pipedrive.orgFields.map((field) => field.name));
  });

  it('writes settlement details into the settlement fields the account already has, making none twice', async () => {
    const existing = bigAccount('dealFields', Object.values(SETTLEMENT_DEAL_FIELDS));
    const deal = sb.pipedrive.createOrg('Settled B.V.');
    const dealId = (await withAdapter(authData(), async (adapter) => {
      const payment = sb.mollie.createPayment({ amount: { value: '10.00', currency: 'EUR' } });
      sb.mollie.setPaymentStatus(payment.id, 'paid');
      return (await adapter.upsertPaymentRecord(recordInput(payment.id, { accountId: String(deal.id) }))).id;
    })) as string;
    await appTester(
      (async (z: ZObject, bundle: Bundle) =>
        pipedriveSettlementWriter(z, SANDBOX_PIPEDRIVE_DOMAIN, crmAdapter(z, bundle), connectionAccounts(bundle.authData)).annotate([
          { paymentId: 'tr_any', recordId: dealId, fields: { reference: '1234567.2611.01', payoutDate: '2026-11-02' } as never },
        ])) as never,
      { authData: authData() } as never,
    );
    expect(Object.values(SETTLEMENT_DEAL_FIELDS).map((name) => named('dealFields', name).length)).toEqual(Object.values(SETTLEMENT_DEAL_FIELDS).map(() => 1));
    expect(sb.pipedrive.deals.get(Number(dealId))!.custom_fields[existing[0].key]).toBe('1234567.2611.01');
  });

  it('stops with a clear error when the field list’s pages do not move on (a looping cursor)', async () => {
    sb.pipedrive.seedFields('dealFields', FIELDS_PAGE_LIMIT + 30);
    let pages = 0;
    sb.servers.pipedrive.faults = (req) => {
      if (req.path !== '/api/v1/dealFields' || req.method !== 'GET') return undefined;
      pages += 1;
      const data = Array.from({ length: 2 }, (_, i) => ({ id: i, key: `k${i}`, name: `Loop ${i}` }));
      return { status: 200, headers: { 'Content-Type': 'application/json' }, body: { success: true, data, additional_data: { pagination: { start: 0, limit: 2, more_items_in_collection: true, next_start: 0 } } } };
    };
    const payment = sb.mollie.createPayment({ amount: { value: '5.00', currency: 'EUR' } });
    sb.mollie.setPaymentStatus(payment.id, 'paid');
    const error = await withAdapter(authData(), (adapter) => adapter.upsertPaymentRecord(recordInput(payment.id, { accountId: String(sb.pipedrive.createOrg('Loop B.V.').id) }))).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/Pipedrive/);
    expect(pages).toBeLessThanOrEqual(3);
  });
});
