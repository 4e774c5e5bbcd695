/**
 * Issue 19, item 2: dates in the books are the CRM's own. Create CRM Payment
 * Record registers a Moneybird payment on the administration's day; Record
 * Settlement in the Books writes the payout date of HubSpot and Pipedrive deals
 * as the portal's or company's day (both Europe/Amsterdam in the sandbox). Just
 * after midnight, at the year end, the night summer time starts and the night it ends.
 */
import { startSandbox, type Sandbox } from '../sandbox';
import { settlementsOf } from '../sandbox/mollie/settlements';
import { book, forgetCache, invoices, livePayment, recordPayment, type Crm } from './helpers/books';

let sb: Sandbox;
let seed = 1970;
beforeEach(async () => {
  forgetCache();
  sb = await startSandbox({ seed: seed++ });
  Object.assign(process.env, sb.env());
  sb.moneybird.rateWindow.limits = false;
});
afterEach(() => sb.close());

/** [time zone, the moment, the day there]. */
const MOMENTS: Array<[string, string, string]> = [
  ['Europe/Amsterdam', '2026-10-31T23:10:00Z', '2026-11-01'],
  ['Europe/Amsterdam', '2026-12-31T23:30:00Z', '2027-01-01'],
  ['Europe/Amsterdam', '2027-03-27T23:30:00Z', '2027-03-28'],
  ['Europe/Amsterdam', '2026-10-24T22:30:00Z', '2026-10-25'],
  ['America/Curacao', '2026-11-01T01:10:00Z', '2026-10-31'],
  ['America/Curacao', '2027-01-01T02:00:00Z', '2026-12-31'],
];

describe('Create CRM Payment Record in Moneybird: the payment date is the administration’s day', () => {
  it.each(MOMENTS)('%s, paid at %s: %s', async (timeZone, paidAt, day) => {
    sb.moneybird.administration.time_zone = timeZone;
    sb.clock.set(paidAt);
    const { '2026-1501': invoice } = invoices(sb, { '2026-1501': '42.00' });
    const payment = livePayment(sb, '42.00', '2026-1501');
    await recordPayment(sb, 'moneybird', payment);
    expect(invoice.payments.map((p) => p.payment_date)).toEqual([day]);
  });
});

describe.each(['hubspot', 'pipedrive'] as const)('Record Settlement in the Books in %s: the payout date is the CRM’s day', (crm: Crm) => {
  const payoutDate = (paymentId: string) => {
    if (crm === 'hubspot') return sb.hubspot.all('deals').find((deal) => deal.properties.mollie_payment_id === paymentId)?.properties.mollie_payout_date;
    const key = (name: string) => sb.pipedrive.dealFields.find((field) => field.name === name)!.key;
    return [...sb.pipedrive.deals.values()].find((deal) => deal.custom_fields[key('Mollie payment ID')] === paymentId)?.custom_fields[key('Mollie payout date')];
  };
  it.each(MOMENTS.filter(([timeZone]) => timeZone === 'Europe/Amsterdam'))('%s, paid out at %s: %s', async (_zone, paidOutAt, day) => {
    sb.clock.set(new Date(Date.parse(paidOutAt) - 20 * 60_000));
    const payment = livePayment(sb, '42.00', '2026-1601');
    sb.clock.set(paidOutAt);
    const settlement = settlementsOf(sb.mollie).payOut();
    await book(sb, crm, settlement);
    expect(payoutDate(payment.id)).toBe(day);
  });
});
