/**
 * The CRM fakes behave like the vendors by default (their documents, not our
 * client): HubSpot's ten-second rate window and 207 Multi-Status batches,
 * lagging search in HubSpot and Pipedrive, Moneybird's 150 requests per 5
 * minutes with an epoch-second reset, and its pages. Answers are checked
 * against the vendors' OpenAPI documents where the specs are present.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadSpec, validate, validateRef, type OpenApiSpec } from '../sandbox/contract/openapi';
import { SANDBOX_HUBSPOT_TOKEN, SANDBOX_MONEYBIRD_TOKEN, SANDBOX_PIPEDRIVE_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import { rawRequest, type RawAnswer } from './helpers/crmFixtures';

const SPECS = path.resolve(__dirname, '../../shared/specs');
const specsPresent = existsSync(path.join(SPECS, 'hubspot/deals.json')) && existsSync(path.join(SPECS, 'moneybird/openapi.json'));
if (!specsPresent) console.warn(`Spec checks in sandbox.crm.vendor skipped: ${SPECS} has no HubSpot/Moneybird specs.`);

type Answer = RawAnswer;
const send = rawRequest;

let sb: Sandbox;
let specs: Record<string, OpenApiSpec> = {};
beforeEach(async () => {
  sb = await startSandbox({ seed: 41 });
  if (specsPresent) specs = { deals: loadSpec(path.join(SPECS, 'hubspot/deals.json')), companies: loadSpec(path.join(SPECS, 'hubspot/companies.json')), moneybird: loadSpec(path.join(SPECS, 'moneybird/openapi.json')) };
});
afterEach(() => sb.close());

const hubspot = (url: string, method = 'GET', body?: unknown) => send(sb.urls.hubspot, url, { Authorization: `Bearer ${SANDBOX_HUBSPOT_TOKEN}` }, method, body);
const moneybird = (url: string) => send(sb.urls.moneybird, `/api/v2/${sb.moneybird.administration.id}${url}`, { Authorization: `Bearer ${SANDBOX_MONEYBIRD_TOKEN}` });
const pipedrive = (url: string, method = 'GET', body?: unknown) => send(sb.urls.pipedrive, url, { 'x-api-token': SANDBOX_PIPEDRIVE_TOKEN }, method, body);

describe('HubSpot fake', () => {
  it('limits a private app to 100 requests per rolling ten seconds, with its headers and RATE_LIMIT body', async () => {
    let last: Answer | undefined;
    for (let i = 0; i < 100; i++) last = await hubspot('/crm/v3/properties/deals');
    expect(last!.status).toBe(200);
    expect(last!.headers).toMatchObject({ 'x-hubspot-ratelimit-max': '100', 'x-hubspot-ratelimit-remaining': '0', 'x-hubspot-ratelimit-interval-milliseconds': '10000' });
    const refused = await hubspot('/crm/v3/properties/deals');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    // The spec's default error answer: every status without its own entry.
    if (specsPresent) expect(validateRef(specs.deals, '#/components/schemas/Error', refused.body)).toEqual([]);
    sb.clock.advance(10_001);
    expect((await hubspot('/crm/v3/properties/deals')).status).toBe(200);
  });

  it('answers a partly failed batch upsert with 207 Multi-Status and errors[] whose context values are arrays', async () => {
    sb.hubspot.defineProperty('deals', { name: 'mollie_payment_id', label: 'Mollie payment ID', hasUniqueValue: true });
    const answer = await hubspot('/crm/v3/objects/deals/batch/upsert', 'POST', {
      inputs: [
        { id: 'tr_ok', idProperty: 'mollie_payment_id', properties: { dealname: 'fine', deal_currency_code: 'EUR' } },
        { id: 'tr_usd', idProperty: 'mollie_payment_id', properties: { dealname: 'dollars', deal_currency_code: 'USD' } },
      ],
    });
    expect(answer.status).toBe(207);
    expect(answer.body.results).toHaveLength(1);
    expect(answer.body.errors).toEqual([expect.objectContaining({ status: 'error', category: 'VALIDATION_ERROR', context: { propertyName: ['deal_currency_code'] } })]);
    if (specsPresent) expect(validate(specs.deals, 'POST', '/crm/v3/objects/0-3/batch/upsert', 207, answer.body)).toEqual([]);
  });

  it('answers a batch read naming missing ids with 207 (ids as an array)', async () => {
    const company = sb.hubspot.seedCompany({ name: 'Here' });
    const answer = await hubspot('/crm/v3/objects/companies/batch/read', 'POST', { inputs: [{ id: company.id }, { id: '999999' }], properties: ['name'], propertiesWithHistory: [] });
    expect(answer.status).toBe(207);
    expect(answer.body.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['999999'] } });
    if (specsPresent) expect(validate(specs.companies, 'POST', '/crm/v3/objects/companies/batch/read', 207, answer.body)).toEqual([]);
  });

  it.each([
    [5, 1, 200],
    [6, 1, 400],
    [1, 6, 200],
    [1, 7, 400],
    [3, 6, 200],
    [4, 5, 400],
  ])('search takes %i filter groups of %i filters: %i (at most 5 groups, 6 a group, 18 in all)', async (groupCount, perGroup, status) => {
    const group = { filters: Array.from({ length: perGroup }, () => ({ propertyName: 'name', operator: 'EQ', value: 'x' })) };
    const answer = await hubspot('/crm/v3/objects/companies/search', 'POST', { filterGroups: Array.from({ length: groupCount }, () => group), limit: 10 });
    expect(answer.status).toBe(status);
  });

  it('search lags writes by about ten seconds of virtual time, for new records and for changed values', async () => {
    sb.hubspot.defineProperty('companies', { name: 'customer_id', label: 'Customer ID' });
    const search = async (value: string) =>
      (await hubspot('/crm/v3/objects/companies/search', 'POST', { filterGroups: [{ filters: [{ propertyName: 'customer_id', operator: 'EQ', value }] }], properties: ['name'], limit: 10 })).body.total;
    const created = await hubspot('/crm/v3/objects/companies', 'POST', { properties: { name: 'Fresh', customer_id: 'C-1' } });
    expect(await search('C-1')).toBe(0);
    sb.clock.advance(10_000);
    expect(await search('C-1')).toBe(1);
    sb.hubspot.update(sb.hubspot.get('companies', created.body.id)!, { customer_id: 'C-2' });
    expect([await search('C-1'), await search('C-2')]).toEqual([1, 0]);
    sb.clock.advance(10_000);
    expect([await search('C-1'), await search('C-2')]).toEqual([0, 1]);
  });
});

describe('Moneybird fake', () => {
  it('allows 150 requests per 5 minutes; the 429 says when the window resets as an epoch second', async () => {
    const start = sb.clock.now().getTime();
    for (let i = 0; i < 150; i++) expect((await moneybird('/contacts')).status).toBe(200);
    const refused = await moneybird('/contacts');
    expect(refused.status).toBe(429);
    expect(refused.body).toBe('Retry later');
    const reset = Math.ceil((start + 5 * 60_000) / 1000);
    expect(refused.headers).toMatchObject({ 'retry-after': String(reset), 'ratelimit-reset': String(reset), 'ratelimit-limit': '150', 'ratelimit-remaining': '0' });
    sb.clock.advance(5 * 60_000);
    expect((await moneybird('/contacts')).status).toBe(200);
  });

  it('pages lists: per_page at most 100, page from 1, a Link to the next page', async () => {
    for (let i = 0; i < 130; i++) sb.moneybird.createContact({ company_name: `Contact ${i}` });
    expect((await moneybird('/contacts?per_page=101')).status).toBe(400);
    const first = await moneybird('/contacts?per_page=100&page=1');
    const second = await moneybird('/contacts?per_page=100&page=2');
    expect([first.body.length, second.body.length]).toEqual([100, 30]);
    expect(first.headers.link).toMatch(/page=2.*rel="next"/);
    expect(second.headers.link).not.toMatch(/rel="next"/);
    if (specsPresent) expect(validate(specs.moneybird, 'GET', '/{administration_id}/contacts{format}', 200, second.body)).toEqual([]);
  });

  it('refuses a taken customer ID with 422 naming the field', async () => {
    sb.moneybird.createContact({ company_name: 'First', customer_id: 'C-9' });
    const answer = await send(sb.urls.moneybird, `/api/v2/${sb.moneybird.administration.id}/contacts`, { Authorization: `Bearer ${SANDBOX_MONEYBIRD_TOKEN}` }, 'POST', { contact: { company_name: 'Second', customer_id: 'C-9' } });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ error: { customer_id: ['has already been taken'] }, details: { customer_id: [{ error: 'taken' }] } });
    if (specsPresent) expect(validate(specs.moneybird, 'POST', '/{administration_id}/contacts{format}', 422, answer.body)).toEqual([]);
  });
});

describe('Pipedrive fake', () => {
  it('search lags new deals and organizations; the v2 lists show them at once, newest first', async () => {
    const org = await pipedrive('/api/v2/organizations', 'POST', { name: 'Fresh Org' });
    const deal = await pipedrive('/api/v2/deals', 'POST', { title: 'Fresh deal', custom_fields: { abc: 'tr_fresh' } });
    expect((await pipedrive('/api/v2/organizations/search?term=Fresh%20Org&fields=name&exact_match=true')).body.data.items).toEqual([]);
    expect((await pipedrive('/api/v2/deals/search?term=tr_fresh&fields=custom_fields&exact_match=true')).body.data.items).toEqual([]);
    expect((await pipedrive('/api/v2/organizations?sort_by=add_time&sort_direction=desc&limit=1')).body.data[0].id).toBe(org.body.data.id);
    expect((await pipedrive('/api/v2/deals?sort_by=id&sort_direction=desc&limit=1')).body.data[0].id).toBe(deal.body.data.id);
    sb.clock.advance(5_000);
    expect((await pipedrive('/api/v2/deals/search?term=tr_fresh&fields=custom_fields&exact_match=true')).body.data.items).toHaveLength(1);
  });

  it('pages its lists with an opaque cursor and refuses a limit above 500', async () => {
    for (let i = 0; i < 3; i++) sb.pipedrive.createOrg(`Org ${i}`);
    const first = await pipedrive('/api/v2/organizations?limit=2');
    expect(first.body.data).toHaveLength(2);
    const next = await pipedrive(`/api/v2/organizations?limit=2&cursor=${encodeURIComponent(first.body.additional_data.next_cursor)}`);
    expect(next.body.data).toHaveLength(1);
    expect(next.body.additional_data.next_cursor).toBeNull();
    expect((await pipedrive('/api/v2/organizations?limit=501')).status).toBe(400);
  });
});
