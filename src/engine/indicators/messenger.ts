/**
 * Messenger contacts: links (wa.me, api.whatsapp.com, t.me, line.me, zalo.me, signal.me, viber)
 * and labelled IDs ("WhatsApp: +1 202 555 0143", "Telegram @seller", "WeChat: seller01", "微信：...",
 * "Line ID: ...", "kik: ...", "Snapchat @...", "Discord: ...", "Skype: ...", "KakaoTalk: ...").
 * A bare "@name" is NOT reported: on social sites it is any mention of anyone.
 */
import { ClaimedSpans } from './spans';
import { parsePhone } from './phone';
import { PhraseMatcher } from './phrases';
import type { MessengerDetails, MessengerIndicator, MessengerPlatform } from './types';
import { findUrls } from './urls';

export interface MessengerOptions {
  defaultRegion?: string;
}

// Handles end on a letter, digit or underscore, so a full stop after one stays out of it.
const HANDLE = String.raw`@?[A-Za-z][A-Za-z0-9_.\-]{1,30}[A-Za-z0-9_]`;
const NUMBER = String.raw`\+?\d[\d\s().\-]{5,20}\d`;
const SEP = String.raw`\s*(?:\bid\b|号|號)?\s*[:：=]\s*`;

interface LabelRule {
  platform: MessengerPlatform;
  /** Value pattern, anchored (sticky) right after the label. */
  value: RegExp;
}

/**
 * After the label: "Label: value", "Label ID value", or "Label value" when the value cannot be a
 * word (an @handle, or a number for phone-based platforms).
 */
const after = (value: string, numberPlatform: boolean) =>
  new RegExp(`(?:${SEP}|\\s+(?:id|ID)\\s+|\\s+(?=${numberPlatform ? '[+\\d]' : '@'}))(${value})`, 'uy');

const rule = (platform: MessengerPlatform, value: string, numberPlatform = false): LabelRule => ({
  platform,
  value: after(value, numberPlatform),
});
const WHATSAPP = rule('whatsapp', NUMBER, true);
const TELEGRAM = rule('telegram', HANDLE);
const WECHAT = rule('wechat', `${HANDLE}|${NUMBER}`);
const LINE = rule('line', HANDLE);

/** Labels, found as words (CJK ones as substrings), each with the rule for what follows. */
const LABELS = new PhraseMatcher<LabelRule>([
  ...['whatsapp', 'whats app', 'wa', 'wsp', 'whatsap', 'watsapp', 'wasap'].map((phrase) => ({
    phrase,
    value: WHATSAPP,
  })),
  ...['telegram', 'tg', 'tele', 'telegramm'].map((phrase) => ({ phrase, value: TELEGRAM })),
  ...['wechat', 'we chat', 'weixin', 'wx', 'vx', 'v信', '微信号', '加微信', '微信'].map((phrase) => ({
    phrase,
    value: WECHAT,
  })),
  ...['line id', 'id line', 'lineid', 'line'].map((phrase) => ({ phrase, value: LINE })),
  { phrase: 'signal', value: rule('signal', NUMBER, true) },
  { phrase: 'viber', value: rule('viber', NUMBER, true) },
  { phrase: 'zalo', value: rule('zalo', NUMBER, true) },
  // Apps whose IDs are user names: sellers move buyers there ("kik: reptile_guy", "snap @...").
  ...['kik', 'kik messenger'].map((phrase) => ({ phrase, value: rule('kik', HANDLE) })),
  ...['snapchat', 'snap'].map((phrase) => ({ phrase, value: rule('snapchat', HANDLE) })),
  { phrase: 'discord', value: rule('discord', HANDLE) },
  { phrase: 'skype', value: rule('skype', HANDLE) },
  ...['kakaotalk', 'kakao talk', 'kakao', 'katalk', '카톡', '카카오톡'].map((phrase) => ({
    phrase,
    value: rule('kakaotalk', HANDLE),
  })),
]);

