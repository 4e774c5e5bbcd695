/**
 * The official Mollie client (@mollie/api-client) against the Mollie fake. The client speaks only
 * HTTPS and trusts only its own pinned list of public CAs, so the fake is reached through a loopback
 * TLS front with a certificate made here, and the client is made to trust that one certificate too.
 * Whatever the client refuses or reads wrong is a fault of the fake.
 */
import https from 'node:https';
import createMollieClient, { MollieApiError as ApiError, type MollieClient, type MollieOptions } from '@mollie/api-client';
import { generate } from 'selfsigned';
import { SANDBOX_ACCESS_TOKEN, SANDBOX_API_KEY, startSandbox, type Sandbox } from '../sandbox';
import { settlementsOf } from '../sandbox/mollie/settlements';

/** A certificate for 127.0.0.1, made now (an EC key: quick to make). */
const loopbackCertificate = () =>
  generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });

/**
 * The client builds its one https.Agent when it is created, with its pinned CA list and no option to
 * add one: while it is created, the Agent it builds also trusts `cert`. Nothing else is changed, and
 * https.Agent is itself again before this returns.
 */
function trusting(cert: string, options: MollieOptions): MollieClient {
  const Original = https.Agent;
  class AlsoTrusting extends Original {
    constructor(agentOptions: https.AgentOptions = {}) {
      const ca = agentOptions.ca === undefined ? [] : Array.isArray(agentOptions.ca) ? agentOptions.ca : [agentOptions.ca];
      super({ ...agentOptions, ca: [...ca, cert] });
    }
  }
  (https as { Agent: typeof https.Agent }).Agent = AlsoTrusting;
  try {
    return createMollieClient(options);
  } finally {
    (https as { Agent: typeof https.Agent }).Agent = Original;
  }
}

const all = async <T>(iterator: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
};

