/**
 * The one-reading test (issue 17): ~50 payment shapes (test/oneReading.shapes.ts) run through every operation
 * that reads a payment, on the sandbox, as Zapier runs them (test/helpers/zapier.ts), in each CRM:
 *
 * - the same reading everywhere: Payment Paid, Payment Refunded, Chargeback Received, Payment Link Paid, Unmatched Payment,
 *   Find Payment (by ID, by each invoice it names, never by an order number) and Settlement Paid Out's lines
 *   show the same invoice numbers (all of them; `invoice_number` only when there is exactly one), the same
 *   CRM customer ID and the same e-mail, as the shape was built;
 * - the same decision everywhere: Find CRM Account for Payment, Unmatched Payment, Record Settlement in the
 *   Books, Create or Update CRM Payment Record and Link Payment to CRM Account book the payment on the same
 *   account, or on none, saying why (keys naming different accounts book on neither);
 * - every output that says it stored an invoice number stores it (the deal or the Moneybird invoice holds it).
 */
import { SANDBOX_ACCESS_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import { booksOf } from '../sandbox/moneybird/financial';
import { settlementsOf } from '../sandbox/mollie/settlements';
import { sameInvoiceNumber } from '../matching';
import { CRMS, fixtures, type CrmFixture } from './helpers/crmFixtures';
import { emulateZapier, NOTHING_FOUND, type Item, type Zap, type ZapierEmulation } from './helpers/zapier';
import { ACCOUNTS, namedBy, SHAPES, type Made, type Owner, type Shape } from './oneReading.shapes';

// Core's Lambda guard (exit past 450 MB RSS after 250 runs) measures the whole Jest process: ~300 runs per CRM here.
jest.mock('zapier-platform-core/src/tools/memory-checker', () => () => undefined);

const IBAN_FIELD = { hubspot: 'iban', moneybird: undefined, pipedrive: 'IBAN' } as const;
const AMOUNT = '50.00';
const POLL_MS = 15 * 60_000;

interface Paid {
  shape: Shape;
  made: Made;
  id: string;
  invoices: string[];
  crmInvoices: Array<[string, Owner]>;
}

/** What a payment-shaped item shows of the reading. */
const shown = (item: Item | undefined, prefix = '') => ({
  invoice_number: item?.[`${prefix}invoice_number`],
  invoice_numbers: item?.[`${prefix}invoice_numbers`],
  crm_customer_id: item?.[`${prefix}crm_customer_id`],
  customer_email: item?.[`${prefix}customer_email`],
});
/** What it must show: the shape's labels. */
const expected = (paid: Paid) => ({
  invoice_number: paid.invoices.length === 1 ? paid.invoices[0] : null,
  invoice_numbers: paid.invoices.join(', ') || null,
  crm_customer_id: paid.shape.customerId ?? null,
  customer_email: paid.shape.email ?? null,
});

describe.each(CRMS)('one reading, one decision, in every operation: %s', (crm) => {
  let sb: Sandbox;
  let fx: CrmFixture;
  let zapier: ZapierEmulation;
  let authData: Record<string, string>;
  const accountId: Record<Owner, string> = { A: '', B: '' };
  const paid: Paid[] = [];
  const zaps: Record<string, Zap> = {};
  const fired: Record<string, Item[]> = {};
  let settlementItem: Item | undefined;
  let booking: Item | undefined;
  const records = new Map<string, { status: string; output?: Item; message?: string }>();
  const matches = new Map<string, { status: string; first?: Item; message?: string }>();

  /** What the CRM's steps must decide for a payment, from how it was built. */
  const decision = (entry: Paid) => {
    const named = namedBy(entry.shape, entry.made, entry.crmInvoices, crm === 'moneybird');
    const match: Owner | 'none' | 'conflict' = named.size === 0 ? 'none' : named.size === 1 ? [...named][0] : 'conflict';
    if (crm !== 'moneybird') return { match, record: match === 'A' || match === 'B' ? match : ('without' as const) };
    // Moneybird books on the invoice: exactly one, or the step refuses naming the field.
    const record = entry.invoices.length === 0 ? ('no invoice' as const) : entry.invoices.length > 1 ? ('several' as const) : match;
    return { match, record };
  };

  const pay = async (shape: Shape, index: number): Promise<Paid> => {
    const [x, y] = [`2026-${5000 + 2 * index}`, `2026-${5001 + 2 * index}`];
    const made = shape.make(x, y);
    const invoices = shape.invoices(x, y);
    const crmInvoices = shape.crmInvoices?.(x, y) ?? invoices.map((number): [string, Owner] => [number, 'A']);
    for (const [number, owner] of crmInvoices) fx.seedInvoice(accountId[owner], number, crmInvoices.length === 2 ? '25.00' : AMOUNT);
    let id: string;
    if (made.link === 'app') {
      const link = await zapier.create('create_payment_link', { inputData: { invoice_number: x, amount: AMOUNT } });
      expect(link).toMatchObject({ status: 'success', output: { invoice_number: x, invoice_numbers: x } });
      id = sb.mollie.payPaymentLink(String((link.output as Item).payment_link_id), { method: 'creditcard' }).id;
    } else if (made.link === 'dashboard') {
      const link = sb.mollie.createPaymentLink({ description: made.description!, amount: { value: AMOUNT, currency: 'EUR' }, mode: 'live' });
      id = sb.mollie.payPaymentLink(link.id, { method: 'creditcard' }).id;
    } else {
      const payment = sb.mollie.createPayment({
        amount: { value: AMOUNT, currency: 'EUR' },
        description: made.description,
        metadata: made.metadata,
        method: made.iban ? 'ideal' : 'creditcard',
        payer: made.iban ? { name: 'Jan de Vries', account: made.iban } : null,
        billingAddress: made.billingAddress ?? null,
        mode: 'live',
      });
      sb.mollie.setPaymentStatus(payment.id, 'paid');
      id = payment.id;
    }
    if (made.refund) sb.mollie.createRefund(id, { amount: '10.00', description: made.refund });
    if (made.chargeback) sb.mollie.createChargeback(id);
    return { shape, made, id, invoices, crmInvoices };
  };

  const seedAccounts = () => {
    const { A, B } = ACCOUNTS;
    if (crm === 'hubspot') accountId.A = sb.hubspot.seedCompany({ name: A.name, customerId: A.customerId, emails: [A.email], iban: A.iban }).id;
    if (crm === 'moneybird') accountId.A = sb.moneybird.createContact({ company_name: A.name, customer_id: A.customerId, email: A.email, sepa_iban: A.iban }).id;
    if (crm === 'pipedrive') {
      const org = sb.pipedrive.createOrgWithIban(A.name, A.iban, 'IBAN', { [sb.pipedrive.orgFields[0].key]: A.customerId });
      sb.pipedrive.createPerson(A.name, A.email, org.id);
      accountId.A = String(org.id);
    }
    accountId.B = fx.seedAccount({ name: B.name, customerId: B.customerId, email: B.email });
  };

  /** Runs a step until Zapier would stop retrying it (a ThrottledError is retried later). */
  const untilDone = async (run: () => ReturnType<ZapierEmulation['create']>) => {
    for (let attempt = 0; ; attempt++) {
      sb.clock.advance(60_000);
      const step = await run();
      if (step.errorName !== 'ThrottledError' || attempt >= 30) return step;
    }
  };

  beforeAll(async () => {
    sb = await startSandbox({ seed: 1717 });
    Object.assign(process.env, sb.env());
    // Not what this test is about: ~50 payments through every step exceed the fakes' rate windows.
    sb.moneybird.rateWindow.limits = false;
    sb.hubspot.rateWindow.limits = false;
    fx = fixtures(sb)[crm];
    authData = { ...fx.authData, mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'live', ...(IBAN_FIELD[crm] ? { crmIbanField: IBAN_FIELD[crm] } : {}) };
    if (crm === 'pipedrive') sb.pipedrive.addField('organizationFields', 'IBAN');
    seedAccounts();
    zapier = emulateZapier({ bundle: { authData }, latencyMs: 20 });
    for (const key of ['payment_paid', 'payment_refunded', 'chargeback_received', 'payment_link_paid', 'unmatched_payment', 'settlement_paid_out']) zaps[key] = await zapier.turnOn(key);
    sb.clock.advance(POLL_MS);

    for (const [index, shape] of SHAPES.entries()) paid.push(await pay(shape, index));
    sb.clock.advance(POLL_MS);
    for (const key of ['payment_paid', 'payment_refunded', 'chargeback_received', 'payment_link_paid']) {
      const poll = await zaps[key].poll();
      expect(poll.status).toBe('success');
      fired[key] = poll.fired;
    }
    fired.unmatched_payment = [];
    for (let round = 0; round < 6; round++) {
      sb.clock.advance(POLL_MS);
      const poll = await zaps.unmatched_payment.poll();
      expect(poll.status).toBe('success');
      fired.unmatched_payment.push(...poll.fired);
    }

    // Find CRM Account for Payment when the payment comes in (before anything is booked on its invoice).
    for (const entry of paid) matches.set(entry.id, await zapier.search('match_payment', { inputData: { payment_id: entry.id } }));

    sb.clock.advance(24 * 3_600_000);
    const settlement = settlementsOf(sb.mollie).payOut();
    const payout = await zaps.settlement_paid_out.poll();
    settlementItem = payout.fired.find((item) => item.settlement_id === settlement.id);
    const finance = crm === 'moneybird' ? { financial_account_id: booksOf(sb.moneybird).accountNamed('Mollie').id } : {};
    const booked = await untilDone(() => zapier.create('record_settlement', { inputData: { settlement_id: settlement.id, ...finance } }));
    expect(booked.status).toBe('success');
    booking = booked.output as Item;

    for (const entry of paid) {
      const record = await zapier.create('create_crm_payment_record', { inputData: { payment_id: entry.id } });
      records.set(entry.id, { status: record.status, output: record.output as Item | undefined, message: record.message });
    }
  }, 600_000);
  afterAll(() => sb.close());

  const cases = SHAPES.map((shape, index) => [shape.name, index] as const);

  it.each(cases)('the same reading everywhere: %s', async (_name, index) => {
    const entry = paid[index];
    const want = expected(entry);
    const item = fired.payment_paid.find((candidate) => candidate.payment_id === entry.id);
    expect(shown(item)).toEqual(want);

    const byId = await zapier.search('find_payment', { inputData: { payment_id: entry.id } });
    expect(shown(byId.first)).toEqual(want);
    for (const invoice of entry.invoices) {
      const byInvoice = await zapier.search('find_payment', { inputData: { invoice_number: invoice } });
      expect([invoice, byInvoice.first?.payment_id]).toEqual([invoice, entry.id]);
    }
    for (const order of entry.shape.orders ?? []) {
      const byOrder = await zapier.search('find_payment', { inputData: { invoice_number: order } });
      expect([order, byOrder.status, byOrder.message]).toEqual([order, 'halted', NOTHING_FOUND]);
    }

    const unmatched = fired.unmatched_payment.find((candidate) => candidate.payment_id === entry.id);
    if (unmatched) expect(shown(unmatched)).toEqual(want);

    const lines = (settlementItem?.lines ?? []) as Array<Record<string, string>>;
    const line = lines.find((candidate) => candidate.type === 'payment' && candidate.payment_id === entry.id);
    expect({ invoice_number: line?.invoice_number, invoice_numbers: line?.invoice_numbers, customer_id: line?.customer_id }).toEqual({
      invoice_number: want.invoice_number ?? '',
      invoice_numbers: want.invoice_numbers ?? '',
      customer_id: want.crm_customer_id ?? '',
    });

    if (entry.made.refund) {
      const refund = fired.payment_refunded.find((candidate) => candidate.payment_id === entry.id);
      expect(shown(refund, 'payment_')).toEqual(want);
      expect(refund?.refund_description).toBe(entry.made.refund);
      const refundLine = lines.find((candidate) => candidate.type === 'refund' && candidate.payment_id === entry.id);
      expect([refundLine?.invoice_number, refundLine?.invoice_numbers]).toEqual([want.invoice_number, want.invoice_numbers]);
    }
    if (entry.made.chargeback) {
      const chargeback = fired.chargeback_received.find((candidate) => candidate.payment_id === entry.id);
      expect(shown(chargeback, 'payment_')).toEqual(want);
    }
    if (entry.made.link) {
      const linkPaid = fired.payment_link_paid.find((candidate) => candidate.description === item?.description);
      expect([linkPaid?.invoice_number ?? null, linkPaid?.invoice_numbers ?? null]).toEqual([want.invoice_number, want.invoice_numbers]);
    }
  });

  it.each(cases)('the same decision everywhere: %s', async (_name, index) => {
    const entry = paid[index];
    const { match, record } = decision(entry);
    const account = (owner: Owner | string) => (owner === 'A' || owner === 'B' ? accountId[owner] : '');

    // Find CRM Account for Payment: the account, nothing, or a halt that names the keys pointing apart.
    const found = matches.get(entry.id)!;
    if (match === 'A' || match === 'B') expect([found.status, found.first?.id]).toEqual(['success', account(match)]);
    else if (match === 'none') expect([found.status, found.message]).toEqual(['halted', NOTHING_FOUND]);
    else expect([found.status, found.message]).toEqual(['halted', expect.stringMatching(/point/)]);

    // Unmatched Payment: silent for a match; otherwise it fires, saying why.
    const unmatched = fired.unmatched_payment.find((candidate) => candidate.payment_id === entry.id);
    if (match === 'A' || match === 'B') expect(unmatched).toBeUndefined();
    else expect(unmatched?.match_reason).toBe(match === 'none' ? 'none_found' : 'conflict');

    // Record Settlement in the Books and Create or Update CRM Payment Record: the same account, or none and why.
    const unbooked = ((booking?.unmatched ?? []) as Array<Record<string, string>>).find((line) => line.payment_id === entry.id && line.type === 'payment');
    const step = records.get(entry.id)!;
    if (record === 'A' || record === 'B') {
      expect([fx.recordAccounts(entry.id), unbooked?.reason]).toEqual([[account(record)], undefined]);
      expect([step.status, step.output?.account_id]).toEqual(['success', account(record)]);
    } else if (record === 'without') {
      expect(fx.recordAccounts(entry.id)).toEqual([]);
      expect(unbooked?.reason).toMatch(/^recorded without a CRM account/);
      expect([step.status, step.output?.account_id]).toEqual(['success', '']);
      if (match === 'conflict') expect(step.output?.match_note).toMatch(/point/);
    } else {
      expect(fx.recordAccounts(entry.id)).toEqual([]);
      const why = { 'no invoice': /names no invoice|no invoice number/, several: /several invoices/, conflict: /booked on neither/, none: /./ }[record];
      expect([step.status, step.message]).toEqual(['errored', expect.stringMatching(why)]);
      expect(unbooked?.reason).toMatch(why);
    }

    // Every output that says it stored the invoice number stores it.
    if (step.status === 'success') {
      const single = entry.invoices.length === 1 ? entry.invoices[0] : '';
      const stored = String(step.output?.invoice_number ?? '');
      expect(single ? sameInvoiceNumber(stored, single) : stored === '').toBe(true);
      if (crm === 'hubspot') expect(sb.hubspot.dealsFor(entry.id)[0]?.properties.mollie_invoice_number ?? '').toBe(stored);
      if (crm === 'pipedrive') {
        const key = sb.pipedrive.fields('dealFields').find((field) => field.name === 'Mollie invoice number')?.key;
        expect((key && sb.pipedrive.dealsFor(entry.id)[0]?.custom_fields[key]) || '').toBe(stored);
      }
    }

    // Link Payment to CRM Account: choosing an account the payment's own customer ID does not name books on neither.
    const byId = (Object.keys(ACCOUNTS) as Owner[]).find((owner) => ACCOUNTS[owner].customerId === entry.shape.customerId);
    if (byId) {
      const other: Owner = byId === 'A' ? 'B' : 'A';
      const invoice = crm === 'moneybird' && entry.invoices.length === 1 ? {} : crm === 'moneybird' ? { invoice_number: `2026-${9000 + index}` } : {};
      const linked = await zapier.create('link_payment_to_crm_account', { inputData: { payment_id: `${entry.id}:unmatched`, account_id: account(other), ...invoice } });
      expect([linked.status, linked.message]).toEqual(['errored', expect.stringMatching(/booked on neither/)]);
      expect(fx.recordAccounts(entry.id)).not.toContain(account(other));
    }
  });
});
