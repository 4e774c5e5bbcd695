/**
 * The HubSpot and Moneybird fakes, and what the adapters send them, checked
 * against the vendors' published OpenAPI documents in ../shared/specs.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { loadSpec, validate, validateRef, type OpenApiSpec } from '../sandbox/contract/openapi';
import { SANDBOX_HUBSPOT_TOKEN, SANDBOX_MONEYBIRD_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import { appTester, fixtures, rawRequest } from './helpers/crmFixtures';
import { appMethod } from './helpers/app';

const SPECS = path.resolve(__dirname, '../../shared/specs');
const present = existsSync(path.join(SPECS, 'hubspot')) && existsSync(path.join(SPECS, 'moneybird/openapi.json'));
if (!present) console.warn(`CRM contract tests skipped: the vendor specs are absent (${SPECS}/hubspot and moneybird not found).`);

const pointer = (p: string) => p.replace(/~/g, '~0').replace(/\//g, '~1');
/** The request-body schema of an operation, as a ref into the spec. */
const requestRef = (spec: OpenApiSpec, method: string, template: string): string => {
  const content = ((spec.paths[template]?.[method.toLowerCase()] as { requestBody?: { content?: Record<string, unknown> } })?.requestBody?.content ?? {}) as Record<string, unknown>;
  const type = ['application/json', 'application/*'].find((t) => content[t]);
  if (!type) throw new Error(`No request body for ${method} ${template}`);
  return `#/paths/${pointer(template)}/${method.toLowerCase()}/requestBody/content/${pointer(type)}/schema`;
};

interface Route {
  spec: string;
  method: string;
  template: string;
  match: RegExp;
}
const HUBSPOT_ROUTES: Route[] = [
  ...['contacts', 'companies'].flatMap((t) => [
    { spec: t, method: 'POST', template: `/crm/v3/objects/${t}/search`, match: new RegExp(`^/crm/v3/objects/${t}/search$`) },
    { spec: t, method: 'POST', template: `/crm/v3/objects/${t}/batch/read`, match: new RegExp(`^/crm/v3/objects/${t}/batch/read$`) },
    { spec: t, method: 'POST', template: `/crm/v3/objects/${t}/batch/upsert`, match: new RegExp(`^/crm/v3/objects/${t}/batch/upsert$`) },
    { spec: t, method: 'POST', template: `/crm/v3/objects/${t}`, match: new RegExp(`^/crm/v3/objects/${t}$`) },
  ]),
  { spec: 'deals', method: 'POST', template: '/crm/v3/objects/0-3/batch/upsert', match: /^\/crm\/v3\/objects\/(deals|0-3)\/batch\/upsert$/ },
  { spec: 'properties', method: 'POST', template: '/crm/v3/properties/{objectType}/batch/create', match: /^\/crm\/v3\/properties\/[^/]+\/batch\/create$/ },
  { spec: 'associations', method: 'POST', template: '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read', match: /^\/crm\/v4\/associations\/[^/]+\/[^/]+\/batch\/read$/ },
];
const MONEYBIRD_ROUTES: Route[] = [
  { spec: 'moneybird', method: 'POST', template: '/{administration_id}/contacts{format}', match: /^\/api\/v2\/\d+\/contacts$/ },
  { spec: 'moneybird', method: 'POST', template: '/{administration_id}/sales_invoices/{sales_invoice_id}/payments{format}', match: /^\/api\/v2\/\d+\/sales_invoices\/\d+\/payments$/ },
];

