import type { CrmAccount } from './adapter';

/** E-mails are compared trimmed and case-insensitively. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Splits "a@x.nl, b@y.nl" (Moneybird) or a single address into normalized e-mails. */
export const emailsIn = (...values: (string | null | undefined)[]): string[] =>
  unique(
    values
      .flatMap((value) => (value ?? '').split(/[,;]/))
      .map(normalizeEmail)
      .filter((email) => email.includes('@')),
  );

export const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** Drops repeated accounts (same id), keeping the first and merging what the others knew. */
export const uniqueAccounts = (accounts: CrmAccount[]): CrmAccount[] => {
  const byId = new Map<string, CrmAccount>();
  for (const account of accounts) {
    const seen = byId.get(account.id);
    if (!seen)
      byId.set(account.id, {
        ...account,
        emails: unique(account.emails),
        customerIds: unique(account.customerIds),
      });
    else {
      seen.emails = unique([...seen.emails, ...account.emails]);
      seen.customerIds = unique([...seen.customerIds, ...account.customerIds]);
      seen.ibans = unique([...(seen.ibans ?? []), ...(account.ibans ?? [])]);
      if (account.invoices) seen.invoices = [...(seen.invoices ?? []), ...account.invoices];
    }
  }
  return [...byId.values()];
};
