/** HubSpot's deal properties are checked once an hour; if they vanish in between, the record step recreates them. */
import type { Bundle } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { DEAL_PROPERTIES } from '../crm/hubspot/adapter';
import { startSandbox, type Sandbox } from '../sandbox';
import { fixtures } from './helpers/crmFixtures';
import { appMethod } from './helpers/app';

describe('HubSpot deal properties', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 3 });
    Object.assign(process.env, sb.env());
  });
  afterAll(() => sb.close());

  it('are read once an hour, and recreated when someone deleted them meanwhile', async () => {
    const appTester = createAppTester(App);
    const { authData } = fixtures(sb).hubspot;
    const record = (paymentId: string) =>
      appTester(appMethod('creates.create_crm_payment_record.operation.perform'), { authData, inputData: { payment_id: paymentId } } as Partial<Bundle>) as Promise<Record<string, string>>;
    const paid = () => {
      const payment = sb.mollie.createPayment({ amount: { currency: 'EUR', value: '12.00' }, description: 'Order' });
      sb.mollie.setPaymentStatus(payment.id, 'paid');
      return payment.id;
    };
    const propertyReads = () => sb.servers.hubspot.requestLog.filter((request) => request.method === 'GET' && request.path === '/crm/v3/properties/deals').length;

    expect((await record(paid())).outcome).toBe('created');
    expect((await record(paid())).outcome).toBe('created');
    expect(propertyReads()).toBe(1);

    for (const property of DEAL_PROPERTIES) {
      sb.hubspot.properties.deals.delete(property.name);
      for (const deal of sb.hubspot.all('deals')) delete deal.properties[property.name];
    }
    const afterDeletion = await record(paid());

    expect(afterDeletion.outcome).toBe('created');
    expect(sb.hubspot.properties.deals.has('mollie_payment_id')).toBe(true);
    expect(propertyReads()).toBe(2);
  });
});
