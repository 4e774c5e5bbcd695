/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // TypeScript sources first: the root index.js is the compiled build's entry point.
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFilesAfterEnv: ['<rootDir>/test/helpers/setup.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/helpers/'],
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  // A safety net for a hang, not a speed target: no test may depend on how fast the machine is.
  testTimeout: 120_000,
  // zapier-platform-core exits a process past 450 MB RSS after 250 runs: a worker that grew after a test file is replaced.
  workerIdleMemoryLimit: '350MB',
};
