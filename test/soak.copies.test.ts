/**
 * What the fault soak found (bench/soak.ts): two runs of one payment that both
 * got past the lock each wrote a record, and both re-checks that would have
 * removed the copy failed (a timeout, a 503). The next run must remove the
 * copy, not take it as the record (Pipedrive) or as money held (Moneybird,
 * where it then booked a negative correction).
 */
import type { Bundle } from 'zapier-platform-core';
import { startSandbox, type Sandbox } from '../sandbox';
import { appTester, fixtures } from './helpers/crmFixtures';
import { appMethod } from './helpers/app';

type Out = Record<string, unknown>;

describe('a copy left by a parallel run is removed by the next run', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 23 });
    Object.assign(process.env, sb.env());
  });
  afterAll(() => sb.close());

  const paid = (invoice: string) => {
    const payment = sb.mollie.createPayment({ amount: { currency: 'EUR', value: '50.00' }, description: `Invoice ${invoice}`, metadata: { customerId: 'CUST-7', invoiceNumber: invoice } });
    sb.mollie.setPaymentStatus(payment.id, 'paid');
    invoiceOf.set(payment.id, invoice);
    return payment.id;
  };
  const invoiceOf = new Map<string, string>();
  const create = (authData: Record<string, string>, paymentId: string) =>
    appTester(appMethod('creates.create_crm_payment_record.operation.perform'), { authData, inputData: { payment_id: paymentId, invoice_number: invoiceOf.get(paymentId) } } as Partial<Bundle>) as Promise<Out>;

  it('Pipedrive: the oldest deal stays, the copy is deleted', async () => {
    const fx = fixtures(sb).pipedrive;
    fx.seedAccount({ name: 'Copy Test B.V.', email: 'pd@copy.test', customerId: 'CUST-7' });
    const id = paid('2026-0701');
    const first = await create(fx.authData, id);
    const [deal] = sb.pipedrive.dealsFor(id);
    const copy = sb.pipedrive.id();
    sb.pipedrive.deals.set(copy, { ...deal, id: copy, custom_fields: { ...deal.custom_fields } });
    expect(fx.recordCount(id)).toBe(2);

    const again = await create(fx.authData, id);
    expect(again).toMatchObject({ id: first.id, outcome: 'unchanged', amount: '50.00', status: 'paid' });
    expect(sb.pipedrive.dealsFor(id).map((d) => String(d.id))).toEqual([first.id]);
  });

  it('Moneybird: the twin payment line is deleted, and no correction is booked', async () => {
    const fx = fixtures(sb).moneybird;
    const contact = fx.seedAccount({ name: 'Copy Test B.V.', email: 'mb@copy.test', customerId: 'CUST-7' });
    fx.seedInvoice(contact, '2026-0702', '50.00');
    const id = paid('2026-0702');
    const first = await create(fx.authData, id);
    const invoice = [...sb.moneybird.invoices.values()].find((i) => i.invoice_id === '2026-0702')!;
    sb.moneybird.addPayment(invoice.id, { price: '50.00', payment_date: '2026-11-01', transaction_identifier: id });
    expect(fx.recordCount(id)).toBe(2);

    const again = await create(fx.authData, id);
    expect(again).toMatchObject({ id: first.id, outcome: 'unchanged', amount: '50.00', amount_refunded: '0.00', status: 'paid' });
    expect(sb.moneybird.paymentsFor(id).map((line) => line.cents)).toEqual([5000n]);
  });
});
