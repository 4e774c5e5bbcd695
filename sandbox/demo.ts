/**
 * `npm start`: the app's real operations against the local sandbox, offline.
 * Starts fake Mollie and CRM APIs on loopback, seeds realistic data, points
 * the app at them and prints what happened, chapter by chapter.
 */
import './localHarness';
import { SANDBOX_API_KEY, SANDBOX_HUBSPOT_TOKEN, startSandbox } from './index';
import { connectionChapter } from './demo/connection';
import type { Chapter, DemoContext } from './demo/context';
import { appTester } from './demo/context';
import { paymentsChapter } from './demo/payments';
import { crmChapter } from './demo/crm';
import { wholeFlowChapter } from './demo/wholeFlow';
import { triggersChapter } from './demo/triggers';
import { settlementsChapter } from './demo/settlements';
import { reviewChapter } from './demo/review';

const CHAPTERS: Chapter[] = [connectionChapter, paymentsChapter, triggersChapter, crmChapter, wholeFlowChapter, settlementsChapter, reviewChapter];

const main = async () => {
  const sandbox = await startSandbox({ seed: 2026 });
  Object.assign(process.env, sandbox.env());
  sandbox.mollie.seed(120, { days: 30 });
  sandbox.clock.advance(0);
  const authData = { mollieCredential: SANDBOX_API_KEY, crm: 'hubspot', crmToken: SANDBOX_HUBSPOT_TOKEN };
  const demo: DemoContext = {
    sandbox,
    authData,
    run: (fn, bundle = {}) => appTester(fn, { authData, ...bundle } as never),
    say: (line = '') => console.log(line),
  };
  console.log(`Sandbox: Mollie at ${sandbox.urls.mollie}, HubSpot at ${sandbox.urls.hubspot}; virtual time ${sandbox.clock.now().toISOString()}.`);
  try {
    for (const [index, chapter] of CHAPTERS.entries()) {
      console.log(`\n${index + 1}. ${chapter.title}`);
      await chapter.play(demo);
    }
    const requests = Object.values(sandbox.servers).reduce((sum, server) => sum + server.requestLog.length, 0);
    console.log(`\nDone: ${CHAPTERS.length} chapters, ${requests} requests to the sandbox, none to the internet.`);
  } finally {
    await sandbox.close();
  }
};

main().catch((error: unknown) => {
  console.error(`The demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
