/**
 * Link Payment to CRM Account end to end on the sandbox, in each CRM: the
 * payment is recorded on the chosen account and the payer is taught (CRM
 * customer ID on the Mollie customer, IBAN and e-mail on the account); the
 * payer's next payment then matches by itself. A value already there is
 * never replaced, a replay writes nothing, and a payment that names nothing
 * of its payer is still recorded.
 */
import type { Bundle } from 'zapier-platform-core';
import { startSandbox, type Sandbox } from '../sandbox';
import { appMethod, appOperation } from './helpers/app';
import { keyProblems } from './helpers/publishingChecks';
import { appTester, CRMS, fixtures, type CrmFixture } from './helpers/crmFixtures';

type Out = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Line = { fact: string; value: string; outcome: string; reason: string };

const IBAN_FIELD = { hubspot: 'iban', moneybird: undefined, pipedrive: 'IBAN' } as const;
const WRITES = (method: string, path: string) => ['PATCH', 'PUT', 'DELETE'].includes(method) || (method === 'POST' && !/\/search$|\/batch\/read$/.test(path));

describe.each(CRMS)('Link Payment to CRM Account on the sandbox: %s', (crm) => {
  let sb: Sandbox;
  let fx: CrmFixture;
  let authData: Record<string, string>;
  let invoiceCount = 0;

  const link = (inputData: Out) => appTester(appMethod('creates.link_payment_to_crm_account.operation.perform'), { authData, inputData } as Partial<Bundle>) as Promise<Out>;
  const findFor = (paymentId: string) => appTester(appMethod('searches.match_payment.operation.perform'), { authData, inputData: { payment_id: paymentId } } as Partial<Bundle>) as Promise<Out[]>;
  const lineOf = (out: Out, fact: string) => (out.taught as Line[]).find((item) => item.fact === fact);
  /** Days pass between a payment and the next: the CRMs' search indexes have caught up. */
  const later = () => sb.clock.advance(3_600_000);

  /** An account; in Moneybird with an open invoice of 50.00 that the payment pays (the step books on it). */
  const account = (name: string, extra: { email?: string; customerId?: string; iban?: string } = {}) => {
    let id: string;
    if (extra.iban && crm === 'hubspot') id = sb.hubspot.seedCompany({ name, customerId: extra.customerId, emails: extra.email ? [extra.email] : [], iban: extra.iban }).id;
    else if (extra.iban && crm === 'pipedrive') id = String(sb.pipedrive.createOrgWithIban(name, extra.iban, 'IBAN', extra.customerId ? { [sb.pipedrive.orgFields[0].key]: extra.customerId } : {}).id);
    else if (extra.iban) id = sb.moneybird.createContact({ company_name: name, customer_id: extra.customerId, sepa_iban: extra.iban }).id;
    else id = fx.seedAccount({ name, ...extra });
    return id;
  };
  const invoiceFor = (accountId: string) => {
    const number = `2026-${String(++invoiceCount).padStart(4, '0')}`;
    fx.seedInvoice(accountId, number, '50.00');
    return number;
  };
  const pay = (payer: { customerId?: string; iban?: string; email?: string }) => {
    const p = sb.mollie.createPayment({
      amount: { currency: 'EUR', value: '50.00' },
      description: 'Bestelling 5520',
      method: payer.iban ? 'ideal' : 'creditcard',
      customerId: payer.customerId ?? null,
      payer: payer.iban ? { name: 'Jan de Vries', account: payer.iban } : null,
      billingAddress: payer.email ? { email: payer.email } : null,
    });
    sb.mollie.setPaymentStatus(p.id, 'paid');
    return p;
  };
  /** Links a payment to an account as the review step would (Moneybird: the invoice it pays). */
  const linkTo = (paymentId: string, accountId: string, invoice?: string) => link({ payment_id: `${paymentId}:unmatched`, account_id: accountId, ...(crm === 'moneybird' ? { invoice_number: invoice } : {}) });

  beforeAll(async () => {
    sb = await startSandbox({ seed: 20, hubspotIndexDelayMs: 10_000 });
    Object.assign(process.env, sb.env());
    fx = fixtures(sb)[crm];
    authData = { ...fx.authData, ...(IBAN_FIELD[crm] ? { crmIbanField: IBAN_FIELD[crm] } : {}) };
    if (crm === 'hubspot') sb.hubspot.defineProperty('companies', { name: 'iban', label: 'IBAN' });
    if (crm === 'pipedrive') sb.pipedrive.addField('organizationFields', 'IBAN');
  });
  afterAll(() => sb.close());

  it('by Mollie customer metadata: the CRM customer ID goes next to the customer’s other keys, and the next payment matches by it', async () => {
    const bakery = account('Bakkerij de Vries', { customerId: 'CUST-1042' });
    const customer = sb.mollie.createCustomer({ name: 'Jan de Vries', metadata: { shop: 'webshop-7', loyalty: 3 } });
    const first = pay({ customerId: customer.id });
    later();
    expect(await findFor(first.id)).toEqual([]);

    const out = await linkTo(first.id, bakery, crm === 'moneybird' ? invoiceFor(bakery) : undefined);
    expect(out).toMatchObject({ mollie_payment_id: first.id, account_id: bakery, outcome: 'created', next_match_by: 'mollie_customer' });
    expect(lineOf(out, 'mollie_customer')).toMatchObject({ value: 'CUST-1042', outcome: 'taught' });
    expect(customer.metadata).toEqual({ shop: 'webshop-7', loyalty: 3, crmCustomerId: 'CUST-1042', crmLinkedFrom: first.id });
    expect(fx.recordAccounts(first.id)).toEqual([bakery]);

    later();
    const next = pay({ customerId: customer.id });
    const [found] = await findFor(next.id);
    expect(found).toMatchObject({ id: bakery, matched_by: 'mollie_customer' });
  });

  it('by IBAN: the payer’s IBAN goes onto an account that holds none, and the next payment matches by it', async () => {
    const iban = 'NL91ABNA0417164300';
    const garage = account('Garage Smit', { customerId: 'CUST-2001' });
    const first = pay({ iban });
    later();
    expect(await findFor(first.id)).toEqual([]);

    const out = await linkTo(first.id, garage, crm === 'moneybird' ? invoiceFor(garage) : undefined);
    expect(lineOf(out, 'iban')).toMatchObject({ value: iban, outcome: 'taught' });
    expect(out.next_match_by).toBe('iban');
    const held = crm === 'hubspot' ? sb.hubspot.get('companies', garage)?.properties.iban : crm === 'moneybird' ? sb.moneybird.contacts.get(garage)?.sepa_iban : sb.pipedrive.orgs.get(Number(garage))?.custom_fields[sb.pipedrive.orgFields.find((f) => f.name === 'IBAN')!.key];
    expect(held).toBe(iban);

    later();
    const [found] = await findFor(pay({ iban }).id);
    expect(found).toMatchObject({ id: garage, matched_by: 'iban' });
  });

  it('by e-mail: added where the CRM keeps several per account (and said so where it does not)', async () => {
    const email = 'jan@fietsenmakerij.example';
    const shop = account('Fietsenmakerij Bos', { customerId: 'CUST-3001', email: 'info@fietsenmakerij.example' });
    const first = pay({ email });
    later();
    expect(await findFor(first.id)).toEqual([]);

    const out = await linkTo(first.id, shop, crm === 'moneybird' ? invoiceFor(shop) : undefined);
    later();
    const [found] = await findFor(pay({ email }).id);
    if (crm === 'moneybird') {
      expect(lineOf(out, 'email')).toMatchObject({ value: email, outcome: 'refused', reason: expect.stringContaining('Moneybird') });
      expect(out.next_match_by).toBe('');
      expect(found).toBeUndefined();
      return;
    }
    expect(lineOf(out, 'email')).toMatchObject({ value: email, outcome: 'taught' });
    expect(out.next_match_by).toBe('email');
    expect(found).toMatchObject({ id: shop, matched_by: 'email' });
    // Added, never replacing: the account's own e-mail is still there.
    expect((await findFor(pay({ email: 'info@fietsenmakerij.example' }).id))[0]).toMatchObject({ id: shop });
  });

  it('a value already there that differs is reported, not overwritten, and the payment is still recorded', async () => {
    const other = account('Drukkerij Bos', { email: 'jan@drukkerij.example' });
    const chosen = account('Drukkerij Noord', { customerId: 'CUST-4001', iban: 'NL20INGB0001234567' });
    const customer = sb.mollie.createCustomer({ metadata: { crmCustomerId: 'CUST-9999' } });
    later();
    const p = pay({ customerId: customer.id, iban: 'NL39RABO0300065264', email: 'jan@drukkerij.example' });
    const out = await linkTo(p.id, chosen, crm === 'moneybird' ? invoiceFor(chosen) : undefined);

    expect(out).toMatchObject({ account_id: chosen, outcome: 'created' });
    expect(fx.recordAccounts(p.id)).toEqual([chosen]);
    expect((out.taught as Line[]).map((item) => [item.fact, item.outcome])).toEqual([
      ['mollie_customer', 'refused'],
      ['iban', 'refused'],
      ['email', 'refused'],
    ]);
    expect(lineOf(out, 'mollie_customer')!.reason).toContain('CUST-9999');
    expect(lineOf(out, 'iban')!.reason).toContain('NL20 INGB 0001 2345 67');
    expect(customer.metadata).toEqual({ crmCustomerId: 'CUST-9999' });
    const held = crm === 'hubspot' ? sb.hubspot.get('companies', chosen)?.properties.iban : crm === 'moneybird' ? sb.moneybird.contacts.get(chosen)?.sepa_iban : sb.pipedrive.orgs.get(Number(chosen))?.custom_fields[sb.pipedrive.orgFields.find((f) => f.name === 'IBAN')!.key];
    expect(held).toBe('NL20INGB0001234567');
    if (crm !== 'moneybird') expect(lineOf(out, 'email')!.reason).toContain(`Drukkerij Bos (${other})`);
  });

  it('replaying the step changes nothing: the same record, every fact already there, no write to any vendor', async () => {
    const iban = 'DE89370400440532013000';
    const email = 'anna@replay.example';
    const studio = account('Studio Replay', { customerId: 'CUST-5001' });
    const customer = sb.mollie.createCustomer({ metadata: null });
    const p = pay({ customerId: customer.id, iban, email });
    const invoice = crm === 'moneybird' ? invoiceFor(studio) : undefined;
    const first = await linkTo(p.id, studio, invoice);
    expect((first.taught as Line[]).filter((item) => item.outcome === 'taught').map((item) => item.fact)).toEqual(crm === 'moneybird' ? ['mollie_customer', 'iban'] : ['mollie_customer', 'iban', 'email']);
    later();

    const logs = Object.values(sb.servers).map((server) => server.requestLog);
    const before = logs.map((log) => log.length);
    const metadata = JSON.stringify(customer.metadata);
    const replay = await linkTo(p.id, studio, invoice);
    const writes = logs.flatMap((log, n) => log.slice(before[n])).filter((request) => WRITES(request.method, request.path));

    expect(replay).toMatchObject({ id: first.id, outcome: 'unchanged', account_id: studio, next_match_by: 'mollie_customer' });
    expect((replay.taught as Line[]).map((item) => item.outcome)).toEqual(crm === 'moneybird' ? ['already there', 'already there', 'refused'] : ['already there', 'already there', 'already there']);
    expect(writes).toEqual([]);
    expect(JSON.stringify(customer.metadata)).toBe(metadata);
    expect(fx.recordCount(p.id)).toBe(1);
  });

  it('what the editor shows is what runs: the sample’s keys, the output fields and the live output are one set', async () => {
    const shop = account('Sample Shop', { customerId: 'CUST-8001' });
    const customer = sb.mollie.createCustomer({});
    const out = await linkTo(pay({ customerId: customer.id, iban: 'NL69INGB0123456789', email: 'sample@shop.example' }).id, shop, crm === 'moneybird' ? invoiceFor(shop) : undefined);
    expect((out.taught as Line[]).length).toBe(3);
    expect(keyProblems('creates.link_payment_to_crm_account', appOperation('creates', 'link_payment_to_crm_account') as never, [out])).toEqual([]);
  });

  it('a payment that names no Mollie customer, IBAN or e-mail is still recorded, and says nothing was taught', async () => {
    const quiet = account('Stille Klant', { customerId: 'CUST-6001' });
    const p = pay({});
    const out = await linkTo(p.id, quiet, crm === 'moneybird' ? invoiceFor(quiet) : undefined);
    expect(out).toMatchObject({ account_id: quiet, outcome: 'created', taught: [], next_match_by: '' });
    expect(out.teaching_summary).toMatch(/^Nothing was taught/);
    expect(fx.recordAccounts(p.id)).toEqual([quiet]);
  });

  it('moves a record made without an account onto the chosen one', async () => {
    const target = account('Verhuizer B.V.', { customerId: 'CUST-7001' });
    const p = pay({});
    const invoice = crm === 'moneybird' ? invoiceFor(target) : undefined;
    if (crm !== 'moneybird') {
      await appTester(appMethod('creates.create_crm_payment_record.operation.perform'), { authData, inputData: { payment_id: p.id } } as Partial<Bundle>);
      expect(fx.recordAccounts(p.id)).toEqual([]);
    }
    const out = await linkTo(p.id, target, invoice);
    expect(out).toMatchObject({ account_id: target, outcome: crm === 'moneybird' ? 'created' : 'updated' });
    expect(fx.recordAccounts(p.id)).toEqual([target]);
    expect(fx.recordCount(p.id)).toBe(1);
  });
});
