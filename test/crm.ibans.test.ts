/**
 * The CRM adapters' IBAN key, in each CRM's fake: accounts are found by the
 * payer's IBAN (however the CRM holds it written), only whole valid IBANs
 * count, an account read directly carries its IBANs, and without an IBAN
 * field in the connection HubSpot and Pipedrive find nothing by IBAN and say
 * why nothing can be noted there.
 */
import { startSandbox, type Sandbox } from '../sandbox';
import { CRMS, fixtures, withAdapter, type CrmFixture } from './helpers/crmFixtures';

const IBAN = 'NL91ABNA0417164300';
const WRITTEN = 'NL91 ABNA 0417 1643 00';
const OTHER = 'DE89370400440532013000';
const IBAN_FIELD = { hubspot: 'iban', moneybird: undefined, pipedrive: 'IBAN' } as const;
const NO_KEYS = { emails: [], customerIds: [], invoiceNumbers: [] };

describe.each(CRMS)('accounts by IBAN: %s', (crm) => {
  let sb: Sandbox;
  let fx: CrmFixture;
  let holder: string;
  let authData: Record<string, string>;

  beforeAll(async () => {
    sb = await startSandbox({ seed: 17 });
    Object.assign(process.env, sb.env());
    fx = fixtures(sb)[crm];
    authData = { ...fx.authData, ...(IBAN_FIELD[crm] ? { crmIbanField: IBAN_FIELD[crm] } : {}) };
    // HubSpot and Pipedrive keep what a person typed; Moneybird keeps an IBAN in its electronic form.
    const seed = (name: string, iban: string) =>
      crm === 'hubspot'
        ? sb.hubspot.seedCompany({ name, iban }).id
        : crm === 'pipedrive'
          ? String(sb.pipedrive.createOrgWithIban(name, iban).id)
          : sb.moneybird.createContact({ company_name: name, sepa_iban: iban.replace(/\s/g, '') }).id;
    holder = seed('Holder B.V.', WRITTEN);
    seed('Other B.V.', OTHER);
    sb.clock.advance(60_000);
  });
  afterAll(() => sb.close());

  it.each([
    ['the IBAN in electronic form', [IBAN]],
    ['the IBAN as people write it, in lower case', ['nl91 abna 0417 1643 00']],
  ])('finds the account holding it, by %s', async (_how, ibans) => {
    const found = await withAdapter(authData, (adapter) => adapter.findCandidates({ ...NO_KEYS, ibans }));
    expect(found.map((account) => [account.id, account.ibans])).toEqual([[holder, [IBAN]]]);
  });

  it.each([
    ['an IBAN nobody holds', ['GB29NWBK60161331926819']],
    ['a partial IBAN', ['NL91ABNA041716430']],
    ['an IBAN with a wrong checksum', ['NL00ABNA0417164300']],
  ])('finds nothing for %s', async (_what, ibans) => {
    expect(await withAdapter(authData, (adapter) => adapter.findCandidates({ ...NO_KEYS, ibans }))).toEqual([]);
  });

  it('reads the account directly with its IBAN; an account that does not exist is null', async () => {
    const account = await withAdapter(authData, (adapter) => adapter.getAccount(holder));
    expect(account).toMatchObject({ id: holder, name: 'Holder B.V.', ibans: [IBAN] });
    expect(await withAdapter(authData, (adapter) => adapter.getAccount('999999'))).toBeNull();
  });

  it('says where it keeps an IBAN and e-mails', async () => {
    const learning = await withAdapter(authData, (adapter) => adapter.learning());
    expect('where' in learning.iban).toBe(true);
    expect('where' in learning.emails).toBe(crm !== 'moneybird');
  });

  if (crm !== 'moneybird') {
    it('without an IBAN field in the connection: nothing found by IBAN, and the reason nothing can be noted', async () => {
      expect(await withAdapter(fx.authData, (adapter) => adapter.findCandidates({ ...NO_KEYS, ibans: [IBAN] }))).toEqual([]);
      const learning = await withAdapter(fx.authData, (adapter) => adapter.learning());
      expect(learning.iban).toEqual({ missing: expect.stringMatching(/names no IBAN field/) });
    });

    it('an IBAN field the CRM does not have: nothing found, and said so', async () => {
      const missing = { ...fx.authData, crmIbanField: 'bank_account_nr' };
      expect(await withAdapter(missing, (adapter) => adapter.findCandidates({ ...NO_KEYS, ibans: [IBAN] }))).toEqual([]);
      const learning = await withAdapter(missing, (adapter) => adapter.learning());
      expect(learning.iban).toEqual({ missing: expect.stringMatching(/has no .*"bank_account_nr"/) });
    });
  }
});
