/** Who may send a message: our own extension pages, or our content script in a web page. */
export type SenderKind = 'extension-page' | 'content-script';

/** One message type: what it carries, what it answers, and who may send it. */
export interface Route<Req, Res, From extends SenderKind> {
  request: Req;
  response: Res;
  from: From;
}

/** The sender rule of every route in a group, checked against the group's types. */
export type SenderRules<G> = { [K in keyof G]: G[K] extends Route<unknown, unknown, infer F> ? F : never };
