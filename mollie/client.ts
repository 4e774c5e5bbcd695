import type { Bundle, ZObject } from 'zapier-platform-core';
import type { MollieCredential } from '../http/credentials';
import { readCredentials } from '../http/credentials';
import type { MollieResource } from './entities';
import { unreadable } from './entities';
import type { HttpMethod, Page, PageRequest, Params } from './hal';
import { halClient } from './hal';
import type {
  MollieChargeback,
  MollieCustomer,
  MollieMethod,
  MollieOrganization,
  MolliePayment,
  MolliePaymentLink,
  MollieProfile,
  MollieRefund,
} from './types';

export type { Page, PageRequest } from './hal';

export interface MollieClientOptions {
  /** The website profile to act on; access tokens need one (the only profile is used when there is just one). */
  profileId?: string;
}

/**
 * A small typed Mollie client over the one HAL client (mollie/hal.ts), so that
 * Zapier's logging, middleware (credentials, error classes) and nock all see
 * every call. Access tokens act on a profile and a mode, passed explicitly as
 * Mollie asks. A single read is checked for the fields Mollie's spec requires
 * (mollie/entities.ts) and halts naming what is missing; list items are
 * checked where they become output (triggerEngine, payments/search).
 */
export const mollieClient = (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  options: MollieClientOptions = {},
) => {
  const credentials = readCredentials(bundle.authData);
  const credential: MollieCredential = credentials.mollie;
  let profileId = options.profileId;

  const hal = halClient(z);
  const call = async <T>(
    method: HttpMethod,
    path: string,
    params: Params = {},
    body?: object,
    allowNotFound = false,
    headers?: Record<string, string>,
  ) => {
    const response = await hal.request<T>(method, path, {
      params,
      body,
      headers,
      pass: allowNotFound ? [404] : [],
    });
    return response.status === 404 ? null : response.data;
  };

  /** The entity as read, or a halt naming what it lacks (a list where one was asked for, a required field). */
  const readable = <T>(resource: MollieResource, entity: T): T => {
    const problem = unreadable(resource, entity);
    if (problem) throw new z.errors.HaltedError(`${problem}: nothing was done with it.`);
    return entity;
  };

  const resolveProfileId = async (): Promise<string> => {
    if (profileId) return profileId;
    const profiles = (await hal.page<MollieProfile>('profiles', 'profiles', { limit: 250 })).items;
    if (profiles?.length !== 1) {
      throw new z.errors.Error(
        `Website profile: choose the Mollie website profile to use (this access token can see ${profiles?.length ?? 0}).`,
        'InvalidInput',
        400,
      );
    }
    profileId = profiles[0].id;
    return profileId;
  };

  const usesToken = credential.kind === 'accessToken';
  /** testmode, which every request made with an access token carries (Mollie reads it from the query on GET, the body otherwise). */
  const mode = (): Params => (usesToken ? { testmode: credential.mode === 'test' } : {});
  /** profileId and testmode, for the operations whose spec declares a profileId (payments, refunds, chargebacks, methods, creating links). */
  const profileScope = async (): Promise<Params> =>
    usesToken ? { profileId: await resolveProfileId(), ...mode() } : {};
  /** Where the spec declares no profileId, an access token sees every profile: keep only the connection's profile. */
  const ofProfile = async <T>(items: T[]): Promise<T[]> => {
    if (!usesToken) return items;
    const wanted = await resolveProfileId();
    return items.filter(
      (item) =>
        (item as { profileId?: string }).profileId === undefined ||
        (item as { profileId?: string }).profileId === wanted,
    );
  };

  /** A page of a list, as Mollie lists it: whoever turns an item into output checks it (mollie/entities.ts). */
  const list = async <T>(
    path: string,
    key: string,
    page: PageRequest = {},
    extra: Params = {},
    declaresProfile = true,
  ): Promise<Page<T>> => {
    const scope = declaresProfile ? await profileScope() : mode();
    const read = await hal.page<T>(path, key, { ...scope, ...extra, from: page.from, limit: page.limit });
    return { items: declaresProfile ? read.items : await ofProfile(read.items), nextFrom: read.nextFrom };
  };
  const listOutsideProfile = <T>(path: string, key: string, page?: PageRequest) =>
    list<T>(path, key, page, {}, false);

  /** A single item (the spec declares only testmode); one of another profile is treated as not found. */
  const getOrNull = async <T>(path: string, resource?: MollieResource): Promise<T | null> => {
    const item = await call<T>('GET', path, mode(), undefined, true);
    if (item && resource) readable(resource, item);
    return item && (await ofProfile([item])).length ? item : null;
  };

  return {
    credential,
    /** The accounts this connection describes: what its memory is keyed to (store/connectionCache.ts). */
    accounts: credentials.accounts,
    payments: {
      list: (page?: PageRequest) => list<MolliePayment>('payments', 'payments', page),
      get: (id: string) => getOrNull<MolliePayment>(`payments/${encodeURIComponent(id)}`, 'payment'),
      refunds: (id: string, page?: PageRequest) =>
        listOutsideProfile<MollieRefund>(`payments/${encodeURIComponent(id)}/refunds`, 'refunds', page),
    },
    refunds: {
      list: (page?: PageRequest, extra?: { embed?: 'payment' }) =>
        list<MollieRefund>('refunds', 'refunds', page, extra),
    },
    chargebacks: {
      list: (page?: PageRequest, extra?: { embed?: 'payment' }) =>
        list<MollieChargeback>('chargebacks', 'chargebacks', page, extra),
    },
    paymentLinks: {
      /** The same idempotency key makes Mollie answer a retried create with the link it already made (for about an hour). */
      create: async (body: object, idempotencyKey?: string) =>
        (await call<MolliePaymentLink>(
          'POST',
          'payment-links',
          {},
          { ...body, ...(await profileScope()) },
          false,
          idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined,
        ))!,
      get: (id: string) =>
        getOrNull<MolliePaymentLink>(`payment-links/${encodeURIComponent(id)}`, 'payment-link'),
      list: (page?: PageRequest) =>
        listOutsideProfile<MolliePaymentLink>('payment-links', 'payment_links', page),
      payments: (id: string, page?: PageRequest) =>
        listOutsideProfile<MolliePayment>(
          `payment-links/${encodeURIComponent(id)}/payments`,
          'payments',
          page,
        ),
      archive: async (id: string) =>
        (await call<MolliePaymentLink>(
          'PATCH',
          `payment-links/${encodeURIComponent(id)}`,
          {},
          { archived: true, ...mode() },
        ))!,
    },
    entities: {
      /** The entity a next-gen event names by entityId (refunds and chargebacks live under their payment, from the event's link). */
      get: (eventType: string, entityId: string, href?: string): Promise<unknown> => {
        const id = encodeURIComponent(entityId);
        const resource = eventType.split('.')[0];
        if (resource === 'payment') return getOrNull<MolliePayment>(`payments/${id}`, 'payment');
        if (resource === 'payment-link')
          return getOrNull<MolliePaymentLink>(`payment-links/${id}`, 'payment-link');
        const nested = /\/v2\/payments\/([^/?#]+)\/(refunds|chargebacks)\/([^/?#]+)/.exec(href ?? '');
        if (
          nested &&
          `${nested[2].slice(0, -1)}` === resource &&
          decodeURIComponent(nested[3]) === entityId
        ) {
          return getOrNull<MollieRefund | MollieChargeback>(
            `payments/${nested[1]}/${nested[2]}/${id}`,
            resource as MollieResource,
          );
        }
        throw new z.errors.HaltedError(
          `Cannot read the ${resource} ${entityId} of a ${eventType} event: the event links to no payment it belongs to.`,
        );
      },
    },
    customers: { get: (id: string) => getOrNull<MollieCustomer>(`customers/${encodeURIComponent(id)}`) },
    methods: { list: () => list<MollieMethod>('methods', 'methods') },
    profiles: {
      me: async () => (await call<MollieProfile>('GET', 'profiles/me'))!,
      // Not scoped: listing profiles is how an access token finds the profile to scope to.
      list: async (): Promise<Page<MollieProfile>> => ({
        items: (await hal.page<MollieProfile>('profiles', 'profiles', { limit: 250 })).items,
      }),
    },
    organizations: { me: async () => (await call<MollieOrganization>('GET', 'organizations/me'))! },
    webhooks: {
      create: async (body: { name: string; url: string; eventTypes: string[] }) =>
        (await call<{ id: string; webhookSecret?: string }>('POST', 'webhooks', {}, { ...body, ...mode() }))!,
      delete: (id: string) =>
        call<unknown>(
          'DELETE',
          `webhooks/${encodeURIComponent(id)}`,
          {},
          usesToken ? mode() : undefined,
          true,
        ),
    },
  };
};

export type MollieClient = ReturnType<typeof mollieClient>;
