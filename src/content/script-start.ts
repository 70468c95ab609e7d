/**
 * Benchmark builds only: when the content script began to evaluate. Imported first by the
 * entrypoint, so this module runs before the others (ES modules evaluate in import order) and the
 * content script's first task can be measured whole (bundle evaluation included). 0 otherwise.
 */
import { BENCH_BUILD } from '../browser/bench-build';

export const SCRIPT_STARTED_AT = BENCH_BUILD ? performance.now() : 0;
