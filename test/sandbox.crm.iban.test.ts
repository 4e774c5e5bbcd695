/**
 * Where the CRM fakes hold a payer's IBAN, as the vendors document it: Moneybird contacts' `sepa_iban`
 * (updated with PATCH, found by the contact list's query and the contact filter's query), a HubSpot
 * company property and a Pipedrive organization field made for it like any custom field. Moneybird
 * and HubSpot exchanges are checked against their specs by the sandbox's validator, both directions.
 */
import { takeViolations } from '../sandbox/contract';
import { request } from '../sandbox/http';
import { SANDBOX_HUBSPOT_TOKEN, SANDBOX_MONEYBIRD_ADMINISTRATION_ID, SANDBOX_MONEYBIRD_TOKEN, SANDBOX_PIPEDRIVE_TOKEN, startSandbox, type Sandbox } from '../sandbox';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const IBAN = 'NL91ABNA0417164300';

describe('the CRM fakes hold a payer’s IBAN', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 37, hubspotIndexDelayMs: 0 });
    sb.pipedrive.indexDelayMs = 0;
  });
  afterAll(() => sb.close());

  const send = async (url: string, method: string, headers: Record<string, string>, body?: unknown) => {
    const res = await request(url, { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (res.text ? JSON.parse(res.text) : null) as Body };
  };
  const moneybird = (method: string, path: string, body?: unknown) =>
    send(`${sb.urls.moneybird}/api/v2/${SANDBOX_MONEYBIRD_ADMINISTRATION_ID}${path}`, method, { Authorization: `Bearer ${SANDBOX_MONEYBIRD_TOKEN}` }, body);
  const hubspot = (method: string, path: string, body?: unknown) => send(`${sb.urls.hubspot}${path}`, method, { Authorization: `Bearer ${SANDBOX_HUBSPOT_TOKEN}` }, body);
  const pipedrive = (method: string, path: string, body?: unknown) => send(`${sb.urls.pipedrive}${path}`, method, { 'x-api-token': SANDBOX_PIPEDRIVE_TOKEN }, body);

  describe('Moneybird', () => {
    it('updates a contact with PATCH: what is given changes, the rest stays, the IBAN shows as sepa_iban and bank_account', async () => {
      const contact = sb.moneybird.createContact({ company_name: 'Bakkerij Jansen', customer_id: 'MB-1', send_invoices_to_email: 'finance@jansen.example' });
      const res = await moneybird('PATCH', `/contacts/${contact.id}`, { contact: { sepa_iban: 'nl91 abna 0417 1643 00', sepa_iban_account_name: 'Bakkerij Jansen B.V.' } });
      expect([res.status, takeViolations()]).toEqual([200, []]);
      expect(res.body).toEqual(expect.objectContaining({ company_name: 'Bakkerij Jansen', customer_id: 'MB-1', send_invoices_to_email: 'finance@jansen.example', sepa_iban: IBAN, bank_account: IBAN, sepa_iban_account_name: 'Bakkerij Jansen B.V.' }));
      expect((await moneybird('GET', `/contacts/${contact.id}`)).body.sepa_iban).toBe(IBAN);
      const cleared = await moneybird('PATCH', `/contacts/${contact.id}`, { contact: { sepa_iban: '' } });
      expect([cleared.body.sepa_iban, cleared.body.company_name, takeViolations()]).toEqual(['', 'Bakkerij Jansen', []]);
    });

    it.each([
      ['an IBAN that is none', { sepa_iban: 'NL00ABNA0417164300' }, 'sepa_iban'],
      ['a BIC that is none', { sepa_bic: 'NOT A BIC' }, 'sepa_bic'],
      ['every name taken away', { company_name: '' }, 'company_name'],
      ['another contact’s customer id', { customer_id: 'TAKEN' }, 'customer_id'],
    ])('refuses %s with 422 naming the field, and changes nothing', async (_case, change, field) => {
      if (![...sb.moneybird.contacts.values()].some((c) => c.customer_id === 'TAKEN')) sb.moneybird.createContact({ company_name: 'Holder', customer_id: 'TAKEN' });
      const contact = sb.moneybird.createContact({ company_name: 'Unchanged B.V.' });
      const res = await moneybird('PATCH', `/contacts/${contact.id}`, { contact: change });
      expect([res.status, Object.keys(res.body.error), takeViolations()]).toEqual([422, [field], []]);
      expect([contact.company_name, contact.sepa_iban, contact.sepa_bic]).toEqual(['Unchanged B.V.', null, null]);
    });

    it.each([
      ['the contact list’s query (bank_account is among its fields)', '/contacts?query=', 'NL39RABO0300065264'],
      ['the contact filter’s query (IBAN is among its fields)', '/contacts/filter?query=', 'NL20INGB0001234567'],
    ])('finds a contact by its IBAN through %s', async (_how, path, iban) => {
      const payer = sb.moneybird.createContact({ company_name: 'Payer B.V.', sepa_iban: iban });
      sb.moneybird.createContact({ company_name: 'Other B.V.', sepa_iban: 'NL02ABNA0123456789' });
      const res = await moneybird('GET', `${path}${iban}`);
      expect([res.status, res.body.map((c: Body) => c.id), takeViolations()]).toEqual([200, [payer.id], []]);
    });

    it('filters contacts by the documented filter terms; a term it does not document filters nothing out (the spec declares no error)', async () => {
      const before = new Date(sb.clock.now().getTime() - 1000).toISOString();
      sb.clock.advance(60_000);
      const fresh = sb.moneybird.createContact({ firstname: 'Fien', lastname: 'Visser' });
      const created = await moneybird('GET', `/contacts/filter?filter=${encodeURIComponent(`created_after:${sb.clock.now().toISOString().slice(0, 10)}T00:00:00Z,first_name:fien`)}`);
      const all = await moneybird('GET', `/contacts/filter?filter=${encodeURIComponent(`updated_after:${before},contact_type:private_individual`)}`);
      const unknown = await moneybird('GET', `/contacts/filter?filter=${encodeURIComponent(`iban:NL91,first_name:fien`)}`);
      expect([created.body.map((c: Body) => c.id), all.body.map((c: Body) => c.id), unknown.body.map((c: Body) => c.id)]).toEqual([[fresh.id], [fresh.id], [fresh.id]]);
      expect(takeViolations()).toEqual([]);
    });
  });

  describe('HubSpot', () => {
    it('holds an IBAN in a company property made like any custom property, updates it with PATCH, and searches by it', async () => {
      const seeded = sb.hubspot.seedCompany({ name: 'Seeded B.V.', iban: 'NL39RABO0300065264' });
      const made = await hubspot('POST', '/crm/v3/objects/companies', { properties: { name: 'Later B.V.' } });
      const patched = await hubspot('PATCH', `/crm/v3/objects/companies/${made.body.id}`, { properties: { iban: IBAN } });
      const search = (value: string) => hubspot('POST', '/crm/v3/objects/companies/search', { filterGroups: [{ filters: [{ propertyName: 'iban', operator: 'EQ', value }] }], properties: ['name', 'iban'] });
      const [bySeeded, byPatched] = [await search('NL39RABO0300065264'), await search(IBAN)];
      expect([patched.status, patched.body.properties.iban, (await hubspot('GET', '/crm/v3/properties/companies/iban')).body.label]).toEqual([200, IBAN, 'IBAN']);
      expect([bySeeded.body.results.map((c: Body) => c.id), byPatched.body.results.map((c: Body) => c.id)]).toEqual([[seeded.id], [made.body.id]]);
      expect((await hubspot('PATCH', '/crm/v3/objects/companies/999999', { properties: { iban: IBAN } })).status).toBe(404);
      expect(takeViolations()).toEqual([]);
    });
  });

  describe('Pipedrive', () => {
    it('holds an IBAN in an organization field made like any custom field, updates it with PATCH (other fields kept), and finds the organization by it', async () => {
      const seeded = sb.pipedrive.createOrgWithIban('Seeded B.V.', 'NL39RABO0300065264', 'IBAN', { [sb.pipedrive.orgFields[0].key]: 'CUST-1' });
      const field = sb.pipedrive.orgFields.find((f) => f.name === 'IBAN')!;
      const made = await pipedrive('POST', '/api/v2/organizations', { name: 'Later B.V.', custom_fields: { [sb.pipedrive.orgFields[0].key]: 'CUST-2' } });
      const patched = await pipedrive('PATCH', `/api/v2/organizations/${made.body.data.id}`, { custom_fields: { [field.key]: IBAN } });
      const search = async (term: string) => (await pipedrive('GET', `/api/v2/organizations/search?term=${term}&fields=custom_fields&exact_match=true`)).body.data.items.map((i: Body) => i.item.id);
      expect(patched.body.data.custom_fields).toEqual({ [sb.pipedrive.orgFields[0].key]: 'CUST-2', [field.key]: IBAN });
      expect([await search('NL39RABO0300065264'), await search(IBAN)]).toEqual([[seeded.id], [made.body.data.id]]);
      const listed = (await pipedrive('GET', '/api/v1/organizationFields')).body.data.map((f: Body) => f.name);
      expect(listed).toEqual(['Customer ID', 'IBAN']);
    });
  });
});
