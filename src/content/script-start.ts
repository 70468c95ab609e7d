/**
 * When the content script began to evaluate: imported first by the entrypoint, so this module runs
 * before the others (ES modules evaluate in import order), and the content script's first task can
 * be measured whole (bundle evaluation included) and reported with the scanner's cost.
 */
export const SCRIPT_STARTED_AT = performance.now();
