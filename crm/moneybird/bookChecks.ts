/**
 * What Record Settlement in the Books checks in Moneybird before it writes
 * anything: the administration (the token reaches it; its time zone and the
 * date up to which its books are locked), the financial account (there,
 * active, in the payout's currency) and the fee ledger account (there, active,
 * one a bank line may be booked on). A bad choice is refused naming the field.
 */
import type { ZObject } from 'zapier-platform-core';
import type { caller } from '../http';
import type { MoneybirdAdministration } from './wire';

type Call = ReturnType<typeof caller>;

export interface FinancialAccount {
  id: string;
  name: string;
  currency?: string;
  active?: boolean;
}
export interface LedgerAccount {
  id: string;
  name: string;
  active?: boolean;
  allowed_document_types?: string[];
}

export interface CheckedBooks {
  timeZone: string;
  /** The last day of the locked period (YYYY-MM-DD), if the administration has one. */
  lockedUntil: string | null;
  account: FinancialAccount;
  accounts: FinancialAccount[];
}

/** Ledger accounts a bank line can be booked on list this among their allowed document types. */
const ON_BANK_LINES = 'financial_mutation';

/** A financial account a payout's statement may go on: not archived. */
export const takesStatements = (account: FinancialAccount): boolean => account.active !== false;
/** A ledger account fees may be booked on: active, and one Moneybird books bank lines on. */
export const takesBankLines = (ledger: LedgerAccount): boolean =>
  ledger.active !== false &&
  (!ledger.allowed_document_types || ledger.allowed_document_types.includes(ON_BANK_LINES));

const refuse = (z: ZObject, field: string, message: string): never => {
  throw new z.errors.Error(`${field}: ${message}`, 'InvalidInput', 400);
};

export const checkBeforeWriting = async (
  z: ZObject,
  calls: { administration: Call; root: Call },
  input: {
    administrationId: string;
    financialAccountId?: string;
    feeLedgerAccountId?: string;
    currency: string;
    settlementId: string;
  },
): Promise<CheckedBooks> => {
  const { administration: call, root } = calls;
  const [administrations, accounts, ledgers] = await Promise.all([
    root<MoneybirdAdministration[]>('GET', '/administrations').then(({ data }) => data ?? []),
    call<FinancialAccount[]>('GET', '/financial_accounts', { pass: [404] }),
    input.feeLedgerAccountId ? call<LedgerAccount[]>('GET', '/ledger_accounts', { pass: [404] }) : undefined,
  ]);
  const administration = administrations.find((candidate) => String(candidate.id) === input.administrationId);
  if (!administration || accounts.status === 404 || ledgers?.status === 404) {
    const seen =
      administrations.map((candidate) => `${candidate.name} (${candidate.id})`).join(', ') || 'none';
    throw new z.errors.Error(
      `Moneybird administration ID: this token has no administration ${input.administrationId}. It can see: ${seen}. Correct the connection.`,
      'InvalidCredential',
      400,
    );
  }

  const account = accounts.data.find((candidate) => String(candidate.id) === input.financialAccountId);
  if (!account)
    refuse(
      z,
      'Financial account',
      `Moneybird has no financial account ${input.financialAccountId}. Pick one from the list (e.g. Mollie).`,
    );
  if (!takesStatements(account!))
    refuse(
      z,
      'Financial account',
      `${account!.name} is archived (not active) in Moneybird. Pick an active account, or reactivate it.`,
    );
  if (account!.currency && account!.currency !== input.currency) {
    refuse(
      z,
      'Financial account',
      `${account!.name} is in ${account!.currency}, settlement ${input.settlementId} in ${input.currency}. Pick a ${input.currency} account.`,
    );
  }

  if (input.feeLedgerAccountId) {
    const ledger = ledgers!.data.find((candidate) => String(candidate.id) === input.feeLedgerAccountId);
    const field = 'Ledger account for Mollie fees';
    if (!ledger)
      refuse(
        z,
        field,
        `Moneybird has no ledger account ${input.feeLedgerAccountId}. Pick one from the list (e.g. Transaction costs), or leave it empty.`,
      );
    if (ledger!.active === false)
      refuse(z, field, `${ledger!.name} is not active in Moneybird. Pick an active ledger account.`);
    if (!takesBankLines(ledger!))
      refuse(
        z,
        field,
        `${ledger!.name} takes no bank lines in Moneybird, so fees cannot be booked on it. Pick an expense account such as Transaction costs.`,
      );
  }
  return {
    timeZone: administration.time_zone || 'Europe/Amsterdam',
    lockedUntil: administration.period_locked_until ?? null,
    account: { ...account!, id: String(account!.id) },
    accounts: accounts.data,
  };
};

/** Refuses a statement dated on or before the end of the administration's locked period, before it is made. */
export const refuseLockedDates = (
  z: ZObject,
  checked: CheckedBooks,
  settlementId: string,
  dates: string[],
): void => {
  const locked = checked.lockedUntil;
  const first = [...dates].filter(Boolean).sort()[0];
  if (!locked || !first || first > locked) return;
  refuse(
    z,
    'Settlement',
    `payout ${settlementId} has lines dated ${first}, in a period the Moneybird administration has locked (until ${locked}). Unlock that period in Moneybird, or book this payout by hand.`,
  );
};
