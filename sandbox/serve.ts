/**
 * `npm run sandbox`: the fake Mollie, HubSpot, Moneybird and Pipedrive APIs on
 * loopback ports, seeded with a small account, plus the `.env` that
 * `zapier-platform invoke` reads: the connection (authData_* lines) and the
 * *_API_BASE overrides (http/endpoints.ts) that point the app at the fakes.
 * Stays up until stopped (Ctrl-C, SIGTERM); then removes the `.env` it wrote.
 *
 *   npm run sandbox                                  # HubSpot connection, .env in this folder
 *   npm run sandbox -- --crm moneybird               # or moneybird, pipedrive
 *   npm run sandbox -- --write-env /tmp/app/.env      # write the .env elsewhere
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENDPOINT_ENV, type CrmName } from '../http/endpoints';
import * as fakes from './index';
import type { Sandbox } from './index';

/** The seeded customer every "try it" example in the README uses. */
export const TRY_IT = {
  email: 'anna.devries@example.com',
  company: 'De Vries Design',
  customerId: 'C-1042',
  invoice: 'INV-2026-00009',
  amount: '121.00',
} as const;

const CONNECTIONS: Record<CrmName, Record<string, string>> = {
  hubspot: { mollieCredential: fakes.SANDBOX_API_KEY, crm: 'hubspot', crmToken: fakes.SANDBOX_HUBSPOT_TOKEN },
  moneybird: { mollieCredential: fakes.SANDBOX_API_KEY, crm: 'moneybird', crmToken: fakes.SANDBOX_MONEYBIRD_TOKEN, moneybirdAdministrationId: fakes.SANDBOX_MONEYBIRD_ADMINISTRATION_ID },
  pipedrive: { mollieCredential: fakes.SANDBOX_API_KEY, crm: 'pipedrive', crmToken: fakes.SANDBOX_PIPEDRIVE_TOKEN, pipedriveCompanyDomain: fakes.SANDBOX_PIPEDRIVE_DOMAIN },
};

/** A few weeks of payments, and one customer known on both sides: paid by invoice, with an account in every CRM. */
export const seedTryIt = (sandbox: Sandbox): void => {
  sandbox.mollie.seed(24, { days: 21 });
  const payment = sandbox.mollie.createPayment({
    amount: { value: TRY_IT.amount, currency: 'EUR' },
    description: `Invoice ${TRY_IT.invoice}`,
    billingAddress: { givenName: 'Anna', familyName: 'de Vries', email: TRY_IT.email } as never,
  });
  sandbox.mollie.setPaymentStatus(payment.id, 'paid');
  sandbox.hubspot.seedCompany({ name: TRY_IT.company, customerId: TRY_IT.customerId, emails: [TRY_IT.email] });
  const contact = sandbox.moneybird.createContact({ company_name: TRY_IT.company, email: TRY_IT.email, customer_id: TRY_IT.customerId });
  sandbox.moneybird.createInvoice({ contactId: contact.id, number: TRY_IT.invoice.replace(/^INV-/, ''), total: TRY_IT.amount });
  const org = sandbox.pipedrive.createOrg(TRY_IT.company, { [sandbox.pipedrive.orgFields[0].key]: TRY_IT.customerId });
  sandbox.pipedrive.createPerson('Anna de Vries', TRY_IT.email, org.id);
};

const ENV_HEADER = '# Written by `npm run sandbox`; removed when it stops. Fake credentials for the local fakes only.';

/** The .env for `zapier-platform invoke`: the connection as authData_* lines, and where the vendors are. */
export const envFileText = (sandbox: Sandbox, crm: CrmName): string => {
  const auth = Object.entries(CONNECTIONS[crm]).map(([key, value]) => `authData_${key}='${value}'`);
  const bases = Object.entries(sandbox.urls).map(([vendor, url]) => `${ENDPOINT_ENV[vendor as keyof typeof ENDPOINT_ENV]}='${url}'`);
  return [ENV_HEADER, ...auth, ...bases, ''].join('\n');
};

const option = (args: string[], name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};

export const serve = async (args: string[]) => {
  const crm = (option(args, 'crm') ?? 'hubspot') as CrmName;
  if (!(crm in CONNECTIONS)) throw new Error(`--crm must be one of ${Object.keys(CONNECTIONS).join(', ')}`);
  const envFile = resolve(option(args, 'write-env') ?? '.env');
  if (existsSync(envFile) && !readFileSync(envFile, 'utf8').startsWith(ENV_HEADER)) {
    throw new Error(`${envFile} exists and was not written by the sandbox (real credentials?). Move it aside, or pass --write-env <another path>.`);
  }
  // The fakes' clock starts now, so "the last few hours" and "the last 30 days" mean what they say to the triggers.
  const sandbox = await fakes.startSandbox({ seed: Number(option(args, 'seed') ?? 7), clock: new fakes.VirtualClock(new Date()) });
  seedTryIt(sandbox);
  const text = envFileText(sandbox, crm);
  writeFileSync(envFile, text, { mode: 0o600 });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (existsSync(envFile) && readFileSync(envFile, 'utf8') === text) rmSync(envFile);
    await sandbox.close();
    console.log('Sandbox stopped.');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  console.log(`Sandbox up (${crm}): ${Object.entries(sandbox.urls).map(([vendor, url]) => `${vendor} ${url}`).join(', ')}`);
  console.log(`Wrote ${envFile}. Try, in another terminal:`);
  console.log('  npm run build && npx zapier-platform invoke auth test');
  console.log('  npx zapier-platform invoke trigger payment_paid --non-interactive');
  console.log(`  npx zapier-platform invoke search find_payment --non-interactive -i '{"invoice_number":"${TRY_IT.invoice}"}'`);
  console.log(`  npx zapier-platform invoke create create_payment_link --non-interactive -i '{"invoice_number":"INV-2026-00010","amount":"50.00"}'`);
  console.log('Ready. Stop with Ctrl-C.');
};

if (require.main === module) {
  serve(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
