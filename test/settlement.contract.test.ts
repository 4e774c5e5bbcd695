/**
 * The settlement fakes against the vendors' OpenAPI documents: every Mollie
 * settlement and balance response, every Moneybird bookkeeping response, and
 * the statement and link_booking bodies the app sends Moneybird.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Bundle } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { loadSpec, validate, validateRef, type OpenApiSpec } from '../sandbox/contract/openapi';
import { request } from '../sandbox/http';
import { booksOf } from '../sandbox/moneybird/financial';
import { settlementsOf } from '../sandbox/mollie/settlements';
import { DAY, SANDBOX_ACCESS_TOKEN, SANDBOX_MONEYBIRD_ADMINISTRATION_ID, SANDBOX_MONEYBIRD_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import { appMethod } from './helpers/app';

const SPECS = path.resolve(__dirname, '../../shared/specs');
const present = existsSync(path.join(SPECS, 'mollie/specs.yaml')) && existsSync(path.join(SPECS, 'moneybird/openapi.json'));
if (!present) console.warn(`Settlement contract tests skipped: the vendor specs are absent (${SPECS}).`);
const appTester = createAppTester(App);
const pointer = (p: string) => p.replace(/~/g, '~0').replace(/\//g, '~1');

(present ? describe : describe.skip)('settlement fakes vs the vendor specs', () => {
  let sb: Sandbox;
  let mollieSpec: OpenApiSpec;
  let moneybirdSpec: OpenApiSpec;
  let settlementId: string;
  const get = async (base: string, url: string, token: string) => {
    const response = await request(`${base}${url}`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: response.status, body: JSON.parse(response.text) as Record<string, unknown> };
  };

  beforeAll(async () => {
    mollieSpec = loadSpec(path.join(SPECS, 'mollie/specs.yaml'));
    moneybirdSpec = loadSpec(path.join(SPECS, 'moneybird/openapi.json'));
    sb = await startSandbox({ seed: 3 });
    Object.assign(process.env, sb.env());
    const contact = sb.moneybird.createContact({ company_name: 'Acme', customer_id: 'C-1' });
    const start = sb.clock.now().getTime() - 3 * DAY;
    const payments = ['40.00', '12.50', '99.99'].map((value, index) => {
      sb.moneybird.createInvoice({ contactId: contact.id, number: `2026-10${index}`, total: value });
      const p = sb.mollie.createPayment({ amount: { currency: 'EUR', value }, description: `Invoice 2026-10${index}`, metadata: { customerId: 'C-1' }, mode: 'live', method: index === 1 ? 'creditcard' : 'ideal', createdAt: new Date(start + index * DAY) });
      sb.mollie.setPaymentStatus(p.id, 'paid', new Date(start + index * DAY + 1000));
      return p;
    });
    sb.mollie.createRefund(payments[0].id, { amount: '5.00', description: 'Broken', metadata: { ticket: 7 } });
    sb.mollie.createChargeback(payments[2].id);
    settlementId = settlementsOf(sb.mollie).payOut().id;
    settlementsOf(sb.mollie).open();
  });
  afterAll(() => sb.close());

  it.each([
    ['/v2/settlements', '/v2/settlements'],
    ['/v2/settlements/{settlementId}', '/v2/settlements/:id'],
    ['/v2/settlements/open', '/v2/settlements/open'],
    ['/v2/settlements/{settlementId}/payments', '/v2/settlements/:id/payments'],
    ['/v2/settlements/{settlementId}/refunds', '/v2/settlements/:id/refunds?embed=payment'],
    ['/v2/settlements/{settlementId}/chargebacks', '/v2/settlements/:id/chargebacks?embed=payment'],
    ['/v2/settlements/{settlementId}/captures', '/v2/settlements/:id/captures'],
    ['/v2/balances', '/v2/balances'],
    ['/v2/balances/{balanceId}', '/v2/balances/:balance'],
    ['/v2/balances/{balanceId}/transactions', '/v2/balances/:balance/transactions?limit=250'],
  ])('Mollie GET %s (%s) answers as the spec says', async (template, url) => {
    const concrete = url.replace(':id', settlementId).replace(':balance', settlementsOf(sb.mollie).balanceId);
    const { status, body } = await get(sb.urls.mollie, concrete, SANDBOX_ACCESS_TOKEN);
    expect(status).toBe(200);
    expect(validate(mollieSpec, 'GET', template, 200, body)).toEqual([]);
    if (template.endsWith('/payments')) expect((body._embedded as { payments: unknown[] }).payments).toHaveLength(3);
  });

  it('Mollie refuses settlements to API keys (403) and answers unknown ids in its error shape (404)', async () => {
    const key = await get(sb.urls.mollie, '/v2/settlements', 'test_SandboxKey00000000000000000000');
    expect(key.status).toBe(403);
    const missing = await get(sb.urls.mollie, '/v2/settlements/stl_unknown00', SANDBOX_ACCESS_TOKEN);
    expect({ status: missing.status, errors: validate(mollieSpec, 'GET', '/v2/settlements/{settlementId}', 404, missing.body) }).toEqual({ status: 404, errors: [] });
  });

  it('Moneybird answers and receives the bookkeeping calls as its spec says', async () => {
    const finance = booksOf(sb.moneybird);
    const authData = { mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'live', crm: 'moneybird', crmToken: SANDBOX_MONEYBIRD_TOKEN, moneybirdAdministrationId: SANDBOX_MONEYBIRD_ADMINISTRATION_ID };
    const inputData = { settlement_id: settlementId, financial_account_id: finance.accountNamed('Mollie').id, fee_ledger_account_id: finance.ledgerNamed('Transactiekosten').id };
    const out = (await appTester(appMethod('creates.record_settlement.operation.perform'), { authData, inputData } as Partial<Bundle>)) as Record<string, unknown>;
    expect(out.statement_balance).toBe('0.00');

    const adm = `/api/v2/${SANDBOX_MONEYBIRD_ADMINISTRATION_ID}`;
    const mutationId = [...finance.mutations.keys()][0];
    for (const [template, url] of [
      ['/{administration_id}/financial_accounts{format}', '/financial_accounts'],
      ['/{administration_id}/ledger_accounts{format}', '/ledger_accounts'],
      ['/{administration_id}/financial_mutations{format}', '/financial_mutations?filter=period:202610..202611'],
      ['/{administration_id}/financial_mutations/{id}{format}', `/financial_mutations/${mutationId}`],
      ['/{administration_id}/financial_mutations/synchronization{format}', '/financial_mutations/synchronization?filter=period:202610..202611'],
    ]) {
      const { status, body } = await get(sb.urls.moneybird, `${adm}${url}`, SANDBOX_MONEYBIRD_TOKEN);
      expect({ url, status, errors: validate(moneybirdSpec, 'GET', template, 200, body) }).toEqual({ url, status: 200, errors: [] });
    }

    const sent = sb.moneybird.received.filter((entry) => /financial_statements$|link_booking$|synchronization$/.test(entry.path));
    const templates: Array<[RegExp, string, string]> = [
      [/financial_statements$/, 'POST', '/{administration_id}/financial_statements{format}'],
      [/link_booking$/, 'PATCH', '/{administration_id}/financial_mutations/{id}/link_booking{format}'],
      [/synchronization$/, 'POST', '/{administration_id}/financial_mutations/synchronization{format}'],
    ];
    expect(new Set(sent.map((entry) => entry.path.split('/').pop()))).toEqual(new Set(['financial_statements', 'link_booking', 'synchronization']));
    for (const entry of sent) {
      const [, method, template] = templates.find(([match]) => match.test(entry.path))!;
      const ref = `#/paths/${pointer(template)}/${method.toLowerCase()}/requestBody/content/${pointer('application/*')}/schema`;
      expect({ path: entry.path, errors: validateRef(moneybirdSpec, ref, entry.body) }).toEqual({ path: entry.path, errors: [] });
    }
  });
});
