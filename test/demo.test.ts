import { execFileSync } from 'node:child_process';
import path from 'node:path';

describe('npm start (the offline demo)', () => {
  it('runs the app against the sandbox and prints its report', () => {
    const root = path.resolve(__dirname, '..');
    const output = execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['sandbox/demo.ts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });

    expect(output).toMatch(/Connection test passed: Mollie "Sandbox Shop" in test mode, HubSpot account \d+\./);
    expect(output).toMatch(/Zapier will show this connection as: Sandbox Shop \(Mollie test\) \+ HubSpot account \d+/);
    expect(output).toMatch(/Newest 10 payments/);
    expect(output).toMatch(/Done: \d+ chapters, \d+ requests to the sandbox, none to the internet\./);
    expect(output).not.toContain('SandboxKey');
  });
});
