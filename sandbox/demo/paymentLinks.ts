import type { Bundle, ZObject } from 'zapier-platform-core';
import { perform as createLink } from '../../creates/createPaymentLink';
import { perform as findLink } from '../../searches/findPaymentLink';
import { matchPayment } from '../../matching';
import { mollieClient } from '../../mollie/client';
import type { Chapter } from './context';

/** Two CRM accounts as the engine sees them; both have an open invoice of the same amount. */
const ACCOUNTS = [
  { id: 'crm-101', name: 'Drukkerij Bos', emails: ['info@drukkerijbos.nl'], customerIds: ['C-101'], invoices: [{ number: '2026-0042', amount: { value: '242.00', currency: 'EUR' }, state: 'open' as const }] },
  { id: 'crm-102', name: 'Studio Vos', emails: ['hallo@studiovos.nl'], customerIds: ['C-102'], invoices: [{ number: '2026-0041', amount: { value: '242.00', currency: 'EUR' }, state: 'open' as const }] },
];

/** The performs type their inputData; the demo passes it as Zapier would, untyped. */
const untyped = <T>(perform: (z: ZObject, bundle: never) => Promise<T>) => perform as (z: ZObject, bundle: Bundle) => Promise<T>;
const createPaymentLink = untyped(createLink);
const findPaymentLink = untyped(findLink);

export const paymentLinksChapter: Chapter = {
  title: 'A payment link per invoice, paid and matched back to the invoice',
  play: async ({ run, say, sandbox }) => {
    const inputData = { invoiceNumber: 'F2026-0042', amount: '242.00', description: 'Drukwerk november', crmAccountId: 'crm-101' };
    const created = await run(createPaymentLink, { inputData });
    say(`Create Payment Link for Invoice: ${created.outcome} ${created.id} "${created.description}" → ${created.url}`);
    const replay = await run(createPaymentLink, { inputData });
    say(`The same step replayed: ${replay.outcome} ${replay.id} (no second link).`);

    const payment = sandbox.mollie.payPaymentLink(created.id, { method: 'ideal' });
    say(`The payer pays in the sandbox: ${payment.id}, description "${payment.description}" (no reference back to the link).`);
    const [found] = await run(findPaymentLink, { inputData: { invoiceNumber: 'f2026-42' } });
    say(`Find Payment Link by Invoice "f2026-42": ${found.id}, paid ${found.paid} at ${found.paidAt}.`);

    const fetched = await run((z, bundle) => mollieClient(z, bundle).payments.get(payment.id));
    const result = matchPayment(fetched!, undefined, ACCOUNTS);
    say(`Matching ${payment.id}: ${result.accountId ?? 'no account'} by ${result.matchedBy}, confidence ${result.confidence}. ${result.explanation}`);
  },
};