function normalizeHandle(platform: MessengerPlatform, raw: string, region?: string): string | null {
  const trimmed = raw.trim();
  if (/^\+?\d/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) return null;
    return parsePhone(trimmed, region)?.e164 ?? digits;
  }
  const handle = trimmed
    .replace(/^@/, '')
    .replace(/[.\-_]+$/, '')
    .toLowerCase();
  // Telegram usernames are 5..32 characters; the other platforms accept shorter IDs.
  if (platform === 'telegram' && handle.length < 5) return null;
  return handle.length >= 3 ? handle : null;
}

function fromLink(host: string, rest: string): { platform: MessengerPlatform; handle: string } | null {
  let m: RegExpMatchArray | null;
  // WhatsApp links always carry the full international number, with or without the "+".
  if (host === 'wa.me' && (m = rest.match(/^\/\+?(\d{7,15})/))) return { platform: 'whatsapp', handle: `+${m[1]}` };
  if ((host === 'api.whatsapp.com' || host === 'whatsapp.com') && (m = rest.match(/[?&]phone=(?:\+|%2B)?(\d{7,15})/)))
    return { platform: 'whatsapp', handle: `+${m[1]}` };
  if (host === 'chat.whatsapp.com' && (m = rest.match(/^\/([A-Za-z0-9]{10,40})/)))
    return { platform: 'whatsapp', handle: `group/${m[1]}` };
  if (
    (host === 't.me' || host === 'telegram.me' || host === 'telegram.dog') &&
    (m = rest.match(/^\/(?:s\/)?([A-Za-z][A-Za-z0-9_]{4,31}|\+[A-Za-z0-9_-]{10,})/))
  ) {
    return { platform: 'telegram', handle: m[1] };
  }
  if (host === 'line.me' && (m = rest.match(/^\/(?:R\/)?ti\/p\/(?:~|%40|@)?([A-Za-z0-9._-]{3,32})/)))
    return { platform: 'line', handle: m[1] };
  if (host === 'zalo.me' && (m = rest.match(/^\/(\d{8,15})/))) return { platform: 'zalo', handle: m[1] };
  if (host === 'signal.me' && (m = rest.match(/#p\/(\+\d{7,15})/))) return { platform: 'signal', handle: m[1] };
  if ((host === 'u.wechat.com' || host === 'weixin.qq.com') && (m = rest.match(/^\/(?:r\/)?([A-Za-z0-9_-]{6,})/)))
    return { platform: 'wechat', handle: m[1] };
  return null;
}

/** Finds messenger links and labelled messenger IDs in `text`. */
export function findMessengers(text: string, options: MessengerOptions = {}): MessengerIndicator[] {
  const out: MessengerIndicator[] = [];
  const claimed = new ClaimedSpans(text.length);
  const push = (
    start: number,
    end: number,
    platform: MessengerPlatform,
    raw: string,
    form: MessengerDetails['form'],
  ) => {
    if (!claimed.isFree(start, end)) return;
    const handle = normalizeHandle(platform, raw, options.defaultRegion);
    if (!handle) return;
    claimed.claim(start, end);
    out.push({
      type: 'messenger',
      value: text.slice(start, end),
      normalized: `${platform}:${handle}`,
      start,
      end,
      details: { platform, handle, form },
    });
  };
  for (const url of findUrls(text)) {
    const link = fromLink(url.host, url.rest);
    if (link) push(url.start, url.end, link.platform, link.handle, 'link');
  }
  for (const label of LABELS.find(text)) {
    const { platform, value } = label.value;
    value.lastIndex = label.end;
    const m = value.exec(text);
    if (!m) continue;
    const raw = m[1];
    const start = m.index + m[0].length - raw.length;
    push(start, start + raw.length, platform, raw, raw.startsWith('@') ? 'handle' : 'labelled-id');
  }
  return out.sort((a, b) => a.start - b.start);
}
