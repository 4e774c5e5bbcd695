/**
 * What every CRM offers the operations. Operations never branch on the CRM:
 * they ask `crmAdapter(z, bundle)` and call this interface.
 */
export interface CrmAccountIdentity {
  /** A readable name of the CRM account the token belongs to (never the token). */
  name: string;
}

export interface CrmAdapter {
  readonly crm: 'hubspot' | 'moneybird' | 'pipedrive';
  /** Checks the token and names the account it belongs to. */
  whoAmI(): Promise<CrmAccountIdentity>;
}
