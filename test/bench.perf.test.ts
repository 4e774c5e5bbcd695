import { DOCUMENTED, measureRequests, rowKey } from '../bench/perf/requests';

/**
 * The request counts `npm run bench` publishes (bench/perf/requests.ts DOCUMENTED), measured on the sandbox:
 * an operation that starts sending more (or fewer) requests fails here until the documented figure and its note
 * are updated. Counts only, never timing.
 */
describe('requests per operation (the benchmark table)', () => {
  it('match the documented counts, each at or above its minimum', async () => {
    const measured = await measureRequests();
    expect(Object.fromEntries(measured.map((row) => [rowKey(row), row.count]))).toEqual(
      Object.fromEntries(Object.entries(DOCUMENTED).map(([key, documented]) => [key, documented.count])),
    );
    for (const documented of Object.values(DOCUMENTED)) expect(documented.count).toBeGreaterThanOrEqual(documented.minimum);
  }, 60_000);
});
