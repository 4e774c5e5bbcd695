import { createHash } from 'node:crypto';
import { refuse as refuseField, refuseUnsafeLine } from './refuse';
import type { CrmName } from './endpoints';
import { apiBase, VENDOR_LABELS } from './endpoints';

/**
 * The connection's fields, checked and typed. Every request starts here, so a
 * malformed credential is refused with a clear message before anything is sent.
 */
export type MollieCredential =
  | { kind: 'apiKey'; token: string; mode: 'test' | 'live' }
  | { kind: 'accessToken'; token: string; mode: 'test' | 'live' };

export interface Credentials {
  mollie: MollieCredential;
  crm: CrmName;
  crmToken: string;
  moneybirdAdministrationId?: string;
  pipedriveDomain?: string;
  /** Optional CRM settings: what an account is in HubSpot, and where the customer ID lives. */
  crmSettings: CrmSettings;
  /** Which accounts the credentials reach: what the connection's memory (store/) is keyed to. */
  accounts: ConnectionAccounts;
}

/**
 * The accounts a connection describes, as opaque names without a secret in them: the Mollie
 * profile or organisation and its mode, and the CRM portal, administration or company. A
 * credential belongs to one account for good (an API key to one profile and mode, an access token
 * to one organisation, a HubSpot token to one portal), so a digest of it, of the API it is used at
 * and of the mode names the account; Moneybird and Pipedrive name theirs in the connection itself.
 */
export interface ConnectionAccounts {
  mollie: string;
  crm: string;
}

export interface CrmSettings {
  /** HubSpot: accounts are companies (default) or contacts (businesses that sell to people). */
  accountObject: 'companies' | 'contacts';
  /** HubSpot property name or Pipedrive organization field (key or name) holding the customer ID; Moneybird has its own. */
  customerIdField?: string;
  /** HubSpot property name or Pipedrive organization field (key or name) holding the account's IBAN; Moneybird has its own (sepa_iban). */
  ibanField?: string;
}

export type AuthData = Record<string, unknown>;

const CRMS: CrmName[] = ['hubspot', 'moneybird', 'pipedrive'];

const refuse = (field: string, problem: string): never => refuseField(field, problem, 'InvalidCredential');

const requiredText = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '')
    return refuse(field, 'is empty. Paste it in the connection settings.');
  if (/\s/.test(value)) {
    return refuse(field, 'contains a space or line break. Copy it again without the surrounding spaces.');
  }
  // Printable ASCII only: a zero-width space, BOM or control character pasted along would make
  // Node refuse the header with an error that repeats the whole credential.
  if (/[^\x21-\x7e]/.test(value)) {
    return refuse(
      field,
      'contains an invisible or non-ASCII character (often a zero-width space picked up when copying). Copy it again, or type it.',
    );
  }
  return value;
};

const MOLLIE_FIELD = 'Mollie API key or access token';

/** Live unless test is chosen; a value that is neither is refused rather than read as live. */
const parseAccessTokenMode = (raw: unknown): 'test' | 'live' => {
  const mode = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
  if (mode === undefined || mode === null || mode === '' || mode === 'live') return 'live';
  if (mode === 'test') return 'test';
  return refuse('Mode for an access token', 'must be test or live.');
};

export const parseMollieCredential = (raw: unknown, accessTokenMode?: unknown): MollieCredential => {
  const token = requiredText(raw, MOLLIE_FIELD);
  const apiKey = /^(test|live)_[A-Za-z0-9]{20,}$/.exec(token);
  if (apiKey) return { kind: 'apiKey', token, mode: apiKey[1] as 'test' | 'live' };
  if (/^access_[A-Za-z0-9._-]{20,}$/.test(token))
    return { kind: 'accessToken', token, mode: parseAccessTokenMode(accessTokenMode) };
  if (/^(test|live|access)_/.test(token))
    return refuse(
      MOLLIE_FIELD,
      'is too short or has characters a Mollie credential never has. Copy it again from the Mollie dashboard.',
    );
  return refuse(
    MOLLIE_FIELD,
    'must start with test_ or live_ (an API key) or access_ (an organization access token).',
  );
};

export const parseCrm = (raw: unknown): CrmName => {
  if (typeof raw === 'string' && (CRMS as string[]).includes(raw)) return raw as CrmName;
  return refuse('CRM', `must be one of ${CRMS.map((crm) => VENDOR_LABELS[crm]).join(', ')}.`);
};

