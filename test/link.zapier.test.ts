/**
 * The review loop run the way Zapier runs it (test/helpers/zapier.ts), on
 * each CRM: Unmatched Payment fires with the accounts considered as line
 * items and a ready message; a person picks one (or picks from the Account
 * dropdown); Link Payment to CRM Account records the payment there and
 * teaches the payer; the payer's next payment is matched by itself: Find CRM
 * Account for Payment finds the account and Unmatched Payment stays silent.
 */
import type { Bundle } from 'zapier-platform-core';
import { startSandbox, type Sandbox } from '../sandbox';
import { appMethod } from './helpers/app';
import { appTester, CRMS, fixtures, type CrmFixture } from './helpers/crmFixtures';
import { emulateZapier, type Item, type Zap, type ZapierEmulation } from './helpers/zapier';

type Line = Record<string, string>;
const IBAN_FIELD = { hubspot: 'iban', moneybird: undefined, pipedrive: 'IBAN' } as const;
/** Between polls (15 min) and between a payer's payments: the CRMs' search indexes have caught up. */
const POLL_MS = 15 * 60_000;

describe.each(CRMS)('review → link → the next payment matches by itself, as Zapier runs it: %s', (crm) => {
  let sb: Sandbox;
  let fx: CrmFixture;
  let zapier: ZapierEmulation;
  let review: Zap;
  let authData: Record<string, string>;
  let invoices = 0;

  const invoiceFor = (accountId: string) => {
    const number = `2026-${String(900 + ++invoices)}`;
    fx.seedInvoice(accountId, number, '75.00');
    return crm === 'moneybird' ? { invoice_number: number } : {};
  };
  const paid = (payer: { customerId?: string; iban: string; email?: string }) => {
    const p = sb.mollie.createPayment({
      amount: { currency: 'EUR', value: '75.00' },
      description: 'Bestelling 7781',
      method: 'ideal',
      customerId: payer.customerId ?? null,
      payer: { name: 'Jan de Vries', account: payer.iban },
      billingAddress: payer.email ? { email: payer.email } : null,
    });
    sb.mollie.setPaymentStatus(p.id, 'paid');
    return p;
  };
  /** One poll of the review Zap, after Zapier's interval; what fired for this payment. */
  const reviewPoll = async (paymentId: string) => {
    sb.clock.advance(POLL_MS);
    const poll = await review.poll();
    expect(poll.status).toBe('success');
    return poll.fired.filter((item) => item.payment_id === paymentId);
  };

  beforeAll(async () => {
    sb = await startSandbox({ seed: 2020 });
    Object.assign(process.env, sb.env());
    fx = fixtures(sb)[crm];
    authData = { ...fx.authData, ...(IBAN_FIELD[crm] ? { crmIbanField: IBAN_FIELD[crm] } : {}) };
    if (crm === 'hubspot') sb.hubspot.defineProperty('companies', { name: 'iban', label: 'IBAN' });
    if (crm === 'pipedrive') sb.pipedrive.addField('organizationFields', 'IBAN');
    zapier = emulateZapier({ bundle: { authData } });
    review = await zapier.turnOn('unmatched_payment');
  });
  afterAll(() => sb.close());

  it('an e-mail two accounts share: the review step offers both, the person picks one, the payer’s next payment is matched by Mollie customer metadata', async () => {
    const bakery = fx.seedAccount({ name: 'Bakkerij de Vries', customerId: 'CUST-1042', email: 'office@devries.example' });
    const butcher = fx.seedAccount({ name: 'Slagerij de Vries', customerId: 'CUST-1043', email: 'office@devries.example' });
    const customer = sb.mollie.createCustomer({ name: 'Jan de Vries', email: null });
    const payer = { customerId: customer.id, iban: 'NL91ABNA0417164300', email: 'office@devries.example' };
    const first = paid(payer);

    const [item] = await reviewPoll(first.id);
    expect(item).toMatchObject({ id: `${first.id}:unmatched`, match_reason: 'ambiguous' });
    const choices = item.candidate_accounts as Line[];
    expect(choices.map((choice) => [choice.id, choice.name]).sort()).toEqual([[bakery, 'Bakkerij de Vries'], [butcher, 'Slagerij de Vries']].sort());
    expect(item.review_message).toMatch(new RegExp(`^Payment ${first.id} of EUR 75\\.00 \\("Bestelling 7781"\\) from office@devries\\.example could not be matched .*Bakkerij de Vries \\(${bakery}\\).*Link Payment to CRM Account`));

    const chosen = choices.find((choice) => choice.name === 'Bakkerij de Vries')!;
    const linked = await zapier.create('link_payment_to_crm_account', { inputData: { payment_id: String(item.id), account_id: chosen.id, ...invoiceFor(bakery) } });
    expect(linked.status).toBe('success');
    expect(linked.output).toMatchObject({ mollie_payment_id: first.id, account_id: bakery, next_match_by: 'mollie_customer' });
    expect(fx.recordAccounts(first.id)).toEqual([bakery]);

    const next = paid(payer);
    expect(await reviewPoll(next.id)).toEqual([]);
    const found = await zapier.search('match_payment', { inputData: { payment_id: next.id } });
    expect(found.first).toMatchObject({ id: bakery, matched_by: 'mollie_customer' });
    expect(found.first!.explanation).toMatch(/Mollie customer metadata/);
  });

  it('nobody found: the person picks the account from the Account dropdown, and the payer’s next payment is matched by IBAN', async () => {
    const garage = fx.seedAccount({ name: 'Garage Smit', customerId: 'CUST-2001' });
    const payer = { iban: 'DE89370400440532013000' };
    const first = paid(payer);

    const [item] = await reviewPoll(first.id);
    expect(item).toMatchObject({ match_reason: 'none_found', candidate_accounts: [] });
    expect(item.review_message).toMatch(/No account was found for it\. Choose its account with Link Payment to CRM Account/);

    const dropdown = await zapier.invoke<Item[]>('triggers.crm_accounts.operation.perform', zapier.bundleFor({}, { isFillingDynamicDropdown: true }));
    const option = dropdown.output!.find((choice) => String(choice.name).startsWith('Garage Smit'));
    expect(option).toMatchObject({ id: garage });

    const linked = await zapier.create('link_payment_to_crm_account', { inputData: { payment_id: String(item.id), account_id: String(option!.id), ...invoiceFor(garage) } });
    expect(linked.output).toMatchObject({ account_id: garage, next_match_by: 'iban' });

    const next = paid(payer);
    expect(await reviewPoll(next.id)).toEqual([]);
    const found = await zapier.search('match_payment', { inputData: { payment_id: next.id } });
    expect(found.first).toMatchObject({ id: garage, matched_by: 'iban' });
  });
});

