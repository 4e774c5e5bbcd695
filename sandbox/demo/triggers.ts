import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DAY, HOUR, SANDBOX_ACCESS_TOKEN } from '../index';
import { perform as refundedPerform } from '../../triggers/paymentRefunded';
import { perform as failedPerform } from '../../triggers/paymentFailed';
import { perform as paidPerform } from '../../triggers/paymentPaid';
import { hooks as paidHooks } from '../../triggers/paymentPaidInstant';
import { zapOn, type Chapter } from './context';

type Item = { id: string; [key: string]: unknown };

/** Receives webhook POSTs the way Zapier's target URL would, keeping the raw body and headers. */
const receiver = async () => {
  const received: Array<{ body: string; headers: Record<string, string> }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers as Record<string, string> });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/catch`, received, close: () => new Promise((r) => server.close(r)) };
};

export const triggersChapter: Chapter = {
  title: 'Triggers firing on status changes, days later, exactly once',
  play: async (demo) => {
    const { sandbox, say } = demo;
    const store = sandbox.mollie;
    const now = () => sandbox.clock.now().getTime();
    const transfer = store.createPayment({ method: 'banktransfer', amount: { value: '121.00', currency: 'EUR' }, description: 'Invoice INV-2026-00900', createdAt: new Date(now() - 9 * DAY), metadata: { invoiceNumber: 'INV-2026-00900' }, billingAddress: { email: 'anna@example.com' } });
    const debit = store.createPayment({ method: 'directdebit', amount: { value: '35.00', currency: 'EUR' }, description: 'Subscription November', createdAt: new Date(now() - 5 * DAY) });
    debit.status = 'pending';
    const card = store.createPayment({ method: 'creditcard', amount: { value: '80.00', currency: 'EUR' }, description: 'Order 5521', createdAt: new Date(now() - 2 * DAY) });
    store.setPaymentStatus(card.id, 'paid', new Date(now() - 2 * DAY + 60_000));

    const paid = await zapOn<Item>(demo.run, paidPerform as never);
    const failed = await zapOn<Item>(demo.run, failedPerform as never);
    const refunded = await zapOn<Item>(demo.run, refundedPerform as never);
    say('Zaps turned on: Payment Paid, Payment Failed, Payment Refunded (first polls only fill Zapier’s dedupe list).');

    sandbox.clock.advance(HOUR);
    store.setPaymentStatus(transfer.id, 'paid');
    store.setPaymentStatus(debit.id, 'failed');
    store.createRefund(card.id, { amount: '30.00' });
    say(`Then: bank transfer ${transfer.id} (created 9 days ago) is paid; SEPA debit ${debit.id} (5 days old) fails; order ${card.id} is refunded in part.`);
    for (let poll = 1; poll <= 3; poll++) {
      const fired = [...(await paid()), ...(await failed()), ...(await refunded())];
      say(`  Poll ${poll}: ${fired.length ? fired.map((item) => `${item.id}${item.customer_email ? ` (${item.customer_email})` : ''}`).join(', ') : 'nothing new'}`);
      sandbox.clock.advance(15 * 60_000);
    }
    store.createRefund(card.id);
    say(`The rest of ${card.id} is refunded: the next poll fires ${(await refunded()).map((item) => `${item.id} (full: ${item.is_full_refund})`).join(', ')}.`);

    const target = await receiver();
    const tokenAuth = { mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'test', crm: 'hubspot', crmToken: demo.authData.crmToken };
    const subscribeData = await demo.run(paidHooks.performSubscribe, { authData: tokenAuth, targetUrl: target.url } as never);
    say(`Instant Payment Paid: subscribed Mollie webhook ${subscribeData.id} (access token) to ${target.url}.`);
    const instant = store.createPayment({ method: 'ideal', amount: { value: '12.50', currency: 'EUR' }, description: 'Order 5522' });
    store.setPaymentStatus(instant.id, 'paid');
    await store.deliverWebhooks();
    for (const { body, headers } of target.received) {
      const items = (await demo.run(paidHooks.perform, { authData: tokenAuth, subscribeData, rawRequest: { content: body, headers } } as never)) as Item[];
      say(`  Signed event received and verified: fires ${items.map((item) => item.id).join(', ')}.`);
      const forged = body.replace('12.50', '1250.00');
      const refused = await demo.run(paidHooks.perform, { authData: tokenAuth, subscribeData, rawRequest: { content: forged, headers } } as never).then(() => 'accepted', (error: Error) => error.name);
      say(`  The same event with the amount changed: ${refused === 'HaltedError' ? 'refused (signature does not match)' : refused}.`);
    }
    await demo.run(paidHooks.performUnsubscribe, { authData: tokenAuth, subscribeData } as never);
    say(`Unsubscribed: webhook ${subscribeData.id} ${store.webhooks.has(subscribeData.id) ? 'still exists!' : 'deleted'}.`);
    await target.close();
  },
};
