import type { AuthData } from './credentials';
import type { Vendor } from './endpoints';
import { apiBase } from './endpoints';

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

const pipedriveDomainOf = (authData: AuthData): string | undefined => {
  const raw = authData.pipedriveCompanyDomain;
  if (typeof raw !== 'string') return undefined;
  return /^(?:https?:\/\/)?([a-z0-9-]+)/i.exec(raw.trim())?.[1]?.toLowerCase();
};

/** Which vendor a URL belongs to, by exact origin; undefined for any other host. */
export const vendorOfUrl = (url: string, authData: AuthData): Vendor | undefined => {
  const origin = originOf(url);
  if (!origin) return undefined;
  const candidates: Vendor[] = ['mollie', 'hubspot', 'moneybird'];
  const match = candidates.find((vendor) => originOf(apiBase(vendor)) === origin);
  if (match) return match;
  return originOf(apiBase('pipedrive', pipedriveDomainOf(authData))) === origin ? 'pipedrive' : undefined;
};
