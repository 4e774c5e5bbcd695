import { appStep, zapOn, type Chapter } from './context';

type Out = Record<string, unknown> & { id: string };
type Line = Record<string, string>;

const IBAN = 'NL02ABNA0123456789';
const SHARED_EMAIL = 'info@roos.example';

/**
 * The review loop: an unknown payer's payment goes to a person, the person
 * links it to an account, and the same payer's next payment matches by itself.
 */
export const reviewChapter: Chapter = {
  title: 'Unmatched payments go to a person, once per payer: review → link → the next payment matches by itself',
  play: async ({ sandbox, run, say, authData }) => {
    const { hubspot, mollie, clock } = sandbox;
    // The connection names the company property that holds a customer's IBAN.
    const withIban = { ...authData, crmIbanField: 'iban' };
    const as = <T>(path: string, inputData: Record<string, unknown>) => run(appStep<T>(path), { authData: withIban, inputData });
    hubspot.defineProperty('companies', { name: 'iban', label: 'IBAN' });
    const roos = hubspot.seedCompany({ name: 'Bloemenwinkel Roos', customerId: 'CUST-3100', emails: [SHARED_EMAIL] });
    hubspot.seedCompany({ name: 'Bloemenwinkel Roos Zuid', customerId: 'CUST-3101', emails: [SHARED_EMAIL] });
    const anna = mollie.createCustomer({ name: 'Anna Roos', metadata: { webshop: 'roos-bloemen' } });
    const review = await zapOn<Out>(run, appStep<Out[]>('triggers.unmatched_payment.operation.perform'), { authData: withIban });
    say('Two florist shops share one e-mail address; the Zap "Unmatched Payment → review → Link Payment to CRM Account" is on.');

    const pay = () => {
      const payment = mollie.createPayment({ amount: { currency: 'EUR', value: '64.50' }, description: 'Bestelling 8812', method: 'ideal', customerId: anna.id, payer: { name: 'Anna Roos', account: IBAN }, billingAddress: { email: SHARED_EMAIL } });
      mollie.setPaymentStatus(payment.id, 'paid');
      clock.advance(15 * 60_000);
      return payment;
    };
    const first = pay();
    const [item] = (await review()).filter((event) => event.payment_id === first.id);
    say(`Unmatched Payment fired for ${first.id}; the message for the review step reads:`);
    say(`  "${item.review_message}"`);
    const choices = item.candidate_accounts as Line[];
    say(`  Choices offered (line items): ${choices.map((choice) => `${choice.name} (${choice.id})`).join(', ')}.`);

    const chosen = choices.find((choice) => choice.id === roos.id)!;
    const inputData = { payment_id: item.id, account_id: chosen.id };
    const linked = await as<Out>('creates.link_payment_to_crm_account.operation.perform', inputData);
    say(`A person picks ${chosen.name}. Link Payment to CRM Account: deal ${linked.id} ${linked.outcome} on it, and taught:`);
    for (const line of linked.taught as Line[]) say(`  ${line.fact.padEnd(16)} ${line.value.padEnd(20)} ${line.outcome.padEnd(13)} ${line.reason}`);
    say(`  Next payment matches by: ${linked.next_match_by}. Mollie customer ${anna.id} now holds ${JSON.stringify(anna.metadata)}.`);

    const again = await as<Out>('creates.link_payment_to_crm_account.operation.perform', inputData);
    say(`The same step replayed: deal ${again.outcome}, ${(again.taught as Line[]).map((line) => `${line.fact} ${line.outcome}`).join(', ')}.`);

    clock.advance(30 * 86_400_000);
    const next = pay();
    const fired = (await review()).filter((event) => event.payment_id === next.id);
    say(`A month later Anna pays again (${next.id}): Unmatched Payment ${fired.length ? 'fired again!' : 'stays silent'}.`);
    const [found] = await as<Out[]>('searches.match_payment.operation.perform', { payment_id: next.id });
    say(`  Find CRM Account for Payment: ${found.name} by ${found.matched_by} (confidence ${found.confidence}). ${found.explanation}`);
  },
};
