/** Social-network profile URLs (not posts, searches or share buttons), normalised to "platform:handle". */
import type { SocialIndicator, SocialPlatform } from './types';
import { PhraseMatcher } from './phrases';
import { findUrls } from './urls';

interface Rule {
  platform: SocialPlatform;
  hosts: string[];
  /** Captures the profile handle from the path. */
  path: RegExp;
  /** First path segments that are site features, not profiles. */
  reserved?: Set<string>;
}

const RULES: Rule[] = [
  {
    platform: 'facebook',
    hosts: ['facebook.com', 'fb.com', 'business.facebook.com'],
    path: /^\/(?:profile\.php\?id=(\d+)|(?:pg\/)?([A-Za-z0-9.\-]{3,80}))/,
    reserved: new Set([
      'sharer',
      'sharer.php',
      'share',
      'plugins',
      'dialog',
      'login',
      'watch',
      'events',
      'groups',
      'help',
      'policies',
      'privacy',
      'home.php',
      'hashtag',
      'search',
      'story.php',
      'photo.php',
      'permalink.php',
      'marketplace',
      'gaming',
      'reel',
      'tr',
    ]),
  },
  {
    platform: 'instagram',
    hosts: ['instagram.com', 'instagr.am'],
    path: /^\/([A-Za-z0-9._]{1,30})/,
    reserved: new Set([
      'p',
      'reel',
      'reels',
      'explore',
      'stories',
      'accounts',
      'about',
      'developer',
      'legal',
      'direct',
      'tv',
    ]),
  },
  { platform: 'tiktok', hosts: ['tiktok.com'], path: /^\/@([A-Za-z0-9._]{2,24})/ },
  {
    platform: 'x',
    hosts: ['twitter.com', 'x.com'],
    path: /^\/([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_])/,
    reserved: new Set([
      'intent',
      'share',
      'home',
      'i',
      'search',
      'hashtag',
      'explore',
      'settings',
      'login',
      'signup',
      'notifications',
      'messages',
      'tos',
      'privacy',
    ]),
  },
  {
    platform: 'youtube',
    hosts: ['youtube.com'],
    path: /^\/(?:@([A-Za-z0-9._-]{3,30})|(?:c|user|channel)\/([A-Za-z0-9_-]{2,40}))/,
  },
  {
    platform: 'vk',
    hosts: ['vk.com'],
    path: /^\/([A-Za-z0-9_.]{3,32})/,
    reserved: new Set(['share.php', 'wall', 'video', 'photo', 'feed', 'search', 'im']),
  },
  {
    platform: 'weibo',
    hosts: ['weibo.com', 'weibo.cn'],
    path: /^\/(?:u\/)?([A-Za-z0-9_]{3,30})/,
    reserved: new Set(['login', 'signup', 'search']),
  },
  {
    platform: 'pinterest',
    hosts: ['pinterest.com'],
    path: /^\/([A-Za-z0-9_]{3,30})\/?(?:$|[?#])/,
    reserved: new Set(['pin', 'search', 'ideas', 'today']),
  },
  { platform: 'reddit', hosts: ['reddit.com', 'old.reddit.com'], path: /^\/(?:u|user)\/([A-Za-z0-9_-]{3,20})/ },
  { platform: 'linkedin', hosts: ['linkedin.com'], path: /^\/(?:in|company)\/([A-Za-z0-9_-]{3,100})/ },
  { platform: 'threads', hosts: ['threads.net', 'threads.com'], path: /^\/@([A-Za-z0-9._]{1,30})/ },
];

/**
 * Labels that introduce a profile name without a link ("IG: seller_01", "TikTok @seller"). As for
 * messengers, the name follows a colon or "ID", or is an @handle: "insta seller_01" could be prose.
 */
const LABELS = new PhraseMatcher<SocialPlatform>([
  ...['ig', 'insta', 'instagram'].map((phrase) => ({ phrase, value: 'instagram' as const })),
  ...['tiktok', 'tik tok'].map((phrase) => ({ phrase, value: 'tiktok' as const })),
  ...['twitter'].map((phrase) => ({ phrase, value: 'x' as const })),
]);
const LABELLED_HANDLE =
  /(?:\s*(?:\bid\b)?\s*[:：=]\s*|\s+(?:id|ID)\s+|\s+(?=@))@?([A-Za-z0-9_][A-Za-z0-9_.]{0,28}[A-Za-z0-9_])/uy;

/** Finds social profile URLs, and profile names written after a platform's label, in `text`. */
export function findSocialProfiles(text: string): SocialIndicator[] {
  const out: SocialIndicator[] = [];
  for (const label of LABELS.find(text)) {
    LABELLED_HANDLE.lastIndex = label.end;
    const m = LABELLED_HANDLE.exec(text);
    // A handle has a letter; "IG: 2" is a count.
    if (!m || !/[A-Za-z]/.test(m[1])) continue;
    const end = m.index + m[0].length;
    const start = end - m[0].trimStart().replace(/^(?:id|ID)?\s*[:：=]?\s*/, '').length;
    out.push({
      type: 'social',
      value: text.slice(start, end),
      normalized: `${label.value}:${m[1].toLowerCase()}`,
      start,
      end,
      details: { platform: label.value, handle: m[1], form: 'labelled-id' },
    });
  }
  for (const url of findUrls(text)) {
    const rule = RULES.find((r) => r.hosts.includes(url.host));
    if (!rule) continue;
    const m = url.rest.match(rule.path);
    const handle = m?.slice(1).find(Boolean);
    if (!handle || rule.reserved?.has(handle.toLowerCase())) continue;
    out.push({
      type: 'social',
      value: text.slice(url.start, url.end),
      normalized: `${rule.platform}:${handle.toLowerCase()}`,
      start: url.start,
      end: url.end,
      details: { platform: rule.platform, handle },
    });
  }
  return out;
}
