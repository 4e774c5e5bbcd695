import { Router, type Handler, type SandboxRequest, type SandboxResponse } from '../http';
import { customerRoutes, Invalid } from './customers';
import { IdempotencyKeys } from './idempotency';
import { pager } from './paging';
import { fromApi, type ApiAmount } from './money';
import type { MollieStore } from './store';
import { settlementRoutes } from './settlements';
import { METHODS, type Mode } from './types';
import * as views from './views';

/** Credentials the fake accepts; API key mode follows its prefix (test_/live_). */
export interface MollieCredentials {
  apiKeys: string[];
  accessTokens: string[];
}

/**
 * Mollie throttles per second with 429 and Retry-After. Counted per second of the sandbox's virtual
 * clock, so it trips the same way however fast the machine is. Off unless a sandbox asks for it:
 * most tests never advance the virtual clock, so every request of theirs falls in one second.
 */
export interface MollieRateLimit {
  perSecond: number;
}
/** A realistic rate for a sandbox that turns throttling on with `mollieRateLimit: DEFAULT_MOLLIE_RATE_LIMIT`. */
export const DEFAULT_MOLLIE_RATE_LIMIT: MollieRateLimit = { perSecond: 25 };

interface Caller {
  kind: 'apiKey' | 'accessToken';
  mode: Mode;
  profileId: string | null;
}

interface Ctx {
  req: SandboxRequest;
  params: Record<string, string>;
  caller: Caller;
  body: Record<string, unknown>;
  /** The origin the client addressed (https through the TLS front): the answer's links point there. */
  base: string;
}

type Auth = 'any' | 'apiKey' | 'token';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized Request',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
};

/** Mollie's error body. */
export function mollieError(status: number, detail: string, field?: string): SandboxResponse {
  const body: views.Json = { status, title: TITLES[status] ?? 'Error', detail };
  if (field) body.field = field;
  body._links = { documentation: views.docs('handling-errors') };
  return { status, body };
}

const ok = (body: views.Json, status = 200): SandboxResponse => ({ status, body });
const isStr = (v: unknown): v is string => typeof v === 'string';
const optional = (v: unknown, test: (v: unknown) => boolean): boolean => v === undefined || v === null || test(v);

class Reject extends Error {
  constructor(readonly response: SandboxResponse) {
    super(String((response.body as views.Json).detail));
  }
}
const check = (cond: boolean, detail: string, field: string, status = 422): void => {
  if (!cond) throw new Reject(mollieError(status, detail, field));
};

