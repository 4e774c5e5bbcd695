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
  /**
   * The spec's own spellings of a request path, tried in order. Moneybird's `{format}` suffix "can be
   * empty" (its own words), which a router cannot match; HubSpot's deals spec names the object type by
   * its id `0-3`, which HubSpot also accepts as `deals`.
   */
  pathForms: (path: string) => string[];
  /** Rewrites the loaded spec where a router cannot follow it (see pathForms). */
  adapt?: (spec: { paths: Record<string, Record<string, unknown>> }) => void;
}

/** Moneybird's `{format}` path suffix, which "can be empty" (the spec's words): dropped from templates and requests alike. */
function dropFormatSuffix(spec: { paths: Record<string, Record<string, unknown>> }): void {
  const isFormat = (param: unknown) => {
    const p = param as { $ref?: string; name?: string; in?: string };
    return p.$ref === '#/components/parameters/format' || (p.name === 'format' && p.in === 'path');
  };
  for (const template of Object.keys(spec.paths)) {
    const item = spec.paths[template];
    for (const op of [item, ...Object.values(item)]) {
      const holder = op as { parameters?: unknown[] } | null;
      if (holder && Array.isArray(holder.parameters)) holder.parameters = holder.parameters.filter((param) => !isFormat(param));
    }
    delete spec.paths[template];
    spec.paths[template.replace(/\{format\}$/, '')] = item;
  }
}

/** `../shared/specs` beside the checkout (the specs are test data and never copied into the project). */
export const SPECS_DIR = path.resolve(__dirname, '../../../shared/specs');

const HUBSPOT_FILES = ['companies', 'contacts', 'deals', 'notes', 'properties', 'associations'];

export const VENDOR_SPECS: Record<SpecVendor, VendorSpecs> = {
  mollie: { files: ['mollie/specs.yaml'], apiRoot: '/', contentType: 'application/hal+json', pathForms: (p) => [p] },
  hubspot: {
    files: HUBSPOT_FILES.map((name) => `hubspot/${name}.json`),
    apiRoot: '/',
    contentType: 'application/json',
    pathForms: (p) => [p, p.replace(/^\/crm\/v3\/objects\/deals(?=\/|$)/, '/crm/v3/objects/0-3')],
  },
  moneybird: {
    files: ['moneybird/openapi.json'],
    apiRoot: '/api/v2',
    contentType: 'application/json',
    pathForms: (p) => [p.replace(/\.json$/, '')],
    adapt: dropFormatSuffix,
  },
};

export const specFiles = (vendor: SpecVendor): string[] => VENDOR_SPECS[vendor].files.map((file) => path.join(SPECS_DIR, file));

export const specsPresent = (vendor: SpecVendor): boolean => specFiles(vendor).every((file) => existsSync(file));
