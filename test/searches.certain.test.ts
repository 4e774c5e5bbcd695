/**
 * A search never picks an arbitrary account: through the Zapier emulation, a
 * Zap gets the first result, so a search returns one only when it is certain,
 * and otherwise halts with a reason the Zap history shows.
 */
import { MAX_ACCOUNTS_PER_KEY } from '../recording/accountForPayment';
import { startSandbox, type Sandbox } from '../sandbox';
import { CRMS, fixtures, type CrmFixture } from './helpers/crmFixtures';
import { paidPayment } from './helpers/paidPayment';
import { emulateZapier, NOTHING_FOUND, type ZapierEmulation } from './helpers/zapier';

describe.each(CRMS)('searches are certain or say why: %s', (crm) => {
  let sb: Sandbox;
  let fx: CrmFixture;
  let zapier: ZapierEmulation;
  let acme: string;
  let lone: string;
  const accounts = () => (crm === 'hubspot' ? sb.hubspot.all('companies').length : crm === 'moneybird' ? sb.moneybird.contacts.size : sb.pipedrive.orgs.size);
  const paid = (input: Parameters<typeof paidPayment>[1]) => paidPayment(sb, input);

  beforeAll(async () => {
    sb = await startSandbox({ seed: 21 });
    Object.assign(process.env, sb.env());
    fx = fixtures(sb)[crm];
    acme = fx.seedAccount({ name: 'Acme B.V.', email: 'finance@acme.nl', customerId: 'CUST-1' });
    lone = fx.seedAccount({ name: 'Lone Shop', email: 'owner@lone.nl' });
    fx.seedAccount({ name: 'Shared One', email: 'office@shared.nl' });
    fx.seedAccount({ name: 'Shared Two', email: 'office@shared.nl' });
    fx.seedAccount({ name: 'Shared Three', email: 'office@shared.nl', customerId: 'CUST-3' });
    sb.clock.advance(10_000);
    zapier = emulateZapier({ bundle: { authData: fx.authData } });
  });
  afterAll(() => sb.close());

  describe('Find CRM Account', () => {
    it('an e-mail three accounts share: the step halts naming them, and the Zap gets no account', async () => {
      const step = await zapier.search('find_crm_account', { inputData: { email: 'Office@Shared.nl' } });
      expect(step.first).toBeUndefined();
      expect(step.status).toBe('halted');
      expect(step.message).toMatch(/^Nothing certain, so nothing was chosen .*e-mail office@shared\.nl belongs to more than one account: .*Shared One.*Shared Two.*Shared Three/);
    });

    it(`an e-mail on ${MAX_ACCOUNTS_PER_KEY + 5} accounts: halted after a bounded read, saying how many it found or that there are more`, async () => {
      for (let n = 0; n < MAX_ACCOUNTS_PER_KEY + 5; n++) fx.seedAccount({ name: `Club member ${n}`, email: 'club@many.nl' });
      sb.clock.advance(10_000);
      const before = sb.servers[crm].requestLog.length;
      const step = await zapier.search('find_crm_account', { inputData: { email: 'club@many.nl' } });
      expect(step.first).toBeUndefined();
      expect(step.message).toMatch(new RegExp(`belongs to more than one account: Club member .*(and more than ${MAX_ACCOUNTS_PER_KEY} in all|and ${MAX_ACCOUNTS_PER_KEY} more found)\\.`));
      expect(sb.servers[crm].requestLog.length - before).toBeLessThanOrEqual(MAX_ACCOUNTS_PER_KEY + 4);
    });

    it('search-or-create does not create a fourth account beside the three that share the e-mail', async () => {
      const before = accounts();
      const step = await zapier.searchOrCreate('find_crm_account', { inputData: { email: 'office@shared.nl', name: 'Shared Four' } });
      expect(step.result).toBeUndefined();
      expect(step.created).toBeUndefined();
      expect(accounts()).toBe(before);
    });

    it('one account when one is certain: a unique e-mail, or the customer ID among the sharers', async () => {
      expect((await zapier.search('find_crm_account', { inputData: { email: 'owner@lone.nl' } })).first).toMatchObject({ id: lone, matched_by: 'e-mail', ambiguous: false, match_count: 1 });
      const step = await zapier.search('find_crm_account', { inputData: { email: 'office@shared.nl', customer_id: 'CUST-3' } });
      expect(step.output).toHaveLength(1);
      expect(step.first).toMatchObject({ name: 'Shared Three', matched_by: 'customer ID and e-mail' });
    });

    it('a customer ID and an e-mail that point at different accounts: halted, both named', async () => {
      const step = await zapier.search('find_crm_account', { inputData: { email: 'owner@lone.nl', customer_id: 'CUST-1' } });
      expect(step.status).toBe('halted');
      expect(step.message).toMatch(/customer ID "CUST-1" is Acme B\.V\. \(id .+\), but e-mail owner@lone\.nl is Lone Shop/);
      expect(step.first).toBeUndefined();
    });

    it('nobody: Zapier’s own "nothing found", and search-or-create creates the account', async () => {
      const step = await zapier.search('find_crm_account', { inputData: { email: 'new@customer.nl' } });
      expect({ status: step.status, message: step.message, output: step.output }).toEqual({ status: 'halted', message: NOTHING_FOUND, output: [] });
      const before = accounts();
      const pair = await zapier.searchOrCreate('find_crm_account', { inputData: { email: 'new@customer.nl', name: 'New Customer' } });
      expect(pair.created?.status).toBe('success');
      expect(accounts()).toBe(before + 1);
    });
  });

  describe('Find CRM Account for Payment', () => {
    it('a payer e-mail shared by three accounts: halted with the engine’s explanation, no account', async () => {
      const step = await zapier.search('match_payment', { inputData: { payment_id: paid({ billingAddress: { email: 'office@shared.nl' } }) } });
      expect(step.first).toBeUndefined();
      expect(step.status).toBe('halted');
      expect(step.message).toMatch(/office@shared\.nl/);
    });

    it('a payer nobody knows: nothing found', async () => {
      const step = await zapier.search('match_payment', { inputData: { payment_id: paid({ billingAddress: { email: 'nobody@nowhere.nl' } }) } });
      expect(step.message).toBe(NOTHING_FOUND);
    });

    it('a certain match: the one account', async () => {
      const step = await zapier.search('match_payment', { inputData: { payment_id: paid({ metadata: { customerId: 'CUST-1' } }) } });
      expect(step.output).toHaveLength(1);
      expect(step.first).toMatchObject({ id: acme });
    });
  });

  describe('Find CRM Payment Record', () => {
    it('the record of the payment, and only it; nothing found for a payment never recorded', async () => {
      const id = paid({ metadata: { customerId: 'CUST-1', invoiceNumber: '2026-0201' } });
      fx.seedInvoice(acme, '2026-0201', '25.00');
      expect((await zapier.create('create_crm_payment_record', { inputData: { payment_id: id, account_id: acme, invoice_number: '2026-0201' } })).status).toBe('success');
      const found = await zapier.search('find_crm_payment_record', { inputData: { payment_id: id, invoice_number: '2026-0201', account_id: acme } });
      expect(found.output).toHaveLength(1);
      expect(found.first).toMatchObject({ mollie_payment_id: id });
      const never = paid({ metadata: { invoiceNumber: '2026-0201' } });
      expect((await zapier.search('find_crm_payment_record', { inputData: { payment_id: never, invoice_number: '2026-0201', account_id: acme } })).message).toBe(NOTHING_FOUND);
    });
  });
});

