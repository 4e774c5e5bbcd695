/**
 * The official Pipedrive client (`pipedrive`, its v1 and v2 APIs) against the Pipedrive fake, for
 * every call the app makes. Pipedrive publishes no OpenAPI document here, so the client's generated
 * models are the contract: every answer is checked against the model its method declares it returns
 * (sandbox/contract/sdkModels.ts), and where those models contradict Pipedrive's own documentation
 * the documentation wins (SDK_MODEL_MISTAKES).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { v1, v2 } from 'pipedrive';
import { SdkModels } from '../sandbox/contract/sdkModels';
import { SANDBOX_PIPEDRIVE_TOKEN, startSandbox, type Sandbox } from '../sandbox';

const VERSIONS = path.resolve(__dirname, '../node_modules/pipedrive/dist/versions');
const models = { v1: SdkModels.load(path.join(VERSIONS, 'v1/models')), v2: SdkModels.load(path.join(VERSIONS, 'v2/models')) };

/** Where the client's models say one thing and Pipedrive's documentation (what the API answers) another. */
const SDK_MODEL_MISTAKES: Array<{ problem: RegExp; reason: string }> = [
  {
    problem: /^\$\.additional_data\.next_cursor: null is not string$/,
    reason: 'Cursor pagination: "The value of the next_cursor field will be null if you have reached the end" (Pipedrive, core API concepts: pagination); the model types it as a string.',
  },
];

/** The model a client method says it answers with, read from the method's declaration. */
function declaredAnswer(version: 'v1' | 'v2', api: object, method: string): string {
  const file = api.constructor.name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  const source = readFileSync(path.join(VERSIONS, version, 'api', `${file}.d.ts`), 'utf8');
  const declared = new RegExp(`\\n    ${method}\\([^)]*\\): Promise<(\\w+)>`).exec(source);
  if (!declared) throw new Error(`${api.constructor.name}.${method} declares no answer`);
  return declared[1];
}

/** Calls a client method and lists where its answer breaks the model the method declares (known model mistakes aside). */
async function call<T>(version: 'v1' | 'v2', api: object, method: string, parameters?: object): Promise<{ answer: T; misread: string[] }> {
  const answer = (await (api as Record<string, (p?: object) => Promise<T>>)[method](parameters)) as T;
  const misread = models[version].check(answer, declaredAnswer(version, api, method)).filter((problem) => !SDK_MODEL_MISTAKES.some((m) => m.problem.test(problem)));
  return { answer, misread };
}

interface Field {
  key: string;
  name: string;
}
interface Pagination {
  start: number;
  limit: number;
  more_items_in_collection: boolean;
  next_start?: number;
}

