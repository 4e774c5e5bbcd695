/**
 * What a connection remembers between the runs that book one large payout
 * (z.cache; a run without it reads everything again): the payout's statement
 * with the bank line of each of its lines, and the number of each invoice by
 * id and version. A retry then reads only what is still open, and only the
 * invoices those lines name: the runs a rate limit or a deadline splits a
 * payout into cost few requests beyond the lines they book.
 */
import type { ZObject } from 'zapier-platform-core';
import { connectionCache, type AccountNames } from '../../store/connectionCache';

export interface RememberedStatement {
  id: string;
  accountId: string;
  /** Line key (mollie:<settlement>:<Mollie id or payout>) → its mutation id. */
  lines: Record<string, string>;
}
/** Invoice id → [number, version]. */
export type InvoiceNumbers = Record<string, [string, number | string]>;

const STATEMENT_TTL_SECONDS = 6 * 3600;
const NUMBERS_TTL_SECONDS = 24 * 3600;
/** Beyond this many invoices the numbers are not remembered (z.cache keeps small values). */
const MAX_NUMBERS = 20_000;

export const booksMemory = (z: ZObject, administrationId: string, accounts: AccountNames) => {
  const cache = connectionCache(z, accounts, 'crm');
  const statementKey = (settlementId: string) =>
    `moneybird:payout-statement:v1:${administrationId}:${settlementId}`;
  const numbersKey = `moneybird:invoice-numbers:v1:${administrationId}`;
  return {
    statement: (settlementId: string) => cache.get<RememberedStatement>(statementKey(settlementId)),
    rememberStatement: (settlementId: string, statement: RememberedStatement) =>
      cache.set(statementKey(settlementId), statement, STATEMENT_TTL_SECONDS),
    invoiceNumbers: async (): Promise<InvoiceNumbers> => (await cache.get<InvoiceNumbers>(numbersKey)) ?? {},
    rememberInvoiceNumbers: async (numbers: InvoiceNumbers) => {
      if (Object.keys(numbers).length <= MAX_NUMBERS)
        await cache.set(numbersKey, numbers, NUMBERS_TTL_SECONDS);
    },
  };
};
