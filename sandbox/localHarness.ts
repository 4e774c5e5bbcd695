// Imported first by local harnesses (demo, benchmarks, soak): zapier-platform-core
// prints a memory line on every run unless it knows it runs outside Zapier's
// Lambda, which it reads from NODE_ENV when it is first loaded.
process.env.NODE_ENV ??= 'test';

import { takeViolations, violationReport } from './contract';

// Every exchange with the fakes was checked against the vendors' specs: a run that broke them says so and fails.
process.on('exit', () => {
  const violations = takeViolations();
  if (!violations.length) return;
  console.error(`\n${violationReport(violations)}`);
  process.exitCode = 1;
});
