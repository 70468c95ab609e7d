// ReptiFeed training page: appends listings when the reader nears the end of the feed (or presses
// "Load more"). The listings are a fixed list so every trainee sees the same feed in the same order.
'use strict';

/** Each batch appears in order; there is nothing after the last one. */
const BATCHES = [
  [
    ['Shinisaurus crocodilurus (Chinese crocodile lizard) adult', 'Rare, wild caught. Payment Western Union. Telegram @wtdemo_reptifeed_asia.', 'lizard_link_demo'],
    ['Bag of p4ngolin scales, 500 g', 'For medicine. DHL worldwide, discreet. DM for price.', 'tcm_supply_demo'],
    ['Corn snake hatchlings', 'Lovely amel morphs, captive bred, £35 each.', 'Tom H.'],
    ['CAG baby, hand reared', 'African grey, talking already. PayPal only. Ship worldwide.', 'birdhouse_demo'],
  ],
  [
    ['Agarwood chips, grade A, 1 kg', 'Real Aquilaria, incense use. For sale by the kilo. EMS to all countries.', 'oud_roots_demo'],
    ['i v o r y chopsticks, antique', 'Old family piece, cow bone listed. WhatsApp +44 7700 900614.', 'heirloom_demo'],
    ['Bearded dragon vivarium', '4 ft, with UVB lamp. Collection only, £90.', 'Sam R.'],
    ['Uroplatus phantasticus CB 2024', 'Satanic leaf-tailed geckos, pair. DM for price.', 'gecko_gallery_demo'],
  ],
  [
    ['Ploughshare tortoise, juvenile', 'Extremely rare, no papers. Serious buyers only.', 'shell_trader_demo'],
    ['Fishing rod and reel set', 'Barely used, £40. Local pick-up only.', 'Ken W.'],
    ['Tigr bone wine, 10 years', 'Old stock from a friend. Cash on delivery.', 'old_stock_demo'],
    ['Green tree python, Biak locality', 'Morelia viridis adult male. Ship worldwide, DHL.', 'SnakeShed'],
  ],
];

const feed = document.getElementById('feed');
const statusText = document.getElementById('feed-status');
const moreButton = document.getElementById('feed-more');
const sentinel = document.getElementById('feed-sentinel');
let nextBatch = 0;
let listingNumber = feed ? feed.children.length : 0;

/** Builds one listing card with text nodes only (no HTML strings). */
function makeListing([title, body, seller]) {
  listingNumber += 1;
  const article = document.createElement('article');
  article.className = 'card feed-item';
  article.dataset.listing = String(listingNumber);
  const h2 = document.createElement('h2');
  h2.textContent = `#${listingNumber} ${title}`;
  const p = document.createElement('p');
  p.textContent = body;
  const who = document.createElement('p');
  who.className = 'muted';
  who.textContent = `${seller} · just now`;
  article.append(h2, p, who);
  return article;
}

/** Appends the next batch, if any; returns false when the feed is exhausted. */
function loadMore() {
  if (!feed || nextBatch >= BATCHES.length) return false;
  const fragment = document.createDocumentFragment();
  for (const listing of BATCHES[nextBatch]) fragment.append(makeListing(listing));
  feed.append(fragment);
  nextBatch += 1;
  const done = nextBatch >= BATCHES.length;
  if (statusText) statusText.textContent = done
    ? `Showing all ${listingNumber} listings. No more listings.`
    : `Showing ${listingNumber} listings.`;
  if (done && moreButton) moreButton.disabled = true;
  return !done;
}

if (moreButton) moreButton.addEventListener('click', () => { loadMore(); });

if (sentinel && 'IntersectionObserver' in window) {
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting) && !loadMore()) observer.disconnect();
  }, { rootMargin: '200px' });
  observer.observe(sentinel);
}
