/** Calling the sandbox's fakes directly, and the vendors' specs' verdict on what they answer (none when the specs are absent). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadSpec, validate, type OpenApiSpec } from '../../sandbox/contract/openapi';
import { request } from '../../sandbox/http';

const SPECS = path.resolve(__dirname, '../../../shared/specs');
const present = existsSync(path.join(SPECS, 'mollie/specs.yaml')) && existsSync(path.join(SPECS, 'moneybird/openapi.json'));
let specs: { mollie?: OpenApiSpec; moneybird?: OpenApiSpec } | undefined;

export type Body = Record<string, unknown> & { _embedded?: Record<string, Array<Record<string, unknown>>> };

/** The spec's own verdict on an answer: its errors ([] when it fits, or when the specs are absent). */
export const spec = (vendor: 'mollie' | 'moneybird', method: string, template: string, status: number, body: unknown): string[] => {
  if (!present) return [];
  specs ??= { mollie: loadSpec(path.join(SPECS, 'mollie/specs.yaml')), moneybird: loadSpec(path.join(SPECS, 'moneybird/openapi.json')) };
  return validate(specs[vendor]!, method, template, status, body);
};

/** One request to a fake, its JSON answer parsed. */
export const call = async (base: string, url: string, token: string, method = 'GET', body?: unknown) => {
  const response = await request(`${base}${url}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (response.text ? JSON.parse(response.text) : null) as Body & Body[] };
};
