import { Router, type Handler, type SandboxRequest, type SandboxResponse } from '../http';
import { contactRoutes } from './contacts';
import { financialRoutes } from './financialRoutes';
import { invoiceRoutes, paymentViewOf } from './invoices';
import { paged } from './paging';
import { MoneybirdError, type MoneybirdStore } from './store';

const json = (body: unknown, status = 200): SandboxResponse => ({ status, body, headers: { 'Content-Type': 'application/json' } });

/** Moneybird's error body. */
export const moneybirdError = (status: number, error: string, symbolic: Record<string, string> = {}): SandboxResponse => json({ error, symbolic }, status);
/** Moneybird's validation error body: the field, its problems, and their codes. */
const validationError = (status: number, field: { name: string; problem: string; code: string }): SandboxResponse =>
  json({ error: { [field.name]: [field.problem] }, details: { [field.name]: [{ error: field.code }] } }, status);

type Json = Record<string, unknown>;
const parse = (req: SandboxRequest): Json => {
  try {
    return req.rawBody ? (JSON.parse(req.rawBody) as Json) : {};
  } catch {
    throw new MoneybirdError(400, 'Invalid JSON');
  }
};

export function moneybirdRoutes(store: MoneybirdStore, tokens: string[]): Handler {
  const adm = store.administration;
  const base = `/api/v2/:adm`;
  const router = new Router();
  contactRoutes(router, store, base, json, paged, parse);
  invoiceRoutes(router, store);
  financialRoutes(router, store, paymentViewOf(store));

  const answer = async (req: SandboxRequest): Promise<SandboxResponse> => {
    try {
      if (req.path === '/api/v2/administrations' && req.method === 'GET') {
        return json([{ id: adm.id, name: adm.name, language: 'nl', currency: adm.currency, country: 'NL', time_zone: adm.time_zone, access: 'user', suspended: false, period_locked_until: adm.period_locked_until, period_start_date: `${store.clock.now().getUTCFullYear() - 2}-01-01` }]);
      }
      const admId = /^\/api\/v2\/([^/]+)\//.exec(req.path)?.[1];
      if (admId && admId !== adm.id) return moneybirdError(404, 'Administration not found');
      if (req.rawBody) store.received.push({ method: req.method, path: req.path, body: parse(req) });
      return (await router.handle(req)) ?? moneybirdError(404, `No route for ${req.method} ${req.path}`);
    } catch (error) {
      if (error instanceof MoneybirdError) return error.field ? validationError(error.status, error.field) : moneybirdError(error.status, error.message, error.symbolic);
      throw error;
    }
  };
  return async (req) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !tokens.includes(token)) return moneybirdError(401, 'Token is invalid or expired');
    const limit = store.rateWindow.take(token);
    if (limit.refused) return limit.refused;
    const response = await answer(req);
    return { ...response, headers: { ...response.headers, ...limit.headers } };
  };
}
