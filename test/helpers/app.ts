import type { Bundle, ZObject } from 'zapier-platform-core';
import App from '../../index';

/** A function of the app definition as Zapier calls it. */
export type AppMethod<T = unknown> = (z: ZObject, bundle: Bundle) => Promise<T>;

/**
 * The function Zapier runs at this path of the definition it loads, e.g.
 * `appMethod('creates.create_payment_link.operation.perform')`: the guarded
 * one (deadline, clean errors), found where core's app tester looks it up,
 * so a test runs an operation the way a Zap does.
 */
export const appMethod = <T = unknown>(path: string): AppMethod<T> => {
  const found = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], App);
  if (typeof found !== 'function') throw new Error(`The app definition has no function at ${path}`);
  return found as AppMethod<T>;
};

/** An operation of the definition Zapier loads, e.g. `appOperation('creates', 'create_crm_payment_record')`. */
export const appOperation = (kind: 'triggers' | 'searches' | 'creates', key: string): { key: string; operation: Record<string, unknown> } => {
  const found = (App as unknown as Record<string, Record<string, { key: string; operation: Record<string, unknown> }> | undefined>)[kind]?.[key];
  if (!found) throw new Error(`The app definition has no ${kind}.${key}`);
  return found;
};

/** The four functions of an instant trigger, as Zapier calls them. */
export const appHooks = (key: string) => ({
  perform: appMethod(`triggers.${key}.operation.perform`),
  performList: appMethod(`triggers.${key}.operation.performList`),
  performSubscribe: appMethod(`triggers.${key}.operation.performSubscribe`),
  performUnsubscribe: appMethod(`triggers.${key}.operation.performUnsubscribe`),
});
