/**
 * The one message protocol between Wildtrace's contexts. Each feature declares its routes
 * (request, response, allowed sender) in `routes/`; this file joins them. Both ends are checked
 * by the compiler through `RequestOf`/`ResponseOf`, and the background refuses a message from
 * any sender the route does not allow.
 */
import { CORE_SENDERS, type CoreRoutes } from './routes/core';
import { EVIDENCE_SENDERS, type EvidenceRoutes } from './routes/evidence';
import { DETECTION_SENDERS, type DetectionRoutes } from './routes/detection';
import { TRAINING_SENDERS, type TrainingRoutes } from './routes/training';
import { LEXICON_SENDERS, type LexiconRoutes } from './routes/lexicon';
import { LINKS_SENDERS, type LinksRoutes } from './routes/links';
import { REMOVAL_SENDERS, type RemovalRoutes } from './routes/removal';
import { RISK_SENDERS, type RiskRoutes } from './routes/risk';
import { INTEL_SENDERS, type IntelRoutes } from './routes/intel';

export type { SenderKind } from './route';

/** Every message type. */
export interface Protocol
  extends
    EvidenceRoutes,
    CoreRoutes,
    DetectionRoutes,
    TrainingRoutes,
    LinksRoutes,
    LexiconRoutes,
    RemovalRoutes,
    RiskRoutes,
    IntelRoutes {}

export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K]['request'];
export type ResponseOf<K extends MessageType> = Protocol[K]['response'];

/** A message on the wire. */
export interface MessageOf<K extends MessageType = MessageType> {
  channel: typeof CHANNEL;
  type: K;
  payload: RequestOf<K>;
}

/** What the background answers: a value, or an error said in words. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** Marks our messages so that anything else arriving on the runtime channel is ignored. */
export const CHANNEL = 'wildtrace/v1' as const;

/** Which sender kind may send each message type. */
export const ALLOWED_SENDERS: { [K in MessageType]: Protocol[K]['from'] } = {
  ...CORE_SENDERS,
  ...EVIDENCE_SENDERS,
  ...DETECTION_SENDERS,
  ...TRAINING_SENDERS,
  ...LEXICON_SENDERS,
  ...LINKS_SENDERS,
  ...REMOVAL_SENDERS,
  ...RISK_SENDERS,
  ...INTEL_SENDERS,
};

/** True when `value` has the shape of one of our messages with a known type. */
export function isMessage(value: unknown): value is MessageOf {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<MessageOf>;
  return m.channel === CHANNEL && typeof m.type === 'string' && Object.hasOwn(ALLOWED_SENDERS, m.type);
}
