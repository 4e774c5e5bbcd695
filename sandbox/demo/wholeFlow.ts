import createCrmPaymentRecord from '../../creates/createCrmPaymentRecord';
import createPaymentLink from '../../creates/createPaymentLink';
import findPaymentLink from '../../searches/findPaymentLink';
import matchPayment from '../../searches/matchPayment';
import { perform as paymentPaid } from '../../triggers/paymentPaid';
import { perform as unmatchedPayment } from '../../triggers/unmatchedPayment';
import { zapOn, type Chapter } from './context';

type Out = Record<string, string>;

export const wholeFlowChapter: Chapter = {
  title: 'The whole flow: invoice → payment link → paid → matched → recorded in the CRM',
  play: async ({ run, say, sandbox }) => {
    const { hubspot, mollie, clock } = sandbox;
    hubspot.seedCompany({ name: 'Drukkerij Bos', customerId: 'C-11', emails: ['info@drukkerijbos.nl'] });
    hubspot.seedCompany({ name: 'Koffiebar Noord', customerId: 'C-12', emails: ['orders@koffiebar.nl'] });
    hubspot.seedCompany({ name: 'Koffiebar Zuid', customerId: 'C-13', emails: ['orders@koffiebar.nl'] });
    const paidZap = await zapOn<Out & { id: string }>(run, paymentPaid as never);
    const reviewZap = await zapOn<Out & { id: string }>(run, unmatchedPayment as never);
    say('Two Zaps are on: "Payment Paid → Find CRM Account for Payment → Create CRM Payment Record" and "Unmatched Payment → review".');

    const inputData = { invoice_number: 'F2026-0042', amount: '242.00', description: 'Drukwerk november' };
    const link = (await run(createPaymentLink.operation.perform as never, { inputData })) as Out;
    say(`Create Payment Link for Invoice F2026-0042: ${link.outcome} ${link.id} "${link.description}" → ${link.url}`);
    const again = (await run(createPaymentLink.operation.perform as never, { inputData })) as Out;
    say(`The same step replayed: ${again.outcome} ${again.id} (one invoice, one link).`);

    const viaLink = mollie.payPaymentLink(link.id, { method: 'ideal', billingAddress: { email: 'Info@DrukkerijBos.nl' } as never });
    const walkIn = mollie.createPayment({ amount: { currency: 'EUR', value: '18.40' }, description: 'Bestelling 5531', billingAddress: { email: 'orders@koffiebar.nl' } });
    mollie.setPaymentStatus(walkIn.id, 'paid');
    say(`The payer pays the link (${viaLink.id}); a second payment (${walkIn.id}) comes from an e-mail two accounts share.`);
    clock.advance(15 * 60_000);

    for (const item of (await paidZap()).filter((event) => [viaLink.id, walkIn.id].includes(event.payment_id))) {
      say(`Payment Paid fired: ${item.payment_id} ${item.amount_currency} ${item.amount_value} "${item.description}"`);
      const found = await (run(matchPayment.operation.perform as never, { inputData: { payment_id: item.payment_id } }) as Promise<Out[]>).catch((error: Error) => error);
      if (found instanceof Error) {
        say(`  Find CRM Account for Payment halted the Zap run (the Zap history shows): ${found.message}`);
        continue;
      }
      const [account] = found;
      say(account ? `  Find CRM Account for Payment: ${account.name} by ${account.matched_by} (confidence ${account.confidence})` : '  Find CRM Account for Payment: nothing found');
      const record = (await run(createCrmPaymentRecord.operation.perform as never, { inputData: { payment_id: item.payment_id, account_id: account?.id, invoice_number: item.invoice_number } })) as Out;
      say(`  Create CRM Payment Record: deal ${record.id} ${record.outcome}, ${record.status}, account ${record.account_id || '(none)'}`);
    }
    for (const item of (await reviewZap()).filter((event) => event.payment_id === walkIn.id)) {
      say(`Unmatched Payment fired: ${item.payment_id} (${item.match_reason}): ${item.match_explanation}`);
    }
    const [found] = (await run(findPaymentLink.operation.perform as never, { inputData: { invoice_number: 'f2026-42' } })) as Out[];
    say(`Find Payment Link by Invoice "f2026-42": ${found.id}, status ${found.status}, paid at ${found.paid_at}.`);
  },
};
