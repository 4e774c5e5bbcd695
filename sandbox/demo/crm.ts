import type { Bundle } from 'zapier-platform-core';
import createCrmPaymentRecord from '../../creates/createCrmPaymentRecord';
import findCrmAccount from '../../searches/findCrmAccount';
import { SANDBOX_API_KEY, SANDBOX_MONEYBIRD_ADMINISTRATION_ID, SANDBOX_MONEYBIRD_TOKEN } from '../index';
import type { Chapter } from './context';

type Out = Record<string, string>;

export const crmChapter: Chapter = {
  title: 'Recording payments in the CRM (HubSpot, then Moneybird)',
  play: async ({ sandbox, run, say }) => {
    const { hubspot, moneybird, mollie } = sandbox;
    hubspot.seedCompany({ name: 'Bakkerij de Vries', customerId: 'CUST-1042', emails: ['finance@bakkerijdevries.nl'] });
    hubspot.seedCompany({ name: 'Fietsenmaker Jansen', customerId: 'CUST-2077', emails: ['info@jansenfietsen.nl'] });
    const pay = (value: string, description: string, metadata: object, email: string) => {
      const payment = mollie.createPayment({ amount: { currency: 'EUR', value }, description, metadata, billingAddress: { email } });
      mollie.setPaymentStatus(payment.id, 'paid');
      return payment;
    };
    const p1 = pay('121.00', 'Invoice 2026-0042', { customerId: 'CUST-1042', invoiceNumber: '2026-0042' }, 'finance@bakkerijdevries.nl');
    const p2 = pay('35.50', 'Invoice 2026-0043', { invoiceNumber: '2026-0043' }, 'INFO@jansenfietsen.nl');

    const found = (await run(findCrmAccount.operation.perform as never, { inputData: { email: ' Finance@BakkerijDeVries.nl ' } })) as Out[];
    say(`Find CRM Account by e-mail: ${found.map((a) => `${a.name} (${a.id})`).join(', ')}`);

    const invoices = new Map([[p1.id, '2026-0042'], [p2.id, '2026-0043']]);
    const record = (paymentId: string, authData?: Record<string, string>) =>
      run(createCrmPaymentRecord.operation.perform as never, { inputData: { payment_id: paymentId, invoice_number: invoices.get(paymentId) }, ...(authData ? { authData } : {}) } as Partial<Bundle>) as Promise<Out>;
    for (const payment of [p1, p2]) {
      const out = await record(payment.id);
      say(`  ${payment.id}: deal ${out.id} ${out.outcome}, ${out.currency} ${out.amount} ${out.status}. ${out.match_note}`);
    }
    const replay = await record(p1.id);
    say(`  Replaying ${p1.id}: ${replay.outcome} (still ${hubspot.dealsFor(p1.id).length} deal).`);
    mollie.createRefund(p1.id, { amount: '21.00' });
    const refunded = await record(p1.id);
    say(`  After a refund of EUR 21.00: deal ${refunded.id} ${refunded.outcome}, refunded ${refunded.amount_refunded}, ${refunded.status}.`);

    const contact = moneybird.createContact({ company_name: 'Bakkerij de Vries', email: 'finance@bakkerijdevries.nl', customer_id: 'CUST-1042' });
    moneybird.createInvoice({ contactId: contact.id, number: '2026-0042', total: '121.00' });
    const moneybirdAuth = {
      mollieCredential: SANDBOX_API_KEY,
      crm: 'moneybird',
      crmToken: SANDBOX_MONEYBIRD_TOKEN,
      moneybirdAdministrationId: SANDBOX_MONEYBIRD_ADMINISTRATION_ID,
    };
    const booked = await record(p1.id, moneybirdAuth);
    say(`  Moneybird: payment ${booked.id} on invoice ${booked.invoice_number} ${booked.outcome}: ${booked.currency} ${booked.amount}, refunded ${booked.amount_refunded}.`);
    say(`Payment records in the fake CRMs: ${hubspot.all('deals').length} HubSpot deals, ${moneybird.paymentsFor(p1.id).length} Moneybird payment lines for ${p1.id}.`);
  },
};