const parseCrmToken = (raw: unknown, crm: CrmName): string => {
  const field = `CRM token (${VENDOR_LABELS[crm]})`;
  const token = requiredText(raw, field);
  if (/^(test|live|access)_/.test(token))
    return refuse(field, 'looks like a Mollie credential. Paste your CRM token here instead.');
  return token;
};

const parseAdministrationId = (raw: unknown): string => {
  const field = 'Moneybird administration ID';
  const id = requiredText(raw, field);
  if (!/^\d{1,20}$/.test(id))
    return refuse(
      field,
      'must be the number in your Moneybird web address, e.g. 123456789 in moneybird.com/123456789/.',
    );
  return id;
};

const parsePipedriveDomain = (raw: unknown): string => {
  const field = 'Pipedrive company domain';
  const text = requiredText(raw, field);
  const match = /^(?:https?:\/\/)?([a-z0-9][a-z0-9-]*)(?:\.pipedrive\.com)?\/?$/i.exec(text);
  if (!match)
    return refuse(
      field,
      'must be the first part of your Pipedrive address, e.g. acme for acme.pipedrive.com.',
    );
  return match[1].toLowerCase();
};

/** The name of a CRM property or field the connection names: one line, at most 100 characters ('' when empty). */
const settingName = (value: unknown, label: string): string => {
  const raw = typeof value === 'string' ? value.trim() : '';
  return raw.length > 100
    ? refuse(label, 'is longer than 100 characters.')
    : refuseUnsafeLine(raw, label, 'InvalidCredential');
};

const parseCrmSettings = (authData: AuthData): CrmSettings => {
  const object = authData.crmAccountObject;
  if (
    object !== undefined &&
    object !== null &&
    object !== '' &&
    object !== 'companies' &&
    object !== 'contacts'
  ) {
    return refuse('HubSpot accounts are', 'must be companies or contacts.');
  }
  const field = settingName(authData.crmCustomerIdField, 'Customer ID field');
  const ibanField = settingName(authData.crmIbanField, 'IBAN field');
  return {
    accountObject: object === 'contacts' ? 'contacts' : 'companies',
    customerIdField: field || undefined,
    ibanField: ibanField || undefined,
  };
};

/** A short one-way digest: the same inputs always give the same name, and no name gives back a credential. */
const digest = (...parts: string[]): string =>
  createHash('sha256')
    .update(JSON.stringify(['mollie-crm-zapier/account', ...parts]))
    .digest('base64url')
    .slice(0, 22);

const accountsOf = (credentials: Omit<Credentials, 'accounts'>): ConnectionAccounts => {
  const { mollie, crm } = credentials;
  const crmAccount: Record<CrmName, () => string> = {
    hubspot: () =>
      `hubspot.${credentials.crmSettings.accountObject}.${digest(apiBase('hubspot'), credentials.crmToken)}`,
    moneybird: () => `moneybird.${credentials.moneybirdAdministrationId}.${digest(apiBase('moneybird'))}`,
    pipedrive: () =>
      `pipedrive.${credentials.pipedriveDomain}.${digest(apiBase('pipedrive', credentials.pipedriveDomain))}`,
  };
  return {
    mollie: `${mollie.kind === 'apiKey' ? 'key' : 'org'}.${mollie.mode}.${digest(apiBase('mollie'), mollie.token, mollie.mode)}`,
    crm: crmAccount[crm](),
  };
};

export const readCredentials = (authData: AuthData): Credentials => {
  const mollie = parseMollieCredential(authData.mollieCredential, authData.mollieMode);
  const crm = parseCrm(authData.crm);
  const crmToken = parseCrmToken(authData.crmToken, crm);
  const credentials = {
    mollie,
    crm,
    crmToken,
    moneybirdAdministrationId:
      crm === 'moneybird' ? parseAdministrationId(authData.moneybirdAdministrationId) : undefined,
    pipedriveDomain: crm === 'pipedrive' ? parsePipedriveDomain(authData.pipedriveCompanyDomain) : undefined,
    crmSettings: parseCrmSettings(authData),
  };
  let accounts: ConnectionAccounts | undefined;
  return {
    ...credentials,
    // Read where the connection's memory is used, not on every request.
    get accounts() {
      return (accounts ??= accountsOf(credentials));
    },
  };
};

/** The accounts a connection's fields describe (see ConnectionAccounts). */
export const connectionAccounts = (authData: AuthData): ConnectionAccounts =>
  readCredentials(authData).accounts;
