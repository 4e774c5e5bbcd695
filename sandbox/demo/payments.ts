import { mollieClient } from '../../mollie/client';
import type { Chapter } from './context';

export const paymentsChapter: Chapter = {
  title: 'Reading payments from Mollie',
  play: async ({ run, say }) => {
    const page = await run((z, bundle) => mollieClient(z, bundle).payments.list({ limit: 10 }));
    say(`Newest ${page.items.length} payments (more behind cursor ${page.nextFrom ?? 'none'}):`);
    for (const payment of page.items) {
      const amount = `${payment.amount.currency} ${payment.amount.value}`.padEnd(13);
      say(`  ${payment.id}  ${payment.createdAt.slice(0, 10)}  ${payment.status.padEnd(8)}  ${amount}  ${payment.description}`);
    }
  },
};
