/**
 * The official HubSpot client (@hubspot/api-client) against the HubSpot fake, for every call the app
 * makes. Each answer is read back through the client's own models and checked against what those
 * models declare (sandbox/contract/sdkModels.ts): a member they require that is missing, a date that
 * does not parse or a value of another type is a fault of the fake.
 */
import { Agent } from 'node:http';
import path from 'node:path';
import { Client } from '@hubspot/api-client';
import { SdkModels } from '../sandbox/contract/sdkModels';
import { SANDBOX_HUBSPOT_TOKEN, startSandbox, type Sandbox } from '../sandbox';

const CODEGEN = path.resolve(__dirname, '../node_modules/@hubspot/api-client/lib/codegen/crm');
const models = Object.fromEntries(
  ['companies', 'contacts', 'deals', 'properties', 'pipelines', 'associations/v4'].map((api) => [api, SdkModels.load(path.join(CODEGEN, api, 'models'))]),
) as Record<'companies' | 'contacts' | 'deals' | 'properties' | 'pipelines' | 'associations/v4', SdkModels>;

/** What the client's models say is wrong with an answer it read (a model instance, or a list of them). */
const misread = (api: keyof typeof models, answer: unknown): string[] => {
  const sample = Array.isArray(answer) ? answer[0] : answer;
  const type = (sample as { constructor: { name: string } }).constructor.name;
  return models[api].check(answer, Array.isArray(answer) ? `Array<${type}>` : type);
};