describe('the Account dropdown pages through the CRM', () => {
  it.each(CRMS)('%s: "Load more" gives the next page, and the page after the last is empty', async (crm) => {
    const sb = await startSandbox({ seed: 7 });
    try {
      Object.assign(process.env, sb.env());
      const fx = fixtures(sb)[crm];
      const names = Array.from({ length: 130 }, (_, n) => `Klant ${String(n).padStart(3, '0')}`);
      const ids = names.map((name) => fx.seedAccount({ name }));
      sb.clock.advance(60_000);
      let stored: string | undefined;
      const cursor = { get: async () => stored, set: async (value: string) => void (stored = value) };
      const page = (n: number) =>
        appTester(
          (z, bundle) => {
            (z as unknown as { cursor: typeof cursor }).cursor = cursor;
            return appMethod('triggers.crm_accounts.operation.perform')(z, bundle);
          },
          { authData: fx.authData, meta: { page: n, isFillingDynamicDropdown: true } } as unknown as Partial<Bundle>,
        ) as Promise<Item[]>;
      const pages = [await page(0), await page(1), await page(2)];
      expect(pages.map((items) => items.length)).toEqual([100, 30, 0]);
      expect(pages.flat().map((item) => item.id).sort()).toEqual([...ids].sort());
    } finally {
      await sb.close();
    }
  });
});
