/**
 * The adapter contract: the same cases for every CRM, each against its own
 * stateful fake on loopback. An adapter is done when it passes all of them.
 */
import { startSandbox, type Sandbox } from '../sandbox';
import { failure } from './helpers/connection';
import { CRMS, dropAnswerOnce, fixtures, recordInput, withAdapter, type CrmFixture } from './helpers/crmFixtures';

const payment = recordInput;

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
  // Each case starts ten virtual seconds later: HubSpot's rate window and every search index have moved on.
  beforeEach(() => {
    sb.clock.advance(10_000);
    fx.server.faults = undefined;
  });
  const requests = () => fx.server.requestLog.length;

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

  it('creates an account that is then found by customer ID and e-mail, once the search index caught up', async () => {
    const created = await run((a) => a.createAccount({ name: 'New Customer', email: 'New@Customer.nl', customerId: 'CUST-9' }));
    expect(created).toMatchObject({ name: 'New Customer', customerIds: ['CUST-9'] });
    if (fx.searchLagMs > 0) expect(await run((a) => a.findAccountsByCustomerId('CUST-9'))).toEqual([]);
    sb.clock.advance(fx.searchLagMs);
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

  describe('never duplicate, never book what did not happen (issue 10 §3)', () => {
    it.each([
      ['with a customer ID', { name: 'Dropped Co', email: 'dropped@co.nl', customerId: 'CUST-DROP' }],
      ['without a customer ID', { name: 'Dropped Two', email: 'two@dropped.nl' }],
      ['with neither e-mail nor customer ID', { name: 'Dropped Three' }],
    ])('Create CRM Account retried after "created, then the connection dropped" returns the account it made (%s)', async (_case, account) => {
      const dropped = dropAnswerOnce(fx.server, fx.createsAccount);
      const first = await failure(run((a) => a.createAccount(account)));
      expect(dropped()).toBe(true);
      expect(first.name).toBe('ThrottledError');
      expect(fx.accountsNamed(account.name)).toHaveLength(1);
      const retried = await run((a) => a.createAccount(account));
      expect(fx.accountsNamed(account.name)).toEqual([retried.id]);
      expect(retried).toMatchObject({ name: account.name, customerIds: 'customerId' in account ? [account.customerId] : expect.any(Array) });
      // and once more, later: still the one account
      sb.clock.advance(60_000);
      expect((await run((a) => a.createAccount(account))).id).toBe(retried.id);
      expect(fx.accountsNamed(account.name)).toHaveLength(1);
    });

    it('two runs one right after the other, search lagging, leave one record', async () => {
      fx.seedInvoice(acme, '2026-0300', '121.00');
      const input = payment('tr_lagged1', { accountId: acme, invoiceNumber: '2026-0300' });
      const first = await run((a) => a.upsertPaymentRecord(input));
      const second = await run((a) => a.upsertPaymentRecord(input));
      expect(second).toMatchObject({ id: first.id, outcome: 'unchanged' });
      expect(fx.recordCount('tr_lagged1')).toBe(1);
    });

    it('two parallel runs, search lagging, leave one record', async () => {
      fx.seedInvoice(acme, '2026-0301', '121.00');
      const input = payment('tr_lagged2', { accountId: acme, invoiceNumber: '2026-0301' });
      const results = await Promise.all([run((a) => a.upsertPaymentRecord(input)), run((a) => a.upsertPaymentRecord(input))]);
      expect(fx.recordCount('tr_lagged2')).toBe(1);
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(await run((a) => a.upsertPaymentRecord(input))).toMatchObject({ id: results[0].id, outcome: 'unchanged' });
      expect(fx.recordCount('tr_lagged2')).toBe(1);
    });

    it.each(['open', 'pending', 'authorized'])('a payment Mollie has as %s is never recorded as won revenue', async (mollieStatus) => {
      fx.seedInvoice(acme, `2026-04-${mollieStatus}`, '121.00');
      const id = `tr_unpaid${mollieStatus}`;
      const input = payment(id, { accountId: acme, invoiceNumber: `2026-04-${mollieStatus}`, status: 'open', paidAt: undefined });
      const outcome = await run((a) => a.upsertPaymentRecord(input)).catch((error: Error) => error);
      expect(fx.recordWon(id)).toBe(false);
      if (crm === 'moneybird') expect(String(outcome)).toMatch(/nothing was registered/);
      // once paid, the same record becomes won
      if (crm !== 'moneybird') {
        await run((a) => a.upsertPaymentRecord({ ...input, status: 'paid', paidAt: '2026-11-02T10:00:00.000Z' }));
        expect(fx.recordWon(id)).toBe(true);
        expect(fx.recordCount(id)).toBe(1);
      }
    });
  });

  describe('never credit the wrong account (issue 10 §2)', () => {
    const BAD_IDS: unknown[] = ['0x1F', '1e1', 'NaN', 'Infinity', '-Infinity', 'abc', ' 12', '12 ', '12.0', '-3', '+12', '0012', '1_000', '١٢', '１２', '12\u200b', NaN, Infinity, 1.5, -3];
    it.each(BAD_IDS.map((id) => [typeof id === 'string' ? JSON.stringify(id) : String(id), id]))('account id %s is refused naming the field, before any request', async (_shown, accountId) => {
      const before = requests();
      const error = await failure(run((a) => a.upsertPaymentRecord(payment('tr_badid0001', { accountId: accountId as string, invoiceNumber: '2026-0042' }))));
      expect(error.message).toMatch(/^Account ID /);
      expect(requests()).toBe(before);
    });

    it('running the record step again with a corrected account moves the record (the one account, not one more)', async () => {
      const other = fx.seedAccount({ name: 'Corrected B.V.', email: 'corrected@b.nl', customerId: 'CUST-COR' });
      fx.seedInvoice(acme, '2026-0500', '60.00');
      const input = payment('tr_moveme01', { accountId: acme, invoiceNumber: '2026-0500', amount: { currency: 'EUR', value: '60.00' } });
      const created = await run((a) => a.upsertPaymentRecord(input));
      expect(fx.recordAccounts('tr_moveme01')).toEqual([acme]);
      if (crm === 'moneybird') {
        // The invoice decides: an account that is not the invoice's contact is refused, and nothing more is booked.
        const error = await failure(run((a) => a.upsertPaymentRecord({ ...input, accountId: other })));
        expect(error.message).toMatch(/^Account ID: invoice 2026-0500 belongs to Moneybird contact .* booked on neither/);
        expect(fx.recordCount('tr_moveme01')).toBe(1);
        return;
      }
      if (crm === 'pipedrive') sb.pipedrive.dealsFor('tr_moveme01')[0].person_id = sb.pipedrive.createPerson('Acme person', 'p@acme.nl', Number(acme)).id;
      const moved = await run((a) => a.upsertPaymentRecord({ ...input, accountId: other }));
      if (crm === 'pipedrive') expect(sb.pipedrive.dealsFor('tr_moveme01')[0].person_id).toBeNull();
      expect(moved).toMatchObject({ id: created.id, accountId: other, outcome: 'updated' });
      expect(fx.recordAccounts('tr_moveme01')).toEqual([other]);
      expect(await run((a) => a.upsertPaymentRecord({ ...input, accountId: other }))).toMatchObject({ outcome: 'unchanged', accountId: other });
      expect(fx.recordCount('tr_moveme01')).toBe(1);
    });
  });
});
