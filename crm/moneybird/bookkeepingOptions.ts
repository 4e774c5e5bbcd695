import type { Bundle, ZObject } from 'zapier-platform-core';
import { readCredentials } from '../../http/credentials';
import { apiBase } from '../../http/endpoints';
import { caller } from '../http';
import { takesBankLines, takesStatements, type FinancialAccount, type LedgerAccount } from './bookChecks';

type Named = FinancialAccount & LedgerAccount & { account_type?: string };

/**
 * Moneybird's financial or ledger accounts as dropdown options, only those Record Settlement in the Books
 * takes (an archived account, or a ledger account no bank line is booked on, is not offered); [] for a CRM without them.
 */
export const bookkeepingOptions = async (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  kind: 'financial_accounts' | 'ledger_accounts',
) => {
  const credentials = readCredentials(bundle.authData);
  if (credentials.crm !== 'moneybird') return [];
  const call = caller(
    z,
    'moneybird',
    () => `${apiBase('moneybird')}/api/v2/${credentials.moneybirdAdministrationId}`,
  );
  const { data } = await call<Named[]>('GET', `/${kind}`);
  const usable = kind === 'financial_accounts' ? takesStatements : takesBankLines;
  return data.filter(usable).map((item) => ({
    id: String(item.id),
    name: `${item.name} (${item.currency ?? item.account_type ?? ''})`.replace(' ()', ''),
  }));
};
