/**
 * What a capture record's `methods.requestedUrl` says: how its requested URL (before redirects)
 * was known, or that it was not, so the record never holds an unexplained empty field.
 */
export const REQUESTED_URL_OBSERVED = 'tabs.onUpdated: the first URL of the navigation, before redirects';
export const REQUESTED_URL_NOT_OBSERVED =
  'not observed: the page was loaded before Wildtrace started watching the tab; ' +
  'the final URL is the address the tab showed at capture time';
