/**
 * Moneybird: every page is read where the answer depends on it, the invoice
 * decides whose payment it is, and refund corrections stay right when runs race.
 */
import type { Bundle } from 'zapier-platform-core';
import type { PaymentRecordInput } from '../crm/adapter';
import { startSandbox, type Sandbox } from '../sandbox';
import { priceOf } from '../sandbox/moneybird/store';
import { failure } from './helpers/connection';
import { appTester, fixtures, recordInput, withAdapter } from './helpers/crmFixtures';
import { appMethod } from './helpers/app';

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ seed: 61 });
  Object.assign(process.env, sb.env());
});
afterEach(() => sb.close());
const run = <T>(fn: Parameters<typeof withAdapter<T>>[1]) => withAdapter(fixtures(sb).moneybird.authData, fn);
const input = (id: string, invoiceNumber: string, overrides: Partial<PaymentRecordInput> = {}) =>
  recordInput(id, { invoiceNumber, amount: { currency: 'EUR', value: '50.00' }, description: 'Invoice', ...overrides });

describe('Moneybird reads every page where the answer depends on it', () => {
  it.each([101, 130, 250])('all %i contacts sharing an e-mail are found (100 a page)', async (count) => {
    for (let i = 0; i < count; i++) sb.moneybird.createContact({ company_name: `Branch ${i}`, email: 'office@chain.nl' });
    expect(await run((a) => a.findAccountsByEmail('office@chain.nl'))).toHaveLength(count);
  });

  it.each([60, 120])('all %i open invoices of a contact reach the matching engine', async (count) => {
    const contact = sb.moneybird.createContact({ company_name: 'Busy B.V.', customer_id: 'BUSY' });
    for (let i = 0; i < count; i++) sb.moneybird.createInvoice({ contactId: contact.id, number: `2026-${String(i).padStart(4, '0')}`, total: '10.00' });
    // Open invoices are read for a payment that names an invoice (the engine compares them then).
    const [account] = await run((a) => a.findCandidates({ emails: [], customerIds: ['BUSY'], invoiceNumbers: ['2026-0000'] }));
    expect(account.invoices).toHaveLength(count);
  });

  it('a payment booked on an invoice beyond the first page is found by the account', async () => {
    const contact = sb.moneybird.createContact({ company_name: 'Busy B.V.' });
    for (let i = 0; i < 130; i++) sb.moneybird.createInvoice({ contactId: contact.id, number: `2026-${String(i).padStart(4, '0')}`, total: '50.00' });
    await run((a) => a.upsertPaymentRecord(input('tr_latepage1', '2026-0128')));
    expect(await run((a) => a.findPaymentRecord({ molliePaymentId: 'tr_latepage1', accountId: contact.id }))).toMatchObject({ invoiceNumber: '2026-0128', amount: { value: '50.00' } });
  });
});

describe('the invoice decides whose payment it is', () => {
  it('a metadata customer ID that belongs to another contact than the invoice\'s books on neither', async () => {
    const owner = sb.moneybird.createContact({ company_name: 'Invoice Owner', customer_id: 'OWNER' });
    sb.moneybird.createContact({ company_name: 'Someone Else', customer_id: 'ELSE' });
    sb.moneybird.createInvoice({ contactId: owner.id, number: '2026-0700', total: '50.00' });
    const payment = sb.mollie.createPayment({ amount: { currency: 'EUR', value: '50.00' }, description: 'Invoice 2026-0700', metadata: { customerId: 'ELSE', invoiceNumber: '2026-0700' } });
    sb.mollie.setPaymentStatus(payment.id, 'paid');
    const error = await failure(appTester(appMethod('creates.create_crm_payment_record.operation.perform'), { authData: fixtures(sb).moneybird.authData, inputData: { payment_id: payment.id, invoice_number: '2026-0700' } } as Partial<Bundle>));
    expect(error.message).toMatch(/names customer ID ELSE .* belongs to contact .* booked on neither/);
    expect(sb.moneybird.paymentsFor(payment.id)).toEqual([]);
  });

  it('a metadata customer ID of the invoice\'s own contact books', async () => {
    const owner = sb.moneybird.createContact({ company_name: 'Invoice Owner', customer_id: 'OWNER' });
    sb.moneybird.createInvoice({ contactId: owner.id, number: '2026-0701', total: '50.00' });
    // Which contact a payment belongs to is decided by the record step (recording/), not by the adapter: run it.
    const payment = sb.mollie.createPayment({ amount: { currency: 'EUR', value: '50.00' }, description: 'Invoice', metadata: { customerId: 'OWNER' } });
    sb.mollie.setPaymentStatus(payment.id, 'paid');
    const record = await appTester(appMethod('creates.create_crm_payment_record.operation.perform'), { authData: fixtures(sb).moneybird.authData, inputData: { payment_id: payment.id, invoice_number: '2026-0701' } } as Partial<Bundle>);
    expect({ outcome: (record as { outcome: string }).outcome, accountId: (record as { account_id: string }).account_id }).toMatchObject({ outcome: 'created', accountId: owner.id });
  });
});

describe('refund corrections when runs race', () => {
  it.each([
    ['two runs after a refund', 2, '20.00', '30.00'],
    ['three runs after a refund', 3, '20.00', '30.00'],
    ['two runs after a full refund', 2, '50.00', '0.00'],
  ])('%s: the invoice shows what was really received', async (_case, runs, refunded, net) => {
    const owner = sb.moneybird.createContact({ company_name: 'Refunds B.V.' });
    sb.moneybird.createInvoice({ contactId: owner.id, number: '2026-0800', total: '50.00' });
    await run((a) => a.upsertPaymentRecord(input('tr_refundrace', '2026-0800')));
    const status = refunded === '50.00' ? 'refunded' : 'partially refunded';
    const after = input('tr_refundrace', '2026-0800', { amountRefunded: { currency: 'EUR', value: refunded }, status });
    await Promise.all(Array.from({ length: runs }, () => run((a) => a.upsertPaymentRecord(after)).catch((error: Error) => error)));
    const cents = sb.moneybird.paymentsFor('tr_refundrace').reduce((sum, p) => sum + p.cents, 0n);
    expect(priceOf(cents)).toBe(net);
    expect(await run((a) => a.findPaymentRecord({ molliePaymentId: 'tr_refundrace', invoiceNumber: '2026-0800' }))).toMatchObject({ amount: { value: '50.00' }, amountRefunded: { value: refunded } });
  });
});