(present ? describe : describe.skip)('CRM fakes and adapters vs the vendor specs', () => {
  let sb: Sandbox;
  const specs: Record<string, OpenApiSpec> = {};

  beforeAll(async () => {
    for (const name of ['contacts', 'companies', 'deals', 'properties', 'associations']) specs[name] = loadSpec(path.join(SPECS, `hubspot/${name}.json`));
    specs.moneybird = loadSpec(path.join(SPECS, 'moneybird/openapi.json'));
    sb = await startSandbox({ seed: 21 });
    Object.assign(process.env, sb.env());
    const all = fixtures(sb);
    for (const fx of [all.hubspot, all.moneybird]) {
      const acme = fx.seedAccount({ name: 'Acme B.V.', email: 'finance@acme.nl', customerId: 'CUST-1' });
      fx.seedInvoice(acme, '2026-0200', '80.00');
      const p = sb.mollie.createPayment({ amount: { currency: 'EUR', value: '80.00' }, metadata: { customerId: 'CUST-1', invoiceNumber: '2026-0200' }, billingAddress: { email: 'finance@acme.nl' } });
      sb.mollie.setPaymentStatus(p.id, 'paid');
      const run = (perform: (z: ZObject, bundle: Bundle) => Promise<unknown>, inputData: object) => appTester(perform, { authData: fx.authData, inputData } as Partial<Bundle>);
      await run(appMethod('creates.create_crm_account.operation.perform'), { name: 'New B.V.', email: 'new@new.nl', customer_id: 'CUST-2' });
      await run(appMethod('creates.create_crm_payment_record.operation.perform'), { payment_id: p.id, invoice_number: '2026-0200' });
      sb.mollie.createRefund(p.id, { amount: '30.00' });
      await run(appMethod('creates.create_crm_payment_record.operation.perform'), { payment_id: p.id, invoice_number: '2026-0200', pipeline_id: 'default', stage_id: 'closedwon' });
      // a payment without a customer ID: the e-mail route (contacts search + associations) is taken too
      const q = sb.mollie.createPayment({ amount: { currency: 'EUR', value: '10.00' }, metadata: { invoiceNumber: '2026-0200' }, billingAddress: { email: 'finance@acme.nl' } });
      sb.mollie.setPaymentStatus(q.id, 'paid');
      await run(appMethod('creates.create_crm_payment_record.operation.perform'), { payment_id: q.id, invoice_number: '2026-0200' });
    }
  });
  afterAll(() => sb.close());

  it.each([
    ['HubSpot', () => sb.hubspot.received, HUBSPOT_ROUTES],
    ['Moneybird', () => sb.moneybird.received, MONEYBIRD_ROUTES],
  ] as const)('every request body the %s adapter sent validates against the spec', (_name, received, routes) => {
    const bodies = received();
    expect(bodies.length).toBeGreaterThan(3);
    for (const { method, path: actual, body } of bodies) {
      const route = routes.find((r) => r.method === method && r.match.test(actual));
      expect({ unchecked: `${method} ${actual}`, found: !!route }).toEqual({ unchecked: `${method} ${actual}`, found: true });
      const spec = specs[route!.spec];
      expect({ route: `${method} ${actual}`, errors: validateRef(spec, requestRef(spec, method, route!.template), body) }).toEqual({ route: `${method} ${actual}`, errors: [] });
    }
  });

  it('the validator rejects a request body that breaks the schema', () => {
    const spec = specs.moneybird;
    const ref = requestRef(spec, 'POST', '/{administration_id}/sales_invoices/{sales_invoice_id}/payments{format}');
    expect(validateRef(spec, ref, { payment: { payment_date: '2026-11-01', price: '10.00', transaction_identifier: 'tr_x' } })).toEqual([]);
    expect(validateRef(spec, ref, { payment: { price: '10.00', transactionId: 'tr_x' } }).length).toBeGreaterThan(0);
  });

  const get = rawRequest;

  it('HubSpot fake responses validate against the spec', async () => {
    const h = { Authorization: `Bearer ${SANDBOX_HUBSPOT_TOKEN}` };
    const deal = sb.hubspot.all('deals')[0];
    const cases: [string, string, string, string, unknown?][] = [
      ['deals', 'GET', '/crm/v3/objects/0-3/{dealId}', `/crm/v3/objects/deals/${deal.properties.mollie_payment_id}?idProperty=mollie_payment_id&associations=companies`],
      ['companies', 'POST', '/crm/v3/objects/companies/search', '/crm/v3/objects/companies/search', { filterGroups: [{ filters: [{ propertyName: 'customer_id', operator: 'EQ', value: 'CUST-1' }] }], properties: ['name'], sorts: [], limit: 10, after: '0' }],
      ['deals', 'POST', '/crm/v3/objects/0-3/batch/upsert', '/crm/v3/objects/deals/batch/upsert', { inputs: [{ id: 'tr_spec1', idProperty: 'mollie_payment_id', properties: { dealname: 'x' } }] }],
      ['companies', 'POST', '/crm/v3/objects/companies/batch/read', '/crm/v3/objects/companies/batch/read', { inputs: [{ id: sb.hubspot.all('companies')[0].id }], properties: ['name'], propertiesWithHistory: [] }],
      ['associations', 'POST', '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read', '/crm/v4/associations/contacts/companies/batch/read', { inputs: [{ id: sb.hubspot.all('contacts')[0].id }] }],
      ['properties', 'GET', '/crm/v3/properties/{objectType}', '/crm/v3/properties/deals'],
      ['properties', 'GET', '/crm/v3/properties/{objectType}/{propertyName}', '/crm/v3/properties/deals/mollie_payment_id'],
    ];
    for (const [spec, method, template, url, body] of cases) {
      const res = await get(sb.urls.hubspot, url, h, method, body);
      expect({ url, errors: validate(specs[spec], method, template, res.status === 201 ? 201 : 200, res.body) }).toEqual({ url, errors: [] });
    }
  });

  it('Moneybird fake responses validate against the spec', async () => {
    const h = { Authorization: `Bearer ${SANDBOX_MONEYBIRD_TOKEN}` };
    const adm = sb.moneybird.administration.id;
    const invoice = [...sb.moneybird.invoices.values()][0];
    const cases: [string, string, string, number][] = [
      ['GET', '/administrations{format}', '/api/v2/administrations', 200],
      ['GET', '/{administration_id}/contacts/customer_id/{customer_id}{format}', `/api/v2/${adm}/contacts/customer_id/CUST-1`, 200],
      ['GET', '/{administration_id}/contacts/customer_id/{customer_id}{format}', `/api/v2/${adm}/contacts/customer_id/NOPE`, 404],
      ['GET', '/{administration_id}/contacts{format}', `/api/v2/${adm}/contacts?query=acme`, 200],
      ['GET', '/{administration_id}/sales_invoices/find_by_invoice_id/{invoice_id}{format}', `/api/v2/${adm}/sales_invoices/find_by_invoice_id/2026-0200`, 200],
      ['GET', '/{administration_id}/sales_invoices/find_by_invoice_id/{invoice_id}{format}', `/api/v2/${adm}/sales_invoices/find_by_invoice_id/nope`, 404],
      ['GET', '/{administration_id}/sales_invoices{format}', `/api/v2/${adm}/sales_invoices?filter=state:open,contact_id:${invoice.contact_id}`, 200],
      ['GET', '/{administration_id}/sales_invoices/{id}{format}', `/api/v2/${adm}/sales_invoices/${invoice.id}`, 200],
    ];
    for (const [method, template, url, status] of cases) {
      const res = await get(sb.urls.moneybird, url, h);
      expect(res.status).toBe(status);
      expect({ url, errors: validate(specs.moneybird, method, template, status, res.body) }).toEqual({ url, errors: [] });
    }
    const created = await get(sb.urls.moneybird, `/api/v2/${adm}/sales_invoices/${invoice.id}/payments`, h, 'POST', { payment: { payment_date: '2026-11-01', price: '1.00', transaction_identifier: 'tr_spec' } });
    expect(created.status).toBe(201);
    expect(validate(specs.moneybird, 'POST', '/{administration_id}/sales_invoices/{sales_invoice_id}/payments{format}', 201, created.body)).toEqual([]);
  });
});
