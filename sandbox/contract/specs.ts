import { existsSync } from 'node:fs';
import path from 'node:path';

/** The vendors whose published OpenAPI documents the sandbox is checked against (Pipedrive publishes none here). */
export type SpecVendor = 'mollie' | 'hubspot' | 'moneybird';

export interface VendorSpecs {
  files: string[];
  /** The spec's server path, which the fake serves its paths under. */
  apiRoot: string;
  /** Media type the vendor answers JSON with. */
  contentType: string;
}

/** `../shared/specs` beside the checkout (the specs are test data and never copied into the project). */
export const SPECS_DIR = path.resolve(__dirname, '../../../shared/specs');

const HUBSPOT_FILES = ['companies', 'contacts', 'deals', 'notes', 'properties', 'associations'];

export const VENDOR_SPECS: Record<SpecVendor, VendorSpecs> = {
  mollie: { files: ['mollie/specs.yaml'], apiRoot: '/', contentType: 'application/hal+json' },
  hubspot: { files: HUBSPOT_FILES.map((name) => `hubspot/${name}.json`), apiRoot: '/', contentType: 'application/json' },
  moneybird: { files: ['moneybird/openapi.json'], apiRoot: '/api/v2', contentType: 'application/json' },
};

export const specFiles = (vendor: SpecVendor): string[] => VENDOR_SPECS[vendor].files.map((file) => path.join(SPECS_DIR, file));

export const specsPresent = (vendor: SpecVendor): boolean => specFiles(vendor).every((file) => existsSync(file));
