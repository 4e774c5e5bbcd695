import type { Bundle, ZObject } from 'zapier-platform-core';
import { readCredentials } from '../../http/credentials';
import { apiBase } from '../../http/endpoints';
import { caller } from '../http';

interface Named {
  id: string | number;
  name: string;
  currency?: string;
  account_type?: string;
}

/** Moneybird's financial or ledger accounts as dropdown options; [] for a CRM without them. */
export const bookkeepingOptions = async (z: ZObject, bundle: Pick<Bundle, 'authData'>, kind: 'financial_accounts' | 'ledger_accounts') => {
  const credentials = readCredentials(bundle.authData);
  if (credentials.crm !== 'moneybird') return [];
  const call = caller(z, 'moneybird', () => `${apiBase('moneybird')}/api/v2/${credentials.moneybirdAdministrationId}`);
  const { data } = await call<Named[]>('GET', `/${kind}`);
  return data.map((item) => ({ id: String(item.id), name: `${item.name} (${item.currency ?? item.account_type ?? ''})`.replace(' ()', '') }));
};
