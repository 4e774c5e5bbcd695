/**
 * No secret ever leaves, whatever crashes (issue 10 §1), through createAppTester, so what is
 * checked is the message zapier-platform-core itself produces:
 *
 * - a credential pasted with an invisible character (zero-width, BOM, NBSP, other Unicode spaces
 *   and format characters, control characters) is refused before any request, naming the field
 *   and never echoing the credential;
 * - every function Zapier calls in the app (every perform, performList, performSubscribe and
 *   performUnsubscribe, the connection test and label, the dropdown triggers), run while every
 *   vendor answers JSON of an unexpected shape, ends in a result or in one of Zapier's error
 *   classes whose message carries no credential, no webhook signing secret and no bundle
 *   (core appends the bundle to any error that is not its own).
 */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { FAKE, HUBSPOT, MOLLIE, MONEYBIRD, PIPEDRIVE, failure, hubspotAuth, moneybirdAuth, pipedriveAuth } from './helpers/connection';
// Core's Lambda guard (exit past 450 MB RSS after 250 runs) measures the whole Jest process and every file it ran before: not this file's doing.
jest.mock('zapier-platform-core/src/tools/memory-checker', () => () => undefined);

const appTester = createAppTester(App);
type Perform = (z: unknown, bundle: Bundle) => unknown;
const app = App as unknown as Record<'triggers' | 'searches' | 'creates', Record<string, { operation: Record<string, unknown> }>> & {
  authentication: { test: Perform; connectionLabel: Perform };
};

const sentTo: string[] = [];
const onRequest = (request: { method?: string; host?: string; path?: string }) => sentTo.push(`${request.method} ${request.host}${request.path}`);
beforeAll(() => {
  nock.disableNetConnect();
  nock.emitter.on('no match', onRequest);
});
afterAll(() => {
  nock.emitter.removeListener('no match', onRequest);
  nock.enableNetConnect();
});
afterEach(() => nock.cleanAll());

// ---------------------------------------------------------------------------------------------
// Invisible characters in a credential
// ---------------------------------------------------------------------------------------------
const INVISIBLE: Array<[string, string]> = [
  ['zero-width space U+200B', '\u200b'],
  ['zero-width non-joiner U+200C', '\u200c'],
  ['zero-width joiner U+200D', '\u200d'],
  ['word joiner U+2060', '\u2060'],
  ['invisible separator U+2063', '\u2063'],
  ['soft hyphen U+00AD', '\u00ad'],
  ['left-to-right mark U+200E', '\u200e'],
  ['right-to-left override U+202E', '\u202e'],
  ['left-to-right isolate U+2066', '\u2066'],
  ['Arabic letter mark U+061C', '\u061c'],
  ['Mongolian vowel separator U+180E', '\u180e'],
  ['combining grapheme joiner U+034F', '\u034f'],
  ['variation selector U+FE0F', '\ufe0f'],
  ['NUL', '\u0000'],
  ['BEL', '\u0007'],
  ['backspace', '\u0008'],
  ['escape', '\u001b'],
  ['DEL', '\u007f'],
  ['next line U+0085 (C1)', '\u0085'],
  ['C1 control U+009B', '\u009b'],
  ['a letter with an accent', 'é'],
  ['a Cyrillic look-alike letter', 'а'],
  ['BOM U+FEFF', '\ufeff'],
  ['non-breaking space U+00A0', '\u00a0'],
  ['figure space U+2007', '\u2007'],
  ['narrow no-break space U+202F', '\u202f'],
  ['ideographic space U+3000', '\u3000'],
  ['line separator U+2028', '\u2028'],
  ['vertical tab', '\u000b'],
];

const CONNECTIONS = [
  { crm: 'HubSpot', authData: hubspotAuth(), token: FAKE.hubspotToken },
  { crm: 'Moneybird', authData: moneybirdAuth(), token: FAKE.moneybirdToken },
  { crm: 'Pipedrive', authData: pipedriveAuth(), token: FAKE.pipedriveToken },
];

const invisibleRows = CONNECTIONS.flatMap((connection) =>
  INVISIBLE.flatMap(([name, char]) => [
    { ...connection, name, where: 'at the end', pasted: `${connection.token}${char}` },
    { ...connection, name, where: 'inside', pasted: `${connection.token.slice(0, 8)}${char}${connection.token.slice(8)}` },
  ]),
);

describe('a credential with an invisible character is refused before any request, without echoing it', () => {
  it.each(invisibleRows)('$crm token with a $name $where', async ({ crm, authData, token, pasted }) => {
    const before = sentTo.length;
    const error = await failure(appTester(app.authentication.test as never, { authData: { ...authData, crmToken: pasted } } as Partial<Bundle>));
    expect(sentTo.length).toBe(before);
    expect(error.name).toBe('AppError');
    expect(error.message).toMatch(new RegExp(`^CRM token \\(${crm}\\) contains (a space or line break|an invisible or non-ASCII character)`));
    for (const part of [pasted, token, token.slice(0, 8), token.slice(8)]) expect(error.message).not.toContain(part);
  });

  it.each(INVISIBLE.map(([name, char]) => ({ name, char })))('the Mollie key with a $name is refused the same way', async ({ char }) => {
    const pasted = `${FAKE.mollieTestKey}${char}`;
    const error = await failure(appTester(app.authentication.test as never, { authData: hubspotAuth(pasted) } as Partial<Bundle>));
    expect(error.message).toMatch(/^Mollie API key or access token /);
    expect(error.message).not.toContain(FAKE.mollieTestKey);
  });
});

