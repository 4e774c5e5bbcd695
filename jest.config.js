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
  testTimeout: 20000,
  // zapier-platform-core exits a process past 450 MB after 250 runs (its Lambda memory check); a worker that has
  // run many files carries their memory, so it is started afresh once its heap holds more than this after a file.
  workerIdleMemoryLimit: '250MB',
};
