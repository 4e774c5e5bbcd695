/**
 * Where each vendor's API lives. Defaults are the real APIs; every base URL can
 * be pointed elsewhere (the local sandbox) through an environment variable.
 * Read at call time, so a process can start the sandbox and then set them.
 */
export type Vendor = 'mollie' | 'hubspot' | 'moneybird' | 'pipedrive';
export type CrmName = Exclude<Vendor, 'mollie'>;

export const VENDOR_LABELS: Record<Vendor, string> = {
  mollie: 'Mollie',
  hubspot: 'HubSpot',
  moneybird: 'Moneybird',
  pipedrive: 'Pipedrive',
};

export const ENDPOINT_ENV: Record<Vendor, string> = {
  mollie: 'MOLLIE_API_BASE',
  hubspot: 'HUBSPOT_API_BASE',
  moneybird: 'MONEYBIRD_API_BASE',
  pipedrive: 'PIPEDRIVE_API_BASE',
};

const DEFAULT_BASES: Record<Exclude<Vendor, 'pipedrive'>, string> = {
  mollie: 'https://api.mollie.com',
  hubspot: 'https://api.hubapi.com',
  moneybird: 'https://moneybird.com',
};

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/** The base URL of a vendor's API; Pipedrive's depends on the company domain. */
export const apiBase = (vendor: Vendor, pipedriveDomain?: string): string => {
  const override = process.env[ENDPOINT_ENV[vendor]];
  if (override) return withoutTrailingSlash(override);
  if (vendor === 'pipedrive') return `https://${pipedriveDomain ?? 'api'}.pipedrive.com`;
  return DEFAULT_BASES[vendor];
};

/** Dashboard links shown to the user (never called by the app). */
export const MOLLIE_DASHBOARD = 'https://my.mollie.com/dashboard';
