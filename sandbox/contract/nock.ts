/**
 * Requests that tests answer with nock are checked against the vendors' specs too (the request
 * direction only: a nock reply is the test's own fixture, often cut down to the fields it needs).
 * Every nock scope emits 'request' with the intercepted request and its body before replying.
 */
import { checkExchange, type SpecVendor } from './index';

const VENDOR_HOSTS: Record<string, SpecVendor> = {
  'api.mollie.com': 'mollie',
  'api.hubapi.com': 'hubspot',
  'moneybird.com': 'moneybird',
};

interface InterceptedRequest {
  url: string;
  method: string;
  headers: { forEach(fn: (value: string, name: string) => void): void } | Record<string, string>;
}

const headersOf = (headers: InterceptedRequest['headers']): Record<string, string> => {
  const out: Record<string, string> = {};
  if (typeof (headers as { forEach?: unknown }).forEach === 'function') (headers as { forEach(fn: (v: string, n: string) => void): void }).forEach((value, name) => (out[name.toLowerCase()] = value));
  else for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = String(value);
  return out;
};

/** Checks one request a nock scope intercepted. */
export function checkInterceptedRequest(request: InterceptedRequest, body: string | undefined): void {
  const url = new URL(request.url);
  const vendor = VENDOR_HOSTS[url.hostname];
  if (!vendor) return;
  checkExchange(vendor, { method: request.method.toUpperCase(), path: url.pathname, query: url.searchParams, headers: headersOf(request.headers), rawBody: body ?? '' });
}

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/** Makes every nock scope (of this nock instance) report its intercepted requests. */
export function checkNockRequests(scopePrototype: { emit: Emit }): void {
  const original = scopePrototype.emit;
  if ((original as { checked?: boolean }).checked) return;
  const emit: Emit = function (this: unknown, event, ...args) {
    if (event === 'request') checkInterceptedRequest(args[0] as InterceptedRequest, args[2] as string | undefined);
    return original.call(this, event, ...args);
  };
  (emit as { checked?: boolean }).checked = true;
  scopePrototype.emit = emit;
}