describe('the official Mollie client reads the Mollie fake', () => {
  let sb: Sandbox;
  let apiEndpoint: string;
  let withKey: MollieClient;
  let withToken: MollieClient;
  let organization: MollieClient;
  let cert: string;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 19 });
    sb.mollie.seed(90, { days: 40 });
    const pems = await loopbackCertificate();
    cert = pems.cert;
    apiEndpoint = `${await sb.servers.mollie.serveTls({ key: pems.private, cert })}/v2/`;
    withKey = trusting(cert, { apiKey: SANDBOX_API_KEY, apiEndpoint });
    withToken = trusting(cert, { accessToken: SANDBOX_ACCESS_TOKEN, apiEndpoint, parameterDefaults: { profileId: sb.mollie.profile.id, testmode: true } });
    // Settlements belong to the organization: their calls take neither a profile nor a mode.
    organization = trusting(cert, { accessToken: SANDBOX_ACCESS_TOKEN, apiEndpoint });
  });
  afterAll(() => sb.close());

  const paidPayment = (input: Parameters<Sandbox['mollie']['createPayment']>[0] = {}) => {
    const p = sb.mollie.createPayment({ amount: { value: '60.00', currency: 'EUR' }, ...input });
    sb.mollie.setPaymentStatus(p.id, 'paid');
    return p;
  };

  it('is reached over TLS only with the certificate trusted (the pinned CA list alone refuses it)', async () => {
    const untrusting = createMollieClient({ apiKey: SANDBOX_API_KEY, apiEndpoint });
    await expect(untrusting.payments.page({ limit: 1 })).rejects.toThrow(/certificate/i);
    expect((await withKey.payments.page({ limit: 1 })).length).toBe(1);
  });

  it.each([
    ['payments', (c: MollieClient) => c.payments.iterate(), () => [...sb.mollie.payments.values()]],
    ['refunds', (c: MollieClient) => c.refunds.iterate(), () => [...sb.mollie.refunds.values()]],
    ['chargebacks', (c: MollieClient) => c.chargebacks.iterate(), () => [...sb.mollie.chargebacks.values()]],
    ['customers', (c: MollieClient) => c.customers.iterate(), () => [...sb.mollie.customers.values()]],
  ] as const)('iterates every one of the %s, following the next links the fake gives', async (_noun, iterate, stored) => {
    const read = await all(iterate(withKey) as AsyncIterable<{ id: string }>);
    expect(read.map((item) => item.id).sort()).toEqual(stored().map((item) => item.id).sort());
    expect(read.length).toBeGreaterThan(0);
  });

  it('reads the same payments with an access token (profile and test mode as defaults) as with the profile’s API key', async () => {
    const [byToken, byKey] = await Promise.all([withToken.payments.page({ limit: 7 }), withKey.payments.page({ limit: 7 })]);
    expect(byToken.map((p) => p.id)).toEqual(byKey.map((p) => p.id));
    expect((await byToken.nextPage!()).map((p) => p.id)).toEqual((await byKey.nextPage!()).map((p) => p.id));
  });

  it('reads a payment with its amounts, status, details and helpers as Mollie gives them', async () => {
    const refunded = [...sb.mollie.payments.values()].find((p) => p.refundedMinor > 0 && p.refundedMinor < p.amount.minor)!;
    const payment = await withKey.payments.get(refunded.id);
    expect([payment.id, payment.status, payment.paidAt !== undefined, payment.amount, payment.amountRemaining?.currency]).toEqual([refunded.id, 'paid', true, expect.objectContaining({ currency: refunded.amount.currency }), refunded.amount.currency]);
    expect(payment.hasRefunds()).toBe(true);
    const refunds = await withKey.paymentRefunds.page({ paymentId: refunded.id });
    const one = await withKey.paymentRefunds.get(refunds[0].id, { paymentId: refunded.id });
    expect([refunds.length, one.paymentId, one.status]).toEqual([1, refunded.id, 'refunded']);
  });

  it('reads a payment’s chargebacks, as a list and one by one', async () => {
    const p = paidPayment();
    const chargeback = sb.mollie.createChargeback(p.id, { amount: '20.00' });
    const listed = await withKey.paymentChargebacks.page({ paymentId: p.id });
    const one = await withKey.paymentChargebacks.get(chargeback.id, { paymentId: p.id });
    expect([listed.map((c) => c.id), one.amount, (await withKey.payments.get(p.id)).hasChargebacks()]).toEqual([[chargeback.id], { value: '20.00', currency: 'EUR' }, true]);
  });

  it.each([
    ['ideal', 'Anna de Vries', 'NL91ABNA0417164300'],
    ['banktransfer', 'Bakkerij Jansen', 'NL02ABNA0123456789'],
    ['directdebit', 'Piet Visser', 'NL39RABO0300065264'],
  ] as const)('shows the payer of a paid %s payment under details (consumerName, consumerAccount)', async (method, name, account) => {
    const p = paidPayment({ method, payer: { name, account } });
    const details = (await withKey.payments.get(p.id)).details as { consumerName?: string; consumerAccount?: string };
    expect([details.consumerName, details.consumerAccount]).toEqual([name, account]);
  });

  it('gives one payment link per Idempotency-Key: the same answer for a repeated key, a new link for a new key', async () => {
    const input = { description: 'Invoice INV-7001', amount: { value: '45.00', currency: 'EUR' } };
    const first = await withKey.paymentLinks.create({ ...input, idempotencyKey: 'c7f1b5d2-0d6e-4f5e-9d3a-7001' });
    const again = await withKey.paymentLinks.create({ ...input, idempotencyKey: 'c7f1b5d2-0d6e-4f5e-9d3a-7001' });
    const other = await withKey.paymentLinks.create({ ...input, idempotencyKey: 'c7f1b5d2-0d6e-4f5e-9d3a-7002' });
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect([...sb.mollie.paymentLinks.values()].filter((l) => l.description === input.description)).toHaveLength(2);
    const listed = await all(withKey.paymentLinks.iterate());
    expect(listed.map((l) => l.id)).toEqual(expect.arrayContaining([first.id, other.id]));
    const archived = await withKey.paymentLinks.update(first.id, { archived: true } as never);
    expect([archived.archived, (await withKey.paymentLinks.get(first.id)).getPaymentUrl()]).toEqual([true, first.getPaymentUrl()]);
  });

  it('creates, reads and updates a customer: metadata given replaces the metadata whole, metadata left out stays', async () => {
    const created = await withKey.customers.create({ name: 'Bakkerij Jansen', email: 'finance@jansen.example', metadata: { crmId: 'C-9' } });
    const renamed = await withKey.customers.update(created.id, { name: 'Bakkerij Jansen B.V.' });
    expect([renamed.name, renamed.metadata]).toEqual(['Bakkerij Jansen B.V.', { crmId: 'C-9' }]);
    const taught = await withKey.customers.update(created.id, { metadata: { crmId: 'C-9', hubspotCompanyId: '1234' } });
    const replaced = await withKey.customers.update(created.id, { metadata: { other: 'x' } });
    expect([taught.metadata, replaced.metadata, (await withKey.customers.get(created.id)).metadata]).toEqual([{ crmId: 'C-9', hubspotCompanyId: '1234' }, { other: 'x' }, { other: 'x' }]);
  });

  it('lists a customer’s mandates with the payer’s IBAN, and their payments', async () => {
    const customer = await withKey.customers.create({ name: 'Piet Visser', email: 'piet@visser.example' });
    const mandate = await withKey.customerMandates.create({ customerId: customer.id, method: 'directdebit' as never, consumerName: 'Piet Visser', consumerAccount: 'NL55 INGB 0000 0000 00'.replace(/ /g, '') });
    const payment = paidPayment({ mandateId: mandate.id });
    const mandates = await withKey.customerMandates.page({ customerId: customer.id });
    const one = await withKey.customerMandates.get(mandate.id, { customerId: customer.id });
    const payments = await withKey.customerPayments.page({ customerId: customer.id });
    const details = (await withKey.payments.get(payment.id)).details as { consumerAccount?: string };
    expect([mandates.map((m) => m.id), one.status, (one.details as { consumerAccount?: string }).consumerAccount]).toEqual([[mandate.id], 'valid', 'NL55INGB0000000000']);
    expect([payments.map((p) => p.id), details.consumerAccount, (await withKey.payments.get(payment.id)).mandateId]).toEqual([[payment.id], 'NL55INGB0000000000', mandate.id]);
  });

  it.each([
    ['a mandate without a valid IBAN', (c: MollieClient, id: string) => c.customerMandates.create({ customerId: id, method: 'directdebit' as never, consumerName: 'X', consumerAccount: 'NL00BANK1234' }), 'consumerAccount'],
    ['metadata past about 1 kB', (c: MollieClient, id: string) => c.customers.update(id, { metadata: { note: 'x'.repeat(1100) } }), 'metadata'],
  ] as const)('refuses %s with a 422 naming the field, which the client reads as an ApiError', async (_case, call, field) => {
    const customer = sb.mollie.createCustomer({ name: 'Refused' });
    const error = await call(withKey, customer.id).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect([(error as ApiError).statusCode, (error as ApiError).field]).toEqual([422, field]);
  });

  it('reads settlements, and the payments a paid-out one holds, with an organization access token', async () => {
    const book = settlementsOf(sb.mollie);
    const paidOut = book.payOut();
    book.open();
    const settlements = await all(organization.settlements.iterate());
    expect(settlements.map((s) => s.id).sort()).toEqual([...book.settlements.keys()].sort());
    const payments = await all(organization.settlementPayments.iterate({ settlementId: paidOut.id }));
    expect(payments.map((p) => p.id).sort()).toEqual(paidOut.items.filter((item) => item.kind === 'payment').map((item) => item.id).sort());
    expect((await organization.settlements.get(paidOut.id)).reference).toBe(paidOut.reference);
  });
});