describe('the official Pipedrive client reads the Pipedrive fake', () => {
  let sb: Sandbox;
  let api: {
    dealFields: v1.DealFieldsApi;
    organizationFields: v1.OrganizationFieldsApi;
    users: v1.UsersApi;
    organizations: v2.OrganizationsApi;
    persons: v2.PersonsApi;
    deals: v2.DealsApi;
    pipelines: v2.PipelinesApi;
    stages: v2.StagesApi;
  };

  beforeAll(async () => {
    sb = await startSandbox({ seed: 29 });
    sb.pipedrive.indexDelayMs = 0;
    const one = new v1.Configuration({ apiKey: SANDBOX_PIPEDRIVE_TOKEN, basePath: `${sb.urls.pipedrive}/api/v1` });
    const two = new v2.Configuration({ apiKey: SANDBOX_PIPEDRIVE_TOKEN, basePath: `${sb.urls.pipedrive}/api/v2` });
    api = {
      dealFields: new v1.DealFieldsApi(one),
      organizationFields: new v1.OrganizationFieldsApi(one),
      users: new v1.UsersApi(one),
      organizations: new v2.OrganizationsApi(two),
      persons: new v2.PersonsApi(two),
      deals: new v2.DealsApi(two),
      pipelines: new v2.PipelinesApi(two),
      stages: new v2.StagesApi(two),
    };
  });
  afterAll(() => sb.close());

  /** Every field, page by page, as the documentation says to page (additional_data.pagination). */
  const allFields = async (fieldsApi: object, method: string, limit: number) => {
    const pages: Array<{ data: Field[]; pagination: Pagination }> = [];
    for (let start: number | undefined = 0; start !== undefined && pages.length < 50; ) {
      const read: { answer: { data: Field[]; additional_data: { pagination: Pagination } }; misread: string[] } = await call('v1', fieldsApi, method, { start, limit });
      expect(read.misread).toEqual([]);
      const pagination: Pagination = read.answer.additional_data.pagination;
      const answer = read.answer;
      pages.push({ data: answer.data, pagination });
      start = pagination.more_items_in_collection ? pagination.next_start : undefined;
    }
    return pages;
  };

  it.each([
    ['deal', 'dealFields', 'addDealField', 'getDealFields'],
    ['organization', 'organizationFields', 'addOrganizationField', 'getOrganizationFields'],
  ] as const)('pages the %s fields with start and limit, and says where the next page starts', async (_kind, fieldsApi, add, list) => {
    const added = await call<{ data: Field }>('v1', api[fieldsApi], add, { CreateFieldRequest: { name: `IBAN ${fieldsApi}`, field_type: 'varchar' } });
    sb.pipedrive.seedFields(fieldsApi, 130);
    const pages = await allFields(api[fieldsApi], list, 100);
    const stored = sb.pipedrive.fields(fieldsApi);
    expect(added.misread).toEqual([]);
    expect(pages.map((p) => [p.data.length, p.pagination.start, p.pagination.more_items_in_collection])).toEqual([
      [100, 0, true],
      [stored.length - 100, 100, false],
    ]);
    expect(pages.flatMap((p) => p.data.map((f) => f.key))).toEqual(stored.map((f) => f.key));
    expect(new Set(stored.map((f) => f.key)).size).toBe(stored.length);
    expect(pages.flatMap((p) => p.data).find((f) => f.key === added.answer.data.key)?.name).toBe(`IBAN ${fieldsApi}`);
  });

  it('answers the fields list without start and limit with its first 100, as Pipedrive does', async () => {
    sb.pipedrive.seedFields('dealFields', 120);
    const { answer, misread } = await call<{ data: Field[]; additional_data: { pagination: Pagination } }>('v1', api.dealFields, 'getDealFields');
    expect([misread, answer.data.length, answer.additional_data.pagination]).toEqual([[], 100, { start: 0, limit: 100, more_items_in_collection: true, next_start: 100 }]);
  });

  it('creates an organization with a custom field, updates it (an IBAN in a field made for it), and finds it by that field', async () => {
    const iban = (await call<{ data: Field }>('v1', api.organizationFields, 'addOrganizationField', { CreateFieldRequest: { name: 'IBAN', field_type: 'varchar' } })).answer.data.key;
    const created = await call<{ data: { id: number } }>('v2', api.organizations, 'addOrganization', { AddOrganizationRequest: { name: 'Bakkerij Jansen' } });
    const updated = await call<{ data: { custom_fields: Record<string, unknown> } }>('v2', api.organizations, 'updateOrganization', { id: created.answer.data.id, UpdateOrganizationRequest: { custom_fields: { [iban]: 'NL91ABNA0417164300' } } });
    const found = await call<{ data: { items: Array<{ item: { id: number } }> } }>('v2', api.organizations, 'searchOrganization', { term: 'NL91ABNA0417164300', fields: 'custom_fields', exact_match: true });
    const read = await call<{ data: { name: string; custom_fields: Record<string, unknown> } }>('v2', api.organizations, 'getOrganization', { id: created.answer.data.id });
    expect([created.misread, updated.misread, found.misread, read.misread]).toEqual([[], [], [], []]);
    expect([updated.answer.data.custom_fields[iban], found.answer.data.items.map((i) => i.item.id), read.answer.data.name]).toEqual(['NL91ABNA0417164300', [created.answer.data.id], 'Bakkerij Jansen']);
  });

  it('adds a person to an organization, finds them by e-mail, and lists the organization’s persons', async () => {
    const org = sb.pipedrive.createOrg('Shop B.V.');
    const added = await call<{ data: { id: number } }>('v2', api.persons, 'addPerson', { AddPersonRequest: { name: 'Piet Visser', emails: [{ value: 'piet@shop.example', primary: true, label: 'work' }], org_id: org.id } });
    const found = await call<{ data: { items: Array<{ item: { id: number; organization?: { id: number } } }> } }>('v2', api.persons, 'searchPersons', { term: 'piet@shop.example', fields: 'email', exact_match: true });
    const listed = await call<{ data: Array<{ id: number }> }>('v2', api.persons, 'getPersons', { org_id: org.id });
    expect([added.misread, found.misread, listed.misread]).toEqual([[], [], []]);
    expect([found.answer.data.items.map((i) => [i.item.id, i.item.organization?.id]), listed.answer.data.map((p) => p.id)]).toEqual([[[added.answer.data.id, org.id]], [added.answer.data.id]]);
  });

  it('creates, finds, updates, lists and deletes a deal holding the Mollie payment id in a custom field', async () => {
    const key = (await call<{ data: Field }>('v1', api.dealFields, 'addDealField', { CreateFieldRequest: { name: 'Mollie payment ID', field_type: 'varchar' } })).answer.data.key;
    const org = sb.pipedrive.createOrg('Deal B.V.');
    const added = await call<{ data: { id: number } }>('v2', api.deals, 'addDeal', { AddDealRequest: { title: 'Payment tr_Pd01', value: 12.5, currency: 'EUR', org_id: org.id, custom_fields: { [key]: 'tr_Pd01' } } });
    const found = await call<{ data: { items: Array<{ item: { id: number } }> } }>('v2', api.deals, 'searchDeals', { term: 'tr_Pd01', fields: 'custom_fields', exact_match: true });
    const updated = await call<{ data: { status: string; value: number } }>('v2', api.deals, 'updateDeal', { id: added.answer.data.id, UpdateDealRequest: { status: 'won' } });
    const listed = await call<{ data: Array<{ id: number }> }>('v2', api.deals, 'getDeals', { sort_by: 'id', sort_direction: 'desc', limit: 5 });
    const deleted = await call<{ data: { id: number } }>('v2', api.deals, 'deleteDeal', { id: added.answer.data.id });
    expect([added.misread, found.misread, updated.misread, listed.misread, deleted.misread]).toEqual([[], [], [], [], []]);
    expect([found.answer.data.items.map((i) => i.item.id), updated.answer.data.status, updated.answer.data.value, listed.answer.data[0].id, deleted.answer.data.id]).toEqual([
      [added.answer.data.id],
      'won',
      12.5,
      added.answer.data.id,
      added.answer.data.id,
    ]);
  });

  it.each([
    ['pipelines', 'pipelines', 'getPipelines', undefined],
    ['stages of a pipeline', 'stages', 'getStages', { pipeline_id: 1 }],
    ['organizations', 'organizations', 'getOrganizations', { limit: 2 }],
  ] as const)('lists the %s as the client’s models declare them', async (_what, which, method, parameters) => {
    sb.pipedrive.createOrg('Listed One');
    sb.pipedrive.createOrg('Listed Two');
    const { answer, misread } = await call<{ data: unknown[] }>('v2', api[which], method, parameters);
    expect([misread, answer.data.length > 0]).toEqual([[], true]);
  });

  it('reads the user behind the token', async () => {
    const { answer, misread } = await call<{ data: { id: number; company_domain: string } }>('v1', api.users, 'getCurrentUser');
    expect([misread, answer.data.company_domain]).toEqual([[], 'sandbox']);
  });
});
