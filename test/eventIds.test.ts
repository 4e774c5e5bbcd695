/** IDs a user maps by mistake still work: a trigger's event id (`tr_x:paid`) wherever a Mollie id is wanted. */
import App from '../index';
import { EVENT_SUFFIXES, MOLLIE_ID_EXAMPLES, mollieId, type MollieIdKind } from '../mollie/ids';
import { SANDBOX_API_KEY, SANDBOX_HUBSPOT_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import { failure } from './helpers/connection';
import { emulateZapier } from './helpers/zapier';

const EXAMPLES = MOLLIE_ID_EXAMPLES;
const kinds = Object.keys(EXAMPLES) as MollieIdKind[];

describe('the one Mollie id check accepts a trigger’s event id', () => {
  it.each(kinds.flatMap((kind) => EVENT_SUFFIXES.map((suffix) => [kind, suffix] as const)))('%s id with :%s reads as the id itself', (kind, suffix) => {
    expect(mollieId(`${EXAMPLES[kind]}:${suffix}`, kind, 'Field')).toBe(EXAMPLES[kind]);
    expect(mollieId(` ${EXAMPLES[kind]}:${suffix.toUpperCase()} `, kind, 'Field')).toBe(EXAMPLES[kind]);
  });

  it.each([
    ['an unknown suffix', 'tr_WDqYK6vllg:shipped', /^Mollie payment ID "tr_WDqYK6vllg:shipped" is not a Mollie payment ID/],
    ['a suffix alone', ':paid', /^Mollie payment ID ":paid" is not a Mollie payment ID/],
    ['another kind’s event id', 'pl_4Y0eZitmBnQ6IDoMqZQKh:paid', /^Mollie payment ID "pl_4Y0eZitmBnQ6IDoMqZQKh:paid" is not a Mollie payment ID/],
    ['two suffixes', 'tr_WDqYK6vllg:paid:paid', /is not a Mollie payment ID/],
    ['a refund’s id, saying what it is', 're_4qqhO89gsT', /not a Mollie payment ID; those look like tr_WDqYK6vllg\. It is a Mollie refund ID: map the payment's ID instead\.$/],
    ['a payment link trigger’s event id, saying what it is', 'pl_4Y0eZitmBnQ6IDoMqZQKh:paid', /It is a Mollie payment link ID/],
  ])('still refuses %s, quoting what was given', async (_what, value, message) => {
    const error = await failure(Promise.resolve().then(() => mollieId(value, 'payment', 'Mollie payment ID')));
    expect(error.message).toMatch(message);
  });
});

type Op = { operation: { inputFields?: Array<{ key: string; label?: string; required?: boolean }> } };
/** Every action field that wants a Mollie payment id, found in the app definition (a new one joins the table by itself). */
const paymentIdFields = (['creates', 'searches'] as const).flatMap((kind) =>
  Object.entries((App as unknown as Record<string, Record<string, Op>>)[kind]).flatMap(([key, op]) =>
    (op.operation.inputFields ?? []).filter((field) => /mollie payment id/i.test(field.label ?? '')).map((field) => ({ kind, key, field: field.key })),
  ),
);

describe('every action field that wants a Mollie payment id accepts the event id (sandbox, HubSpot)', () => {
  let sb: Sandbox;
  let paymentId: string;
  /** What else an operation requires besides the payment id (Link Payment to CRM Account: the account). */
  const otherInputs: Record<string, Record<string, string>> = {};
  const zapier = emulateZapier({ bundle: { authData: { mollieCredential: SANDBOX_API_KEY, crm: 'hubspot', crmToken: SANDBOX_HUBSPOT_TOKEN } } });

  beforeAll(async () => {
    sb = await startSandbox({ seed: 12 });
    Object.assign(process.env, sb.env());
    const acme = sb.hubspot.seedCompany({ name: 'Acme B.V.', customerId: 'CUST-1', emails: ['finance@acme.nl'] });
    otherInputs.link_payment_to_crm_account = { account_id: acme.id };
    const payment = sb.mollie.createPayment({ amount: { currency: 'EUR', value: '25.00' }, description: 'Order', metadata: { customerId: 'CUST-1' } });
    sb.mollie.setPaymentStatus(payment.id, 'paid');
    paymentId = payment.id;
  });
  afterAll(() => sb.close());

  it('finds the fields: Create CRM Payment Record, Find CRM Payment Record, Find CRM Account for Payment (at least)', () => {
    expect(paymentIdFields.map(({ key }) => key)).toEqual(expect.arrayContaining(['create_crm_payment_record', 'find_crm_payment_record', 'match_payment']));
  });

  // Creates first, so the searches have a record to find.
  const rows = [...paymentIdFields].sort((a, b) => a.kind.localeCompare(b.kind)).flatMap((row) => ['paid', 'refunded', 'unmatched'].map((suffix) => ({ ...row, suffix })));
  it.each(rows)('$key ($kind): $field = tr_…:$suffix works as the payment id', async ({ kind, key, field, suffix }) => {
    const bundle = { inputData: { ...otherInputs[key], [field]: `${paymentId}:${suffix}` } };
    const step = kind === 'creates' ? await zapier.create(key, bundle) : await zapier.search(key, bundle);
    expect({ status: step.status, message: step.message }).toEqual({ status: 'success', message: undefined });
    const output = JSON.stringify(step.output);
    expect(output).toContain(paymentId);
    expect(output).not.toContain(`${paymentId}:`);
  });
});
