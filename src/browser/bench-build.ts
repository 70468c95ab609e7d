/**
 * True only in the benchmark build (`WILDTRACE_BENCH=1 wxt build`, written to .output/bench): the
 * scanner's and the worker's own timings then ride on the detection messages for `npm run bench`.
 * In the product build the bundler replaces the constant with false and drops the timing code, so
 * no benchmark field is sent, stored or kept per frame.
 */
declare const __WILDTRACE_BENCH__: boolean | undefined;

export const BENCH_BUILD: boolean = typeof __WILDTRACE_BENCH__ !== 'undefined' && __WILDTRACE_BENCH__ === true;
