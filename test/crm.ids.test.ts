/**
 * One id check per CRM, used by every operation that takes a record id: an id
 * not in the CRM's form is refused naming the field, before any request (to
 * Mollie or the CRM).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { crmId } from '../crm/ids';
import { startSandbox, type Sandbox } from '../sandbox';
import { failure } from './helpers/connection';
import { appTester, CRMS, fixtures } from './helpers/crmFixtures';
import { appMethod } from './helpers/app';

const MALFORMED: unknown[] = ['0x1F', '1e1', 'NaN', 'Infinity', 'abc', ' 12', '12.0', '-3', '١٢', '12\u00a0', 'null', '1,000', NaN, Infinity, 2.5];

describe('record ids in each CRM\'s own form', () => {
  it.each([
    ['hubspot', 'account', '18390123456'],
    ['moneybird', 'account', '496081520000000001'],
    ['pipedrive', 'account', '42'],
    ['pipedrive', 'stage', 7],
    ['hubspot', 'pipeline', 'default'],
    ['hubspot', 'stage', 'closedwon'],
  ] as const)('%s %s id %j is accepted as it is', (crm, kind, id) => {
    expect(crmId(crm, kind, id, 'Field')).toBe(String(id));
  });

  it.each(CRMS.flatMap((crm) => MALFORMED.map((id) => [crm, typeof id === 'string' ? JSON.stringify(id) : String(id), id] as const)))('%s refuses account id %s', (crm, _shown, id) => {
    expect(() => crmId(crm, 'account', id, 'Account ID')).toThrow(/"message":"Account ID /);
  });
  it.each(['abc', '1e1', '0x1F'])('Pipedrive pipelines and stages are numbers too: %s is refused', (id) => {
    expect(() => crmId('pipedrive', 'stage', id, 'Stage')).toThrow(/"message":"Stage /);
    expect(() => crmId('pipedrive', 'pipeline', id, 'Pipeline')).toThrow(/"message":"Pipeline /);
  });
});

describe('every operation taking an id refuses a malformed one before any request', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 31 });
    Object.assign(process.env, sb.env());
  });
  afterAll(() => sb.close());
  const requests = () => Object.values(sb.servers).reduce((sum, server) => sum + server.requestLog.length, 0);

  type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
  const OPERATIONS: [string, Perform, string, string][] = [
    ['create_crm_payment_record', appMethod('creates.create_crm_payment_record.operation.perform'), 'account_id', 'Account ID'],
    ['find_crm_payment_record', appMethod('searches.find_crm_payment_record.operation.perform'), 'account_id', 'Account ID'],
  ];
  it.each(CRMS.flatMap((crm) => OPERATIONS.flatMap(([op, perform, key, label]) => ['0x1F', '1e1', 'NaN', ' 12', '-3', '١٢'].map((id) => [crm, op, JSON.stringify(id), perform, key, label, id] as const))))(
    '%s %s: account id %s',
    async (crm, _op, _shown, perform, key, label, id) => {
      const before = requests();
      const error = await failure(appTester(perform, { authData: fixtures(sb)[crm].authData, inputData: { payment_id: 'tr_WDqYK6vllg', invoice_number: '2026-0001', [key]: id } } as Partial<Bundle>));
      expect(error.message).toMatch(new RegExp(`^${label} `));
      expect(requests()).toBe(before);
    },
  );

  it.each(['abc', '1e1'])('Pipedrive stage dropdown refuses pipeline %s before any request', async (id) => {
    const before = requests();
    const error = await failure(appTester(appMethod('triggers.crm_stages.operation.perform'), { authData: fixtures(sb).pipedrive.authData, inputData: { pipeline_id: id } } as Partial<Bundle>));
    expect(error.message).toMatch(/^Pipeline /);
    expect(requests()).toBe(before);
  });
});
