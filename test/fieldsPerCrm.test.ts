import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { failure, hubspotAuth, MOLLIE, moneybirdAuth, pipedriveAuth } from './helpers/connection';
import { appMethod, appOperation } from './helpers/app';

const createRecord = appOperation('creates', 'create_crm_payment_record');
const findRecord = appOperation('searches', 'find_crm_payment_record');
const createRecordPerform = appMethod('creates.create_crm_payment_record.operation.perform');

type Field = { key: string; required?: boolean };
const fieldsFor = (op: { operation: { inputFields: unknown[] } }, authData: Record<string, string>): Field[] =>
  op.operation.inputFields.flatMap((field) =>
    typeof field === 'function' ? (field as (z: unknown, bundle: unknown) => Field[])({}, { authData, inputData: {} }) : [field as Field],
  );
const keys = (fields: Field[]) => fields.map((field) => field.key);

afterEach(() => nock.cleanAll());

describe('Create or Update CRM Payment Record: the fields fit the connection’s CRM', () => {
  // Issue 17: an empty invoice number takes the one the payment names; the step refuses only when it names none or several.
  it('Moneybird: an invoice number (the payment’s own when empty), and no Pipeline or Stage', () => {
    const fields = fieldsFor(createRecord as never, moneybirdAuth());
    expect(keys(fields)).toEqual(['payment_id', 'account_id', 'invoice_number']);
    expect(fields.find((field) => field.key === 'invoice_number')?.required).toBeFalsy();
  });

  it.each([
    ['HubSpot', hubspotAuth()],
    ['Pipedrive', pipedriveAuth()],
  ])('%s: Pipeline and Stage, and an optional invoice number', (_crm, authData) => {
    const fields = fieldsFor(createRecord as never, authData);
    expect(keys(fields)).toEqual(['payment_id', 'account_id', 'invoice_number', 'pipeline_id', 'stage_id']);
    expect(fields.find((field) => field.key === 'invoice_number')?.required).toBeFalsy();
  });

  it('Find CRM Payment Record asks for invoice and contact only with Moneybird', () => {
    expect(keys(fieldsFor(findRecord as never, moneybirdAuth()))).toEqual(['payment_id', 'invoice_number', 'account_id']);
    expect(keys(fieldsFor(findRecord as never, hubspotAuth()))).toEqual(['payment_id']);
    expect(keys(fieldsFor(findRecord as never, pipedriveAuth()))).toEqual(['payment_id']);
  });
});

describe('Create or Update CRM Payment Record with Moneybird: checked before any CRM request', () => {
  const appTester = createAppTester(App);
  // An empty invoice number is the payment's own (issue 17): this payment names none, so the step refuses after reading it, before the CRM.
  const payment = { resource: 'payment', id: 'tr_WDqYK6vllg', mode: 'test', status: 'paid', amount: { value: '50.00', currency: 'EUR' }, description: 'Bestelling 5520', metadata: null, profileId: 'pfl_QkEhN94Ba', createdAt: '2026-11-01T09:00:00+00:00' };
  it.each([
    [{}, /^Invoice number is empty and payment tr_WDqYK6vllg names no invoice/],
    [{ invoice_number: '  ' }, /^Invoice number is empty and payment tr_WDqYK6vllg names no invoice/],
    [{ invoice_number: '2026 0042' }, /^Invoice number "2026 0042" contains a space/],
    [{ pipeline_id: 'default' }, /^Invoice number is empty and payment tr_WDqYK6vllg names no invoice/],
  ])('%j', async (fields, message) => {
    nock(MOLLIE).get('/v2/payments/tr_WDqYK6vllg').query(true).optionally().reply(200, payment);
    const requests: string[] = [];
    const listener = (request: Request) => void requests.push(request.url);
    nock.emitter.on('no match', listener);
    try {
      const error = await failure(appTester(createRecordPerform as never, { authData: moneybirdAuth(), inputData: { payment_id: 'tr_WDqYK6vllg', ...fields } } as Partial<Bundle>));
      expect(error.name).toBe('AppError');
      expect(error.message).toMatch(message);
      expect(requests).toEqual([]);
    } finally {
      nock.emitter.removeListener('no match', listener);
    }
  });
});
