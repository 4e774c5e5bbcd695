/**
 * The app reaches into zapier-platform-core's internals in one file only (http/coreInternals.ts),
 * and these tests fail when core changes what that file relies on (issue 21 §4).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { invocationInput, requestClientLike } from '../http/coreInternals';
import { FAKE, MOLLIE, failure, hubspotAuth } from './helpers/connection';

const ROOT = path.resolve(__dirname, '..');
const APP_ROOMS = ['triggers', 'searches', 'creates', 'operations', 'outputs', 'triggerEngine', 'unmatched', 'recording', 'books', 'paymentLinks', 'payments', 'mollie', 'crm', 'matching', 'money', 'store', 'http'];
const INTERNAL = /['"](zapier-platform-core\/[^'"]+)['"]/g;

const filesIn = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesIn(full) : /\.ts$/.test(name) ? [full] : [];
  });
const appFiles = () => [...['index.ts', 'authentication.ts'].map((name) => path.join(ROOT, name)), ...APP_ROOMS.flatMap((room) => filesIn(path.join(ROOT, room)))];
const internalsNamedIn = (file: string) => [...readFileSync(file, 'utf8').matchAll(INTERNAL)].map((match) => match[1]);

afterEach(() => nock.cleanAll());

describe("core's internals", () => {
  it('are reached from one file of the app only', () => {
    const reaching = appFiles().filter((file) => internalsNamedIn(file).length > 0);
    expect(reaching.map((file) => path.relative(ROOT, file))).toEqual(['http/coreInternals.ts']);
  });

  it('still hold the module that file requires, exporting a function of (input, options)', () => {
    const modules = internalsNamedIn(path.join(ROOT, 'http/coreInternals.ts'));
    expect(modules).toEqual(['zapier-platform-core/src/tools/create-app-request-client']);
    for (const name of modules) {
      expect(() => require.resolve(name)).not.toThrow();
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module has no types: its shape is what is checked here
      const exported: unknown = require(name);
      expect(typeof exported).toBe('function');
      expect((exported as (...args: unknown[]) => unknown).length).toBe(2);
    }
  });

  it('put the invocation’s input on every request, and a client made from it runs the app’s middleware with this z and bundle', async () => {
    nock(MOLLIE).get('/v2/methods').reply(200, { count: 0, _embedded: { methods: [] } });
    // The credential on the follow-up comes from the app's beforeRequest, with the bundle passed along.
    nock(MOLLIE, { reqheaders: { authorization: `Bearer ${FAKE.mollieTestKey}` } })
      .get('/v2/payments/tr_missing')
      .reply(404, { status: 404, title: 'Not Found', detail: 'No payment exists with token tr_missing.' });

    const appTester = createAppTester(App);
    const error = await failure(
      appTester(
        async (z: ZObject, bundle: Bundle) => {
          const first = await z.request({ url: `${MOLLIE}/v2/methods` });
          expect(invocationInput(first.request)).toMatchObject({ _zapier: { app: { beforeRequest: expect.any(Array), afterResponse: expect.any(Array) } } });
          return requestClientLike(first.request, z, bundle)({ url: `${MOLLIE}/v2/payments/tr_missing`, method: 'GET' });
        },
        { authData: hubspotAuth() } as Partial<Bundle>,
      ),
    );
    // The app's afterResponse ran on the follow-up: the vendor's 404 in the vendor's words.
    expect(error.message).toMatch(/^Mollie could not find it \(404\): No payment exists with token tr_missing\./);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
