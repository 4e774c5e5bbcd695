import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import type { Sandbox } from '../index';

/** What every chapter of the demo gets: the running sandbox, the app and a printer. */
export interface DemoContext {
  sandbox: Sandbox;
  authData: Record<string, string>;
  /** Runs one of the app's functions (a perform, the connection test) as Zapier would. */
  run: <T>(fn: (z: ZObject, bundle: Bundle) => T | Promise<T>, bundle?: Partial<Bundle>) => Promise<T>;
  say: (line?: string) => void;
}

export const appTester = createAppTester(App);

export type Chapter = { title: string; play: (demo: DemoContext) => Promise<void> };

type Perform<T> = (z: ZObject, bundle: Bundle) => Promise<T>;

/** The function Zapier runs at this path of the app definition, e.g. `creates.link_payment_to_crm_account.operation.perform`. */
export const appStep = <T = Record<string, unknown>>(path: string): Perform<T> => {
  const found = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], App);
  if (typeof found !== 'function') throw new Error(`The app has no ${path}`);
  return found as Perform<T>;
};

/** A polling Zap as Zapier runs it: the first poll only fills the dedupe list, later polls fire what is new. */
export const zapOn = async <T extends { id: string }>(run: DemoContext['run'], perform: Perform<T[]>, bundle: Partial<Bundle> = {}) => {
  const seen = new Set<string>();
  const poll = async (meta: Partial<Bundle['meta']> = {}) => {
    const items = await run(perform, { inputData: {}, ...bundle, meta: { ...bundle.meta, ...meta } } as Partial<Bundle>);
    const fresh = items.filter((item) => !seen.has(item.id));
    items.forEach((item) => seen.add(item.id));
    return fresh;
  };
  await poll({ isPopulatingDedupe: true });
  return () => poll();
};