describe('the official HubSpot client reads the HubSpot fake', () => {
  let sb: Sandbox;
  let hubspot: Client;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 23, hubspotIndexDelayMs: 0 });
    sb.hubspot.rateWindow.limits = false;
    // An http agent makes the client send through node:http: the tests' nock lets loopback requests through there, while
    // its fetch interception cannot pass a request body on to a real server ("TypeError: unusable").
    hubspot = new Client({ accessToken: SANDBOX_HUBSPOT_TOKEN, basePath: sb.urls.hubspot, httpAgent: new Agent(), limiterOptions: { maxConcurrent: 4, minTime: 0 } });
  });
  afterAll(() => sb.close());

  const company = (name: string, properties: Record<string, string> = {}) => hubspot.crm.companies.basicApi.create({ properties: { name, ...properties } });

  it('creates a property that can hold an IBAN, as any custom property, and reads it back with the others', async () => {
    const created = await hubspot.crm.properties.coreApi.create('companies', { name: 'iban', label: 'IBAN', type: 'string' as never, fieldType: 'text' as never, groupName: 'companyinformation' });
    const byName = await hubspot.crm.properties.coreApi.getByName('companies', 'iban');
    const all = await hubspot.crm.properties.coreApi.getAll('companies');
    const batch = await hubspot.crm.properties.batchApi.create('deals', { inputs: [{ name: 'mollie_payment_id', label: 'Mollie payment ID', type: 'string' as never, fieldType: 'text' as never, groupName: 'dealinformation', hasUniqueValue: true }] });
    expect([...misread('properties', created), ...misread('properties', byName), ...misread('properties', all), ...misread('properties', batch)]).toEqual([]);
    expect([byName.label, all.results.map((p) => p.name)]).toEqual(['IBAN', expect.arrayContaining(['name', 'iban'])]);
    expect(batch.results.map((p) => [p.name, p.hasUniqueValue])).toEqual([['mollie_payment_id', true]]);
  });

  it('reads the deal pipelines with their stages, as HubSpot’s pipeline model requires them', async () => {
    const pipelines = await hubspot.crm.pipelines.pipelinesApi.getAll('deals');
    expect(misread('pipelines', pipelines)).toEqual([]);
    expect(pipelines.results.map((p) => [p.id, p.stages.length])).toEqual(sb.hubspot.pipelines.map((p) => [p.id, p.stages.length]));
  });

  it('returns every property asked for in the spec’s repeated form (properties=a&properties=b), and every association type asked for', async () => {
    const acme = await company('Acme B.V.', { domain: 'acme.example' });
    const contact = await hubspot.crm.contacts.basicApi.create({ properties: { email: 'finance@acme.example', firstname: 'Fien' } });
    await hubspot.crm.associations.v4.basicApi.createDefault('contacts', contact.id, 'companies', acme.id);
    const read = await hubspot.crm.companies.basicApi.getById(acme.id, ['name', 'domain'], undefined, ['contacts', 'deals']);
    expect(misread('companies', read)).toEqual([]);
    expect([read.properties.name, read.properties.domain, read.associations?.contacts?.results.map((a) => a.id)]).toEqual(['Acme B.V.', 'acme.example', [contact.id]]);
    const person = await hubspot.crm.contacts.basicApi.getById(contact.id, ['email', 'firstname']);
    expect([person.properties.email, person.properties.firstname]).toEqual(['finance@acme.example', 'Fien']);
  });

  it('updates a company’s IBAN property and finds the company by it', async () => {
    if (!sb.hubspot.properties.companies.has('iban')) sb.hubspot.defineProperty('companies', { name: 'iban', label: 'IBAN' });
    const bakery = await company('Bakkerij Jansen');
    const updated = await hubspot.crm.companies.basicApi.update(bakery.id, { properties: { iban: 'NL91ABNA0417164300' } });
    const found = await hubspot.crm.companies.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'iban', operator: 'EQ' as never, value: 'NL91ABNA0417164300' }] }], properties: ['name', 'iban'], limit: 10 });
    expect([...misread('companies', updated), ...misread('companies', found)]).toEqual([]);
    expect([updated.properties.iban, found.total, found.results.map((c) => [c.id, c.properties.iban])]).toEqual(['NL91ABNA0417164300', 1, [[bakery.id, 'NL91ABNA0417164300']]]);
  });

  it('searches contacts by e-mail and follows them to their companies, one request for many', async () => {
    const shop = await company('Shop B.V.');
    const contact = await hubspot.crm.contacts.basicApi.create({ properties: { email: 'Pay@Shop.example' } });
    await hubspot.crm.associations.v4.basicApi.createDefault('contacts', contact.id, 'companies', shop.id);
    const found = await hubspot.crm.contacts.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' as never, value: 'pay@shop.example' }] }], properties: ['email'], limit: 5 });
    const links = await hubspot.crm.associations.v4.batchApi.getPage('contacts', 'companies', { inputs: [{ id: contact.id }] });
    const companies = await hubspot.crm.companies.batchApi.read({ inputs: [{ id: shop.id }], properties: ['name'], propertiesWithHistory: [] });
    expect([...misread('contacts', found), ...misread('associations/v4', links), ...misread('companies', companies)]).toEqual([]);
    expect([found.results.map((c) => c.id), links.results.map((r) => [r._from.id, r.to.map((t) => t.toObjectId)]), companies.results.map((c) => c.properties.name)]).toEqual([
      [contact.id],
      [[contact.id, [shop.id]]],
      ['Shop B.V.'],
    ]);
  });

  it('upserts a deal on its unique Mollie payment ID (the same deal twice over), moves its association, and reads it back', async () => {
    if (!sb.hubspot.properties.deals.has('mollie_payment_id')) sb.hubspot.defineProperty('deals', { name: 'mollie_payment_id', label: 'Mollie payment ID', hasUniqueValue: true });
    const [from, to] = [await company('First B.V.'), await company('Second B.V.')];
    const input = { id: 'tr_SdkDeal01', idProperty: 'mollie_payment_id', properties: { dealname: 'Payment tr_SdkDeal01', amount: '12.50', pipeline: 'default', dealstage: 'closedwon' } };
    const first = await hubspot.crm.deals.batchApi.upsert({ inputs: [input] });
    const again = await hubspot.crm.deals.batchApi.upsert({ inputs: [{ ...input, properties: { ...input.properties, amount: '10.00' } }] });
    const deal = first.results[0];
    await hubspot.crm.associations.v4.basicApi.createDefault('deals', deal.id, 'companies', from.id);
    await hubspot.crm.associations.v4.basicApi.archive('deals', deal.id, 'companies', from.id);
    await hubspot.crm.associations.v4.basicApi.createDefault('deals', deal.id, 'companies', to.id);
    const read = await hubspot.crm.deals.basicApi.getById('tr_SdkDeal01', ['amount', 'dealstage'], undefined, ['companies'], undefined, 'mollie_payment_id');
    expect([...misread('deals', first), ...misread('deals', again), ...misread('deals', read)]).toEqual([]);
    expect([again.results[0].id, read.id, read.properties.amount, read.associations?.companies?.results.map((a) => a.id)]).toEqual([deal.id, deal.id, '10.00', [to.id]]);
    await hubspot.crm.deals.basicApi.archive(deal.id);
    expect(sb.hubspot.dealsFor('tr_SdkDeal01')).toEqual([]);
  });

  it('refuses what HubSpot refuses, with the error the client reads as a 4xx naming the property', async () => {
    const error = await hubspot.crm.companies.basicApi.create({ properties: { no_such_property: 'x' } }).then(() => undefined, (e: unknown) => e);
    expect((error as { code?: number }).code).toBe(400);
    expect(JSON.stringify((error as { body?: unknown }).body)).toContain('no_such_property');
  });
});
