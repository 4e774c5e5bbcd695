/**
 * The Mollie fake's customers, mandates, payment chargebacks and Idempotency-Key, as Mollie documents
 * them; every exchange is checked against the spec by the sandbox's validator (both directions), and
 * each test also asks it directly.
 */
import { request as httpsRequest } from 'node:https';
import { generate } from 'selfsigned';
import { takeViolations } from '../sandbox/contract';
import { request } from '../sandbox/http';
import { IDEMPOTENCY_WINDOW_MS } from '../sandbox/mollie/idempotency';
import { SANDBOX_ACCESS_TOKEN, SANDBOX_API_KEY, startSandbox, type Sandbox } from '../sandbox';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the Mollie fake’s customers, mandates and idempotency', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 31 });
  });
  afterAll(() => sb.close());

  const call = async (method: string, path: string, options: { body?: unknown; token?: string; key?: string } = {}) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${options.token ?? SANDBOX_API_KEY}`, Accept: 'application/hal+json', 'Content-Type': 'application/json' };
    if (options.key) headers['Idempotency-Key'] = options.key;
    const res = await request(`${sb.urls.mollie}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    return { status: res.status, body: (res.text ? JSON.parse(res.text) : null) as Body };
  };
  /** The call, its status, and no breach of the spec in either direction. */
  const conforms = async (method: string, path: string, status: number, options?: Parameters<typeof call>[2]) => {
    const res = await call(method, path, options);
    expect([res.status, takeViolations()]).toEqual([status, []]);
    return res.body;
  };

  it('creates, lists, reads and updates customers; an update changes what it names and keeps the rest', async () => {
    const created = await conforms('POST', '/v2/customers', 201, { body: { name: 'Jan de Boer', email: 'jan@boer.example', metadata: { crmId: 'C-1', source: 'shop' } } });
    const list = await conforms('GET', '/v2/customers?limit=5', 200);
    expect(list._embedded.customers.map((c: Body) => c.id)).toContain(created.id);
    const cases: Array<[Body, Body]> = [
      [{ email: 'finance@boer.example' }, { name: 'Jan de Boer', email: 'finance@boer.example', metadata: { crmId: 'C-1', source: 'shop' } }],
      [{ metadata: { crmId: 'C-1', source: 'shop', hubspotCompanyId: '77' } }, { name: 'Jan de Boer', metadata: { crmId: 'C-1', source: 'shop', hubspotCompanyId: '77' } }],
      [{ metadata: { only: 'this' } }, { metadata: { only: 'this' } }],
      [{ metadata: null, locale: 'nl_NL' }, { metadata: null, locale: 'nl_NL', name: 'Jan de Boer' }],
    ];
    for (const [change, expected] of cases) {
      const updated = await conforms('PATCH', `/v2/customers/${created.id}`, 200, { body: change });
      expect(updated).toEqual(expect.objectContaining(expected));
      expect(await conforms('GET', `/v2/customers/${created.id}`, 200)).toEqual(expect.objectContaining(expected));
    }
  });

  it.each([
    ['an e-mail address that is none', { email: 'not-an-address' }, 'email'],
    ['a locale Mollie does not know', { locale: 'dutch' }, 'locale'],
    ['metadata past about 1 kB', { metadata: { note: 'x'.repeat(1100) } }, 'metadata'],
    ['a name that is not text', { name: 12 }, 'name'],
  ])('refuses %s with 422 naming the field, and changes nothing', async (_case, change, field) => {
    const customer = sb.mollie.createCustomer({ name: 'Unchanged', email: 'same@example.com', metadata: { keep: true } });
    const res = await call('PATCH', `/v2/customers/${customer.id}`, { body: change });
    // Some of these requests break the spec's types on purpose; the answers must not.
    expect(takeViolations().filter((v) => v.direction === 'response')).toEqual([]);
    expect([res.status, res.body.field]).toEqual([422, field]);
    expect([customer.name, customer.email, customer.metadata]).toEqual(['Unchanged', 'same@example.com', { keep: true }]);
  });

  it('lists a customer’s mandates (the payer’s IBAN under details) and its payments; its links name only what it has', async () => {
    const customer = sb.mollie.createCustomer({ name: 'Piet Visser' });
    expect(Object.keys((await conforms('GET', `/v2/customers/${customer.id}`, 200))._links)).toEqual(['self', 'dashboard', 'documentation']);
    const mandate = await conforms('POST', `/v2/customers/${customer.id}/mandates`, 201, { body: { method: 'directdebit', consumerName: 'Piet Visser', consumerAccount: 'NL55 INGB 0000 0000 00', mandateReference: 'PV-1' } });
    const payment = sb.mollie.createPayment({ mandateId: mandate.id, amount: { value: '25.00', currency: 'EUR' } });
    sb.mollie.setPaymentStatus(payment.id, 'paid');
    const mandates = await conforms('GET', `/v2/customers/${customer.id}/mandates`, 200);
    const one = await conforms('GET', `/v2/customers/${customer.id}/mandates/${mandate.id}`, 200);
    const payments = await conforms('GET', `/v2/customers/${customer.id}/payments`, 200);
    const read = await conforms('GET', `/v2/payments/${payment.id}`, 200);
    expect([mandates.count, one.details, one.status]).toEqual([1, { consumerName: 'Piet Visser', consumerAccount: 'NL55INGB0000000000', consumerBic: null }, 'valid']);
    expect([payments._embedded.payments.map((p: Body) => p.id), read.mandateId, read.sequenceType, read.details.consumerAccount]).toEqual([[payment.id], mandate.id, 'recurring', 'NL55INGB0000000000']);
    expect(Object.keys((await conforms('GET', `/v2/customers/${customer.id}`, 200))._links)).toEqual(['self', 'dashboard', 'payments', 'mandates', 'documentation']);
    const stranger = sb.mollie.createCustomer({ name: 'Someone else' });
    expect((await call('GET', `/v2/customers/${stranger.id}/mandates/${mandate.id}`)).status).toBe(404);
  });

  it.each([
    ['directdebit', { method: 'directdebit', consumerName: 'X', consumerAccount: 'NL00INGB0000000000' }, 'consumerAccount'],
    ['paypal', { method: 'paypal', consumerName: 'X' }, 'consumerEmail'],
    ['creditcard', { method: 'creditcard', consumerName: 'X' }, 'method'],
  ])('refuses a %s mandate without what it needs, naming the field', async (_method, body, field) => {
    const customer = sb.mollie.createCustomer({ name: 'Mandates' });
    const res = await call('POST', `/v2/customers/${customer.id}/mandates`, { body });
    expect(takeViolations().filter((v) => v.direction === 'response')).toEqual([]);
    expect([res.status, res.body.field, sb.mollie.mandates.size > 0 && [...sb.mollie.mandates.values()].some((m) => m.customerId === customer.id)]).toEqual([422, field, false]);
  });

  it('lists a payment’s chargebacks', async () => {
    const payment = sb.mollie.createPayment({ amount: { value: '40.00', currency: 'EUR' } });
    sb.mollie.setPaymentStatus(payment.id, 'paid');
    const chargeback = sb.mollie.createChargeback(payment.id, { amount: '15.00' });
    const list = await conforms('GET', `/v2/payments/${payment.id}/chargebacks`, 200);
    expect(list._embedded.chargebacks.map((c: Body) => [c.id, c.amount.value])).toEqual([[chargeback.id, '15.00']]);
  });

  it('answers a repeated Idempotency-Key with the first answer, within an hour, per credential and path; a new key or a late retry acts anew', async () => {
    const body = { description: 'Invoice INV-31', amount: { value: '31.00', currency: 'EUR' } };
    const links = () => [...sb.mollie.paymentLinks.values()].filter((l) => l.description === body.description).length;
    const first = await conforms('POST', '/v2/payment-links', 201, { body, key: 'key-31' });
    const cases: Array<[string, Parameters<typeof call>[2], boolean]> = [
      ['the same key', { body, key: 'key-31' }, true],
      ['the same key, another body (the duplicate is ignored)', { body: { ...body, amount: { value: '99.00', currency: 'EUR' } }, key: 'key-31' }, true],
      ['another key', { body, key: 'key-32' }, false],
      ['no key', { body }, false],
      ['the same key with another credential', { body: { ...body, profileId: sb.mollie.profile.id, testmode: true }, key: 'key-31', token: SANDBOX_ACCESS_TOKEN }, false],
    ];
    for (const [, options, replayed] of cases) {
      const before = links();
      const res = await conforms('POST', '/v2/payment-links', 201, options);
      expect([res.id === first.id, links() - before]).toEqual([replayed, replayed ? 0 : 1]);
    }
    sb.clock.advance(IDEMPOTENCY_WINDOW_MS);
    expect((await conforms('POST', '/v2/payment-links', 201, { body, key: 'key-31' })).id).not.toBe(first.id);
  });

  it('keeps no answer to a refused request: the same key carries the corrected request out', async () => {
    const refused = await call('POST', '/v2/payment-links', { body: { description: '' }, key: 'key-fix' });
    const fixed = await conforms('POST', '/v2/payment-links', 201, { body: { description: 'Fixed', amount: { value: '1.00', currency: 'EUR' } }, key: 'key-fix' });
    expect([refused.status, fixed.description]).toEqual([422, 'Fixed']);
  });

  it('links to the origin a client addressed: https through the TLS front', async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keyType: 'ec', algorithm: 'sha256', extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
    const origin = await sb.servers.mollie.serveTls({ key: pems.private, cert: pems.cert });
    sb.mollie.createPayment();
    const text = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(`${origin}/v2/payments?limit=1`, { ca: pems.cert, headers: { Authorization: `Bearer ${SANDBOX_API_KEY}` } }, (res) => {
        let out = '';
        res.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        res.on('end', () => resolve(out));
      });
      req.on('error', reject);
      req.end();
    });
    const overTls = JSON.parse(text) as Body;
    const plain = await conforms('GET', '/v2/payments?limit=1', 200);
    expect([overTls._links.self.href, plain._links.self.href]).toEqual([`${origin}/v2/payments?limit=1`, `${sb.urls.mollie}/v2/payments?limit=1`]);
    expect(takeViolations()).toEqual([]);
  });
});
