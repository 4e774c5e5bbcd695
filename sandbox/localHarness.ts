// Imported first by local harnesses (demo, benchmarks, soak): zapier-platform-core
// prints a memory line on every run unless it knows it runs outside Zapier's
// Lambda, which it reads from NODE_ENV when it is first loaded.
process.env.NODE_ENV ??= 'test';
export {};
