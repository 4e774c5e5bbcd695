import { execFileSync } from 'node:child_process';
import path from 'node:path';

describe('npm start (the offline demo)', () => {
  it('runs the app against the sandbox and prints its report', () => {
    const root = path.resolve(__dirname, '..');
    const output = execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['sandbox/demo.ts'], { cwd: root, encoding: 'utf8', timeout: 600_000 });

    expect(output).toMatch(/Connection test passed: Mollie "Sandbox Shop" in test mode, HubSpot account \d+\./);
    expect(output).toMatch(/Zapier will show this connection as: Sandbox Shop \(Mollie test\) \+ HubSpot account \d+/);
    expect(output).toMatch(/Newest 10 payments/);
    expect(output).toMatch(/Poll 1: tr_\w+:paid .*tr_\w+:failed, re_\w+\n  Poll 2: nothing new/);
    expect(output).toMatch(/The same step replayed: existing pl_\w+ \(one invoice, one link\)\./);
    expect(output).toMatch(/Find CRM Account for Payment: Drukkerij Bos by email \(confidence 0\.8\)\n  Create CRM Payment Record: deal \d+ created, paid, account \d+/);
    expect(output).toMatch(/Unmatched Payment fired: tr_\w+ \(ambiguous\): billingAddress\.email "orders@koffiebar\.nl" belongs to 2 accounts/);
    expect(output).toMatch(/Replaying tr_\w+: unchanged \(still 1 deal\)\./);
    expect(output).toMatch(/Settlement Paid Out fired: stl_\w+:paidout, reference \d+\.\d{4}\.\d{2}, EUR [\d.]+/);
    expect(output).toMatch(/The lines add up to the payout: yes, to the cent\./);
    expect(output).toMatch(/10 payment, refund and chargeback mutations linked to their invoices \(\d+ to payments recorded before, none paid twice\)/);
    expect(output).toMatch(/Statement balance 0\.00; still needs a person: nothing\.\n  Invoices with a payment registered twice: 0\./);
    expect(output).toMatch(/The same step replayed: unchanged, still 1 statement\./);
    expect(output).toMatch(/Deal "Invoice 2026-1107 \(tr_\w+\)": settlement \d+\.\d{4}\.\d{2}, paid out \d{4}-\d{2}-\d{2}, fee \d+\.\d{2}\./);
    expect(output).toMatch(/A person picks Bloemenwinkel Roos\. Link Payment to CRM Account: deal \d+ created on it, and taught:\n  mollie_customer +CUST-3100 +taught/);
    expect(output).toMatch(/The same step replayed: deal unchanged, mollie_customer already there, iban already there, email already there\./);
    expect(output).toMatch(/Anna pays again \(tr_\w+\): Unmatched Payment stays silent\.\n  Find CRM Account for Payment: Bloemenwinkel Roos by mollie_customer/);
    expect(output).toMatch(/Done: \d+ chapters, \d+ requests to the sandbox, none to the internet\./);
    expect(output).not.toContain('SandboxKey');
  });
});