/** Builds the HTTP handler of the fake Mollie API over a store. */
export function mollieRoutes(store: MollieStore, credentials: MollieCredentials, rateLimit: MollieRateLimit | null = null): Handler {
  const router = new Router();
  const idempotency = new IdempotencyKeys(store.clock);
  const orgId = store.organization.id;

  function authenticate(req: SandboxRequest, body: Record<string, unknown>): Caller | undefined {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (token && credentials.apiKeys.includes(token)) {
      return { kind: 'apiKey', mode: token.startsWith('live_') ? 'live' : 'test', profileId: store.profile.id };
    }
    if (token && credentials.accessTokens.includes(token)) {
      const src = req.method === 'GET' ? Object.fromEntries(req.query) : body;
      const testmode = src.testmode === true || src.testmode === 'true';
      return { kind: 'accessToken', mode: testmode ? 'test' : 'live', profileId: isStr(src.profileId) ? src.profileId : null };
    }
    return undefined;
  }

  function on(method: string, path: string, auth: Auth, needsProfile: boolean, fn: (ctx: Ctx) => SandboxResponse): void {
    router.add(method, path, (req, params) => {
      let body: Record<string, unknown> = {};
      try {
        const parsed: unknown = req.rawBody.trim() ? JSON.parse(req.rawBody) : {};
        check(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed), 'The request body must be a JSON object.', 'body', 400);
        body = parsed as Record<string, unknown>;
        const caller = authenticate(req, body);
        if (!caller) return mollieError(401, 'Missing authentication, or failed to authenticate');
        if (auth === 'token' && caller.kind !== 'accessToken') {
          return mollieError(403, 'This endpoint requires an organization access token or OAuth access token; API keys are not allowed.');
        }
        if (auth === 'apiKey' && caller.kind !== 'apiKey') {
          return mollieError(403, 'This endpoint is only available with an API key.');
        }
        if (needsProfile && caller.kind === 'accessToken') {
          check(caller.profileId !== null, 'The profile ID is required when using an organization access token.', 'profileId');
          check(caller.profileId === store.profile.id, 'The profile ID is invalid.', 'profileId');
        }
        return fn({ req, params, caller, body, base: req.url.origin });
      } catch (err) {
        if (err instanceof Reject) return err.response;
        if (err instanceof Invalid) return mollieError(422, err.message, err.field);
        if (err instanceof SyntaxError) return mollieError(400, 'The request body contains invalid JSON.');
        throw err;
      }
    });
  }

  function visible<T extends { mode: Mode; profileId?: string }>(items: Iterable<T>, caller: Caller): T[] {
    return [...items].filter((x) => x.mode === caller.mode && (x.profileId === undefined || caller.profileId === null || x.profileId === caller.profileId));
  }

  function find<T extends { mode: Mode }>(map: Map<string, T>, id: string, caller: Caller, noun: string): T {
    const item = map.get(id);
    if (!item || item.mode !== caller.mode) throw new Reject(mollieError(404, `No ${noun} exists with token ${id}.`));
    return item;
  }

  const page = pager(store, check);

  const payment = (ctx: Ctx) => (p: Parameters<typeof store.view>[0]) => views.paymentView(p, ctx.base, orgId);
  const refund = (ctx: Ctx) => (r: Parameters<typeof views.refundView>[0]) => views.refundView(r, ctx.base);
  const link = (ctx: Ctx) => (l: Parameters<typeof views.paymentLinkView>[0]) => views.paymentLinkView(l, ctx.base);
  const chargeback = (ctx: Ctx) => (c: Parameters<typeof views.chargebackView>[0]) => views.chargebackView(c, ctx.base);

  on('GET', '/v2/profiles/me', 'apiKey', false, ({ caller, base }) => ok(views.profileView(store.profile, caller.mode, base, orgId)));
  on('GET', '/v2/profiles', 'token', false, (ctx) =>
    page(ctx, [store.profile], 'profiles', (p) => views.profileView(p, ctx.caller.mode, ctx.base, orgId)),
  );
  on('GET', '/v2/organizations/me', 'token', false, ({ base }) => ok(views.organizationView(store.organization, base)));
  on('GET', '/v2/methods', 'any', true, ({ base }) => {
    const methods = METHODS.map((m) => views.methodView(m, base));
    return ok({ count: methods.length, _embedded: { methods }, _links: { self: views.link(`${base}/v2/methods`), documentation: views.docs('list-methods') } });
  });

  on('GET', '/v2/payments', 'any', true, (ctx) => page(ctx, visible(store.payments.values(), ctx.caller), 'payments', payment(ctx)));
  on('GET', '/v2/payments/:id', 'any', false, (ctx) => ok(payment(ctx)(find(store.payments, ctx.params.id, ctx.caller, 'payment'))));
  on('GET', '/v2/payments/:id/refunds', 'any', false, (ctx) => {
    const p = find(store.payments, ctx.params.id, ctx.caller, 'payment');
    return page(ctx, [...store.refunds.values()].filter((r) => r.paymentId === p.id), 'refunds', refund(ctx));
  });
  on('GET', '/v2/payments/:id/refunds/:refundId', 'any', false, (ctx) => {
    const p = find(store.payments, ctx.params.id, ctx.caller, 'payment');
    const r = store.refunds.get(ctx.params.refundId);
    return r && r.paymentId === p.id ? ok(refund(ctx)(r)) : mollieError(404, `No refund exists with token ${ctx.params.refundId}.`);
  });
  on('GET', '/v2/payments/:id/chargebacks', 'any', false, (ctx) => {
    const p = find(store.payments, ctx.params.id, ctx.caller, 'payment');
    return page(ctx, [...store.chargebacks.values()].filter((c) => c.paymentId === p.id), 'chargebacks', chargeback(ctx));
  });
  on('GET', '/v2/payments/:id/chargebacks/:chargebackId', 'any', false, (ctx) => {
    const p = find(store.payments, ctx.params.id, ctx.caller, 'payment');
    const c = store.chargebacks.get(ctx.params.chargebackId);
    return c && c.paymentId === p.id ? ok(chargeback(ctx)(c)) : mollieError(404, `No chargeback exists with token ${ctx.params.chargebackId}.`);
  });
  /** `embed=payment` on the list-all endpoints puts each item's payment under `_embedded.payment`. */
  const withPayment = (ctx: Ctx, view: views.Json, paymentId: string): views.Json => {
    const p = store.payments.get(paymentId);
    const embed = (ctx.req.query.get('embed') ?? '').split(',');
    return embed.includes('payment') && p ? { ...view, _embedded: { payment: payment(ctx)(p) } } : view;
  };
  on('GET', '/v2/refunds', 'any', true, (ctx) =>
    page(ctx, visible(store.refunds.values(), ctx.caller), 'refunds', (r) => withPayment(ctx, refund(ctx)(r), r.paymentId)),
  );
  on('GET', '/v2/chargebacks', 'any', true, (ctx) =>
    page(ctx, visible(store.chargebacks.values(), ctx.caller), 'chargebacks', (c) => withPayment(ctx, chargeback(ctx)(c), c.paymentId)),
  );
  customerRoutes(store, on as never, page as never, find as never, ok);

  on('POST', '/v2/payment-links', 'any', true, (ctx) => {
    const { body, caller } = ctx;
    const { description, amount, minimumAmount, expiresAt } = body;
    check(isStr(description) && description.length > 0 && description.length <= 255, 'The description is required and at most 255 characters.', 'description');
    for (const [field, value] of Object.entries({ amount, minimumAmount })) {
      const parsed = value === undefined || value === null ? null : fromApi(value);
      check(typeof parsed !== 'string', typeof parsed === 'string' ? parsed : '', field);
    }
    check(!(amount && minimumAmount), 'The minimumAmount can only be set when no amount is given.', 'minimumAmount');
    const expires = isStr(expiresAt) ? new Date(expiresAt) : null;
    check(optional(expiresAt, isStr) && !(expires && (isNaN(expires.getTime()) || expires <= store.clock.now())), 'The expiry date must be in the future.', 'expiresAt');
    check(optional(body.reusable, (v) => typeof v === 'boolean'), 'The reusable field must be a boolean.', 'reusable');
    check(optional(body.allowedMethods, (v) => Array.isArray(v) && v.every(isStr)), 'The allowedMethods must be an array of method ids.', 'allowedMethods');
    for (const field of ['redirectUrl', 'webhookUrl']) check(optional(body[field], isStr), `The ${field} must be a string.`, field);
    const created = store.createPaymentLink({
      description: description as string,
      amount: (amount ?? null) as ApiAmount | null,
      minimumAmount: (minimumAmount ?? null) as ApiAmount | null,
      reusable: body.reusable === true,
      redirectUrl: (body.redirectUrl ?? null) as string | null,
      webhookUrl: (body.webhookUrl ?? null) as string | null,
      expiresAt: expires,
      allowedMethods: (body.allowedMethods ?? null) as string[] | null,
      mode: caller.mode,
    });
    return ok(link(ctx)(created), 201);
  });
  on('GET', '/v2/payment-links', 'any', false, (ctx) => page(ctx, visible(store.paymentLinks.values(), ctx.caller), 'payment_links', link(ctx)));
  on('GET', '/v2/payment-links/:id', 'any', false, (ctx) => ok(link(ctx)(find(store.paymentLinks, ctx.params.id, ctx.caller, 'payment link'))));
  on('PATCH', '/v2/payment-links/:id', 'any', false, (ctx) => {
    const { params, caller, body } = ctx;
    const l = find(store.paymentLinks, params.id, caller, 'payment link');
    check(optional(body.archived, (v) => typeof v === 'boolean'), 'The archived field must be a boolean.', 'archived');
    check(optional(body.description, (v) => isStr(v) && v.length > 0 && v.length <= 255), 'The description must be at most 255 characters.', 'description');
    if (typeof body.archived === 'boolean') l.archived = body.archived;
    if (isStr(body.description)) l.description = body.description;
    return ok(link(ctx)(l));
  });
  on('DELETE', '/v2/payment-links/:id', 'any', false, ({ params, caller }) => {
    find(store.paymentLinks, params.id, caller, 'payment link');
    store.deletePaymentLink(params.id);
    return { status: 204 };
  });
  on('GET', '/v2/payment-links/:id/payments', 'any', false, (ctx) => {
    const l = find(store.paymentLinks, ctx.params.id, ctx.caller, 'payment link');
    return page(ctx, [...store.payments.values()].filter((p) => p.paymentLinkId === l.id), 'payments', payment(ctx));
  });

  on('POST', '/v2/webhooks', 'token', false, ({ body, caller, base }) => {
    const types = isStr(body.eventTypes) ? [body.eventTypes] : body.eventTypes;
    check(isStr(body.name) && body.name.length > 0, 'The name is required.', 'name');
    check(isStr(body.url) && /^https?:\/\/\S+$/.test(body.url), 'The url must be a valid http(s) URL.', 'url');
    check(Array.isArray(types) && types.length > 0 && types.every((t) => isStr(t) && /^([a-z-]+\.[a-z-]+|\*)$/.test(t)), 'The eventTypes are invalid.', 'eventTypes');
    const hook = store.createWebhook({ name: body.name as string, url: body.url as string, eventTypes: types as string[], mode: caller.mode });
    return ok(views.webhookView(hook, base, true), 201);
  });
  on('GET', '/v2/webhooks/:id', 'token', false, ({ params, base }) => {
    const hook = store.webhooks.get(params.id);
    return hook ? ok(views.webhookView(hook, base)) : mollieError(404, `No webhook exists with token ${params.id}.`);
  });
  on('DELETE', '/v2/webhooks/:id', 'token', false, ({ params }) =>
    store.webhooks.delete(params.id) ? { status: 204 } : mollieError(404, `No webhook exists with token ${params.id}.`),
  );

  settlementRoutes(store, store.baseUrl, on as never, page as never, mollieError);

  let window = { second: -1, count: 0 };
  const throttled = (): SandboxResponse | undefined => {
    if (!rateLimit) return undefined;
    const second = Math.floor(store.clock.now().getTime() / 1000);
    window = window.second === second ? { second, count: window.count + 1 } : { second, count: 1 };
    if (window.count <= rateLimit.perSecond) return undefined;
    const response = mollieError(429, `Too many requests: at most ${rateLimit.perSecond} per second. Retry after 1 second.`);
    return { ...response, headers: { 'Retry-After': '1' } };
  };

  const route = async (req: SandboxRequest): Promise<SandboxResponse> =>
    idempotency.remember(req, (await router.handle(req)) ?? mollieError(404, `The resource ${req.method} ${req.path} does not exist.`));
  return (req) => notAcceptable(req) ?? throttled() ?? idempotency.replay(req) ?? route(req);
}

/** Mollie answers HAL JSON; an Accept header that admits neither it nor any type is refused. */
function notAcceptable(req: SandboxRequest): SandboxResponse | undefined {
  const accept = req.headers.accept;
  if (accept === undefined) return undefined;
  const admitted = accept
    .split(',')
    .map((range) => range.split(';')[0].trim().toLowerCase())
    .some((range) => ['application/hal+json', 'application/*', '*/*'].includes(range));
  return admitted ? undefined : mollieError(406, `This API answers application/hal+json, which the Accept header "${accept}" does not allow.`);
}