describe('Find Payment Link by Invoice (the first result is the invoice’s one link)', () => {
  let sb: Sandbox;
  let zapier: ZapierEmulation;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 22 });
    Object.assign(process.env, sb.env());
    zapier = emulateZapier({ bundle: { authData: fixtures(sb).hubspot.authData } });
  });
  afterAll(() => sb.close());

  it('the link made for the invoice, and nothing found for an invoice without one', async () => {
    const made = await zapier.create('create_payment_link', { inputData: { invoice_number: 'INV-2026-0301', amount: '12.50', currency: 'EUR' } });
    expect(made.status).toBe('success');
    const step = await zapier.search('find_payment_link', { inputData: { invoice_number: 'inv-2026-301' } });
    expect(step.output).toHaveLength(1);
    expect(step.first).toMatchObject({ id: made.output?.id, invoice_number: 'INV-2026-0301' });
    expect((await zapier.search('find_payment_link', { inputData: { invoice_number: 'INV-2026-0999' } })).message).toBe(NOTHING_FOUND);
  });

  // KNOWN GAP (searches/findPaymentLink.ts belongs to the editor): today the newest of two payable links is returned
  // without a word. `it.failing` passes while that is so; once the search halts on it, turn this into `it`.
  it.failing('two payable links for one invoice (one made outside the app): halted, both named, no link picked', async () => {
    sb.mollie.createPaymentLink({ description: 'Invoice INV-2026-0302', amount: { currency: 'EUR', value: '10.00' } });
    sb.clock.advance(60_000);
    sb.mollie.createPaymentLink({ description: 'Invoice INV-2026-0302 - again', amount: { currency: 'EUR', value: '10.00' } });
    const step = await zapier.search('find_payment_link', { inputData: { invoice_number: 'INV-2026-0302' } });
    expect(step.first).toBeUndefined();
    expect(step.status).toBe('halted');
    expect(step.message).toMatch(/INV-2026-0302/);
  });
});
