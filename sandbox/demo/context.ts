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