// ---------------------------------------------------------------------------------------------
// Unexpected errors anywhere in an operation carry no bundle and no secret
// ---------------------------------------------------------------------------------------------
const WEBHOOK_SECRET = 'whsec_SigningSecretThatMustNeverShow000';
const INPUT_MARKER = 'InputMarkerFromTheBundle42';
const SECRETS = [FAKE.mollieTestKey, FAKE.mollieAccessToken, FAKE.hubspotToken, FAKE.moneybirdToken, FAKE.pipedriveToken, WEBHOOK_SECRET];
const ZAPIER_CLASSES = ['AppError', 'ThrottledError', 'HaltedError', 'ExpiredAuthError', 'RefreshAuthError'];

/** Every vendor answers every request with JSON the app does not expect: an object, so the transport lets it through. */
const everyVendorAnswersOddJson = () => {
  for (const host of [MOLLIE, HUBSPOT, MONEYBIRD, PIPEDRIVE]) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      nock(host)
        .persist()
        [method](/.*/)
        .reply(200, { success: true, data: { surprise: [INPUT_MARKER] }, _embedded: { payments: 7, profiles: 'x', methods: null }, results: 'none', count: 'many' });
    }
  }
};

const FUNCTIONS = [
  ...(['triggers', 'searches', 'creates'] as const).flatMap((kind) =>
    Object.entries(app[kind]).flatMap(([key, definition]) =>
      Object.entries(definition.operation)
        .filter(([name, value]) => name.startsWith('perform') && typeof value === 'function')
        .map(([name, value]) => ({ path: `${kind}.${key}.${name}`, perform: value as Perform })),
    ),
  ),
  // Dynamic fields: an operation whose input fields depend on the connection (core runs the field functions).
  ...(['triggers', 'searches', 'creates'] as const).flatMap((kind) =>
    Object.entries(app[kind]).flatMap(([key, definition]) => {
      const fields = definition.operation.inputFields;
      return Array.isArray(fields) && fields.some((field) => typeof field === 'function') ? [{ path: `${kind}.${key}.inputFields`, perform: fields as unknown as Perform }] : [];
    }),
  ),
  { path: 'authentication.test', perform: app.authentication.test },
  { path: 'authentication.connectionLabel', perform: app.authentication.connectionLabel },
];

const bundleFor = (authData: Record<string, unknown>): Partial<Bundle> =>
  ({
    authData,
    inputData: {
      payment_id: 'tr_abc12345',
      email: 'finance@acme.nl',
      name: `Acme ${INPUT_MARKER}`,
      invoice_number: 'INV-2026-0001',
      amount: '10.00',
      description: INPUT_MARKER,
      pipeline_id: 'default',
      customer_id: INPUT_MARKER,
    },
    subscribeData: { id: 'hook_abc123', secret: WEBHOOK_SECRET },
    targetUrl: 'https://hooks.zapier.com/hooks/standard/1/abc',
    rawRequest: { content: JSON.stringify({ resource: 'event', type: 'payment-link.paid', _embedded: { entity: INPUT_MARKER } }), headers: { 'X-Mollie-Signature': 'sha256=00' } },
    cleanedRequest: { resource: 'event', entityId: INPUT_MARKER },
    meta: { isLoadingSample: false, page: 0 },
  }) as unknown as Partial<Bundle>;

const guardRows = [
  ...FUNCTIONS.map((fn) => ({ ...fn, connection: 'HubSpot, API key', authData: hubspotAuth() })),
  ...FUNCTIONS.map((fn) => ({ ...fn, connection: 'Moneybird, access token', authData: { ...moneybirdAuth(FAKE.mollieAccessToken), mollieMode: 'test' } })),
  ...FUNCTIONS.map((fn) => ({ ...fn, connection: 'Pipedrive, API key', authData: pipedriveAuth() })),
];

describe('an unexpected error anywhere in an operation carries no bundle and no secret', () => {
  it.each(guardRows)('$path ($connection)', async ({ perform, authData }) => {
    everyVendorAnswersOddJson();
    let outcome: { name: string; message?: string } | undefined;
    try {
      await appTester(perform as never, bundleFor(authData));
    } catch (error) {
      outcome = await failure(Promise.reject(error));
    }
    if (!outcome) return; // it coped with the odd answers: nothing to leak
    expect(ZAPIER_CLASSES).toContain(outcome.name);
    const message = outcome.message ?? '';
    for (const secret of SECRETS) expect(message).not.toContain(secret);
    expect(message).not.toContain(INPUT_MARKER);
    expect(message).not.toMatch(/What happened|with bundle|subscribeData|TypeError:|Cannot read propert/);
  });

  it('the table met real crashes: most functions fail on these answers, and each failure is clean', async () => {
    const names: string[] = [];
    for (const { perform } of FUNCTIONS) {
      everyVendorAnswersOddJson();
      await appTester(perform as never, bundleFor(hubspotAuth())).then(
        () => names.push('ok'),
        (error: Error) => names.push(error.name),
      );
      nock.cleanAll();
    }
    expect(names.filter((name) => name !== 'ok').length).toBeGreaterThan(FUNCTIONS.length / 2);
    expect(names.filter((name) => name !== 'ok' && !ZAPIER_CLASSES.includes(name))).toEqual([]);
  });

  it('a HaltedError keeps its class and words, and core appends no bundle to it', async () => {
    const instant = FUNCTIONS.find((fn) => fn.path === 'triggers.payment_paid_instant.perform')!;
    const error = await failure(appTester(instant.perform as never, bundleFor({ ...hubspotAuth(FAKE.mollieAccessToken), mollieMode: 'test' })));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toBe('Refused a request whose X-Mollie-Signature does not match: it did not come from this Mollie webhook.');
  });
});
