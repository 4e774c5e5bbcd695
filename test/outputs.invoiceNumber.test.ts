import { readPayment } from '../matching';
import { normalizePayment, paymentOutputFields, paymentSample } from '../outputs/payment';
import { normalizeRefund } from '../outputs/refund';
import type { MolliePayment } from '../mollie/types';

const payment = (fields: Partial<MolliePayment>): MolliePayment =>
  ({
    resource: 'payment',
    id: 'tr_abc123',
    mode: 'test',
    status: 'paid',
    amount: { value: '121.00', currency: 'EUR' },
    description: '',
    createdAt: '2026-11-02T09:14:03+00:00',
    ...fields,
  }) as MolliePayment;

describe('trigger outputs carry the invoice number the payment says, and where it came from', () => {
  it.each([
    ['Invoice INV-2026-00009', undefined, 'INV-2026-00009', 'description'],
    ['Invoice INV-2026-00009 - Website', undefined, 'INV-2026-00009', 'description'],
    ['Factuur 2024/12', undefined, '2024/12', 'description'],
    ['Betaling factuurnummer: F2024-0012', undefined, 'F2024-0012', 'description'],
    // An order number is never an invoice number (issue 17).
    ['Order #12', undefined, null, null],
    // The metadata and the description name two invoices: several are several, never "the first" (issue 17).
    ['Invoice INV-2026-00009', { invoiceNumber: 'INV-2026-00010' }, null, 'metadata, description'],
    ['Invoice INV-2026-00010', { invoiceNumber: 'INV-2026-00010' }, 'INV-2026-00010', 'metadata'],
    ['Webshop order', { invoice: 'F-77' }, 'F-77', 'metadata'],
    ['Webshop order', undefined, null, null],
    ['Webshop order', { note: 'nothing here' }, null, null],
  ])('%j with metadata %j → %j from %j', (description, metadata, number, source) => {
    const output = normalizePayment(payment({ description, metadata: metadata ?? null }));
    expect({ invoice_number: output.invoice_number, invoice_number_source: output.invoice_number_source }).toEqual({ invoice_number: number, invoice_number_source: source });
  });

  it('reads the description exactly as the matching engine does: several invoices are several, never the first', () => {
    for (const description of ['Invoice INV-2026-00009', 'Factuur 2024/12 en 2024/13', 'rechnung nr. 5', 'paid for inv2024.0012']) {
      const read = readPayment({ description }).invoices.map((invoice) => invoice.number);
      const output = normalizePayment(payment({ description }));
      expect(output.invoice_numbers).toBe(read.join(', ') || null);
      expect(output.invoice_number).toBe(read.length === 1 ? read[0] : null);
    }
    expect(normalizePayment(payment({ description: 'Factuur 2024/12 en 2024/13' }))).toMatchObject({ invoice_number: null, invoice_numbers: '2024/12, 2024/13' });
  });

  it('the payment inside a refund carries it too, under the payment_ prefix', () => {
    const refund = normalizeRefund(
      { resource: 'refund', id: 're_1', paymentId: 'tr_abc123', status: 'pending', amount: { value: '1.00', currency: 'EUR' }, createdAt: '2026-11-03T00:00:00+00:00' } as never,
      payment({ description: 'Invoice INV-2026-00009' }),
    );
    expect(refund).toMatchObject({ payment_invoice_number: 'INV-2026-00009', payment_invoice_number_source: 'description' });
  });

  it('the sample and the output fields name the new key', () => {
    expect(paymentSample.invoice_number_source).toBe('metadata');
    expect(paymentOutputFields.map((field) => field.key)).toEqual(expect.arrayContaining(['invoice_number', 'invoice_numbers', 'invoice_number_source']));
  });
});
