import type { Bundle } from 'zapier-platform-core';
import createCrmPaymentRecord from '../../creates/createCrmPaymentRecord';
import recordSettlement from '../../creates/recordSettlement';
import { perform as settlementPaidOut } from '../../triggers/settlementPaidOut';
import { DAY, HOUR, SANDBOX_ACCESS_TOKEN, SANDBOX_HUBSPOT_TOKEN, SANDBOX_MONEYBIRD_ADMINISTRATION_ID, SANDBOX_MONEYBIRD_TOKEN } from '../index';
import { booksOf } from '../moneybird/financial';
import { settlementsOf } from '../mollie/settlements';
import type { Chapter } from './context';

type Out = Record<string, unknown> & { lines?: Array<Record<string, string>> };

const WEEK = [
  ['2026-1101', '121.00', 'DEB-101', 'Bakkerij de Vries'],
  ['2026-1102', '35.50', 'DEB-102', 'Fietsenmaker Jansen'],
  ['2026-1103', '60.00', 'DEB-101', 'Bakkerij de Vries'],
  ['2026-1104', '249.95', 'DEB-103', 'Drukkerij Bos'],
  ['2026-1105', '18.40', 'DEB-102', 'Fietsenmaker Jansen'],
  ['2026-1106', '99.00', 'DEB-103', 'Drukkerij Bos'],
  ['2026-1107', '42.00', 'DEB-101', 'Bakkerij de Vries'],
] as const;

export const settlementsChapter: Chapter = {
  title: 'A week of payments paid out by Mollie, booked in Moneybird to the cent, and shown on the HubSpot deals',
  play: async ({ sandbox, run, say }) => {
    const { mollie, moneybird, hubspot, clock } = sandbox;
    const moneybirdAuth = { mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'live', crm: 'moneybird', crmToken: SANDBOX_MONEYBIRD_TOKEN, moneybirdAdministrationId: SANDBOX_MONEYBIRD_ADMINISTRATION_ID };
    const hubspotAuth = { mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'live', crm: 'hubspot', crmToken: SANDBOX_HUBSPOT_TOKEN };
    const as = <T>(authData: object, fn: unknown, bundle: Partial<Bundle> = {}) => run(fn as never, { authData, ...bundle } as Partial<Bundle>) as Promise<T>;

    const contacts = new Map<string, string>();
    const start = clock.now().getTime() - 7 * DAY;
    const payments = WEEK.map(([invoice, value, customerId, name], day) => {
      if (!contacts.has(customerId)) contacts.set(customerId, moneybird.createContact({ company_name: name, customer_id: customerId }).id);
      moneybird.createInvoice({ contactId: contacts.get(customerId)!, number: invoice, total: value, daysAgo: 10 });
      const payment = mollie.createPayment({ amount: { currency: 'EUR', value }, description: `Invoice ${invoice}`, metadata: { customerId, invoiceNumber: invoice }, mode: 'live', method: day % 3 === 1 ? 'creditcard' : 'ideal', createdAt: new Date(start + day * DAY) });
      mollie.setPaymentStatus(payment.id, 'paid', new Date(start + day * DAY + 5 * 60_000));
      return payment;
    });
    mollie.createRefund(payments[2].id, { amount: '15.00', description: 'One tray returned' }, new Date(start + 3 * DAY));
    mollie.createRefund(payments[5].id, { description: 'Order canceled' }, new Date(start + 6 * DAY));
    mollie.createChargeback(payments[4].id, {}, new Date(start + 6 * DAY + HOUR));
    for (const [index, payment] of payments.slice(0, 3).entries()) await as(moneybirdAuth, createCrmPaymentRecord.operation.perform, { inputData: { payment_id: payment.id, invoice_number: WEEK[index][0] } });
    say(`A week: ${payments.length} invoices paid through Mollie, two refunds, one chargeback; the first 3 payments were already recorded on their Moneybird invoices by Create CRM Payment Record.`);

    const seen = new Set((await as<Out[]>(moneybirdAuth, settlementPaidOut, { meta: { isPopulatingDedupe: true } } as Partial<Bundle>)).map((item) => item.id));
    const settlement = settlementsOf(mollie).payOut();
    clock.advance(15 * 60_000);
    const fired = (await as<Out[]>(moneybirdAuth, settlementPaidOut, { meta: {} } as Partial<Bundle>)).filter((item) => !seen.has(String(item.id)));
    for (const item of fired) {
      say(`Settlement Paid Out fired: ${item.id}, reference ${item.reference}, EUR ${item.amount} (payments ${item.revenue}, refunds ${item.refunds}, chargebacks ${item.chargebacks}, fees ${item.costs}).`);
      for (const line of item.lines ?? []) say(`  ${line.type.padEnd(10)} ${line.mollie_id.padEnd(36)} ${line.amount.padStart(8)}  ${line.invoice_number || '-'}  fee ${line.fee || '-'}`);
      say(`  The lines add up to the payout: ${item.lines_add_up ? 'yes, to the cent' : `no, difference ${item.difference}`}.`);
    }

    const finance = booksOf(moneybird);
    const inputData = { settlement_id: settlement.id, financial_account_id: finance.accountNamed('Mollie').id, fee_ledger_account_id: finance.ledgerNamed('Transactiekosten').id };
    const booked = await as<Out>(moneybirdAuth, recordSettlement.operation.perform, { inputData });
    const statement = finance.statements.get(String(booked.id))!;
    const mutations = statement.mutationIds.map((id) => finance.mutations.get(id)!);
    const linked = mutations.filter((m) => m.payments.length > 0).length;
    say(`Record Settlement in the Books (Moneybird): statement "${statement.reference}" ${booked.outcome} on financial account Mollie, ${mutations.length} mutations.`);
    say(`  ${linked} payment, refund and chargeback mutations linked to their invoices (${booked.linked_to_existing_payments} to payments recorded before, none paid twice); ${booked.fees_booked} fee lines on Transactiekosten.`);
    say(`  Statement balance ${booked.statement_balance}; still needs a person: ${booked.needs_person_count ? booked.needs_person : 'nothing'}.`);
    const invoicesPaidTwice = [...moneybird.invoices.values()].filter((invoice) => invoice.payments.filter((p) => p.cents > 0n).length > 1).length;
    say(`  Invoices with a payment registered twice: ${invoicesPaidTwice}.`);
    const replay = await as<Out>(moneybirdAuth, recordSettlement.operation.perform, { inputData });
    say(`The same step replayed: ${replay.outcome}, still ${finance.statementsWith(statement.reference).length} statement.`);

    const deals = await as<Out>(hubspotAuth, recordSettlement.operation.perform, { inputData: { settlement_id: settlement.id } });
    say(`Record Settlement in the Books (HubSpot): ${deals.lines_booked} deals created for payments that had none, ${deals.lines_already_booked} updated.`);
    const settled = new Set(payments.map((payment) => payment.id));
    for (const deal of hubspot.all('deals').filter((d) => settled.has(String(d.properties.mollie_payment_id))).slice(0, 3)) {
      say(`  Deal "${deal.properties.dealname}": settlement ${deal.properties.mollie_settlement_reference}, paid out ${deal.properties.mollie_payout_date}, fee ${deal.properties.mollie_fee}.`);
    }
  },
};
