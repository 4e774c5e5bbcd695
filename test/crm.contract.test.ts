/**
 * The adapter contract: the same cases for every CRM, each against its own
 * stateful fake on loopback. An adapter is done when it passes all of them.
 */
import type { PaymentRecordInput } from '../crm/adapter';
import { startSandbox, type Sandbox } from '../sandbox';
import { CRMS, fixtures, withAdapter, type CrmFixture } from './helpers/crmFixtures';

const payment = (id: string, overrides: Partial<PaymentRecordInput> = {}): PaymentRecordInput => ({
  molliePaymentId: id,
  amount: { currency: 'EUR', value: '121.00' },
  amountRefunded: { currency: 'EUR', value: '0.00' },
  amountChargedBack: { currency: 'EUR', value: '0.00' },
  status: 'paid',
  description: 'Invoice 2026-0042',
  paidAt: '2026-11-01T09:00:00.000Z',
  ...overrides,
});

describe.each(CRMS)('CRM adapter contract: %s', (crm) => {
  let sb: Sandbox;
  let fx: CrmFixture;
  let run: <T>(fn: Parameters<typeof withAdapter<T>>[1]) => Promise<T>;
  let acme: string;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 7 });
    Object.assign(process.env, sb.env());
    fx = fixtures(sb)[crm];
    run = (fn) => withAdapter(fx.authData, fn);
    acme = fx.seedAccount({ name: 'Acme B.V.', email: 'Finance@Acme.nl', customerId: 'CUST-1' });
    fx.seedAccount({ name: 'Shared One', email: 'office@shared.nl', customerId: 'CUST-2' });
    fx.seedAccount({ name: 'Shared Two', email: 'office@shared.nl', customerId: 'CUST-3' });
    fx.seedInvoice(acme, '2026-0042', '121.00');
  });
  afterAll(() => sb.close());

  it('tests the credential and names the account, never the token', async () => {
    const who = await run((a) => a.whoAmI());
    expect(who.name).toMatch(/HubSpot|Moneybird|Pipedrive/);
    expect(who.name).not.toContain(fx.authData.crmToken);
  });

  it('finds an account by e-mail, trimmed and case-insensitive', async () => {
    const accounts = await run((a) => a.findAccountsByEmail('  finance@ACME.nl '));
    expect(accounts.map((x) => x.id)).toEqual([acme]);
    expect(accounts[0]).toMatchObject({ name: 'Acme B.V.', emails: ['finance@acme.nl'], customerIds: ['CUST-1'] });
    expect(accounts[0].url).toMatch(/^https:\/\//);
  });

  it('returns every account sharing an e-mail', async () => {
    const accounts = await run((a) => a.findAccountsByEmail('office@shared.nl'));
    expect(accounts.map((x) => x.name).sort()).toEqual(['Shared One', 'Shared Two']);
  });

  it('finds nothing as [] for an unknown e-mail or customer ID', async () => {
    expect(await run((a) => a.findAccountsByEmail('nobody@nowhere.nl'))).toEqual([]);
    expect(await run((a) => a.findAccountsByCustomerId('CUST-404'))).toEqual([]);
  });

  it('finds an account by customer ID', async () => {
    const accounts = await run((a) => a.findAccountsByCustomerId('CUST-1'));
    expect(accounts.map((x) => x.id)).toEqual([acme]);
  });

  it('finds candidates for several keys at once, each account once', async () => {
    const accounts = await run((a) => a.findCandidates({ emails: ['finance@acme.nl', 'office@shared.nl'], customerIds: ['CUST-1', 'CUST-404'], invoiceNumbers: ['2026-0042'] }));
    expect(accounts.map((x) => x.name).sort()).toEqual(['Acme B.V.', 'Shared One', 'Shared Two']);
    if (crm === 'moneybird') expect(accounts.find((x) => x.id === acme)?.invoices).toEqual([{ id: expect.any(String), number: '2026-0042', amount: { currency: 'EUR', value: '121.00' }, state: 'open' }]);
  });

  it('creates an account that is then found by customer ID and e-mail', async () => {
    const created = await run((a) => a.createAccount({ name: 'New Customer', email: 'New@Customer.nl', customerId: 'CUST-9' }));
    expect(created).toMatchObject({ name: 'New Customer', customerIds: ['CUST-9'] });
    expect((await run((a) => a.findAccountsByCustomerId('CUST-9'))).map((x) => x.id)).toEqual([created.id]);
    expect((await run((a) => a.findAccountsByEmail('new@customer.nl'))).map((x) => x.id)).toEqual([created.id]);
  });

  it('finds no payment record before one exists', async () => {
    expect(await run((a) => a.findPaymentRecord({ molliePaymentId: 'tr_contract0', invoiceNumber: '2026-0042' }))).toBeNull();
  });

  it('upserts a payment record: created once, then unchanged, then updated by a refund, never duplicated', async () => {
    const input = payment('tr_contract1', { accountId: acme, invoiceNumber: '2026-0042' });
    const created = await run((a) => a.upsertPaymentRecord(input));
    expect(created).toMatchObject({ outcome: 'created', molliePaymentId: 'tr_contract1', accountId: acme, amount: { currency: 'EUR', value: '121.00' }, status: 'paid' });
    expect(created.url).toMatch(/^https:\/\//);
    const again = await run((a) => a.upsertPaymentRecord(input));
    expect(again).toMatchObject({ outcome: 'unchanged', id: created.id });
    const refunded = await run((a) => a.upsertPaymentRecord({ ...input, amountRefunded: { currency: 'EUR', value: '21.00' }, status: 'partially refunded' }));
    expect(refunded).toMatchObject({ outcome: 'updated', id: created.id, amountRefunded: { currency: 'EUR', value: '21.00' }, status: 'partially refunded' });
    const found = await run((a) => a.findPaymentRecord({ molliePaymentId: 'tr_contract1', invoiceNumber: '2026-0042', accountId: acme }));
    expect(found).toMatchObject({ id: created.id, amount: { value: '121.00' }, amountRefunded: { value: '21.00' }, status: 'partially refunded' });
    expect(fx.recordCount('tr_contract1')).toBe(1);
  });

  it('lists dropdown options where the CRM has them', async () => {
    const pipelines = await run((a) => a.listOptions('pipelines'));
    if (!fx.hasPipelines) return expect(pipelines).toEqual([]);
    expect(pipelines.length).toBeGreaterThan(0);
    const stages = await run((a) => a.listOptions('stages', pipelines[0].id));
    expect(stages.length).toBeGreaterThan(0);
    for (const option of [...pipelines, ...stages]) expect(option).toEqual({ id: expect.any(String), label: expect.any(String) });
  });
});
