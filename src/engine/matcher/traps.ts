/**
 * False-positive traps: lexicon words that are also the names of products, brands or things
 * (Python the language, Jaguar the car, Amazon the company, Cobra golf clubs, Tiger Balm).
 * When words of the trap's context stand near the hit, its confidence drops to TRAP_CONFIDENCE.
 * Keys and context words are folded (lower case, no accents).
 */

import { foldChar } from './chars';

export const TRAP_CONFIDENCE = 0.1;

const TRAPS: Record<string, string[]> = {
  python: ['programming', 'programmer', 'code', 'coding', 'script', 'scripts', 'scripting', 'developer', 'developers', 'django', 'flask', 'pandas', 'numpy', 'pip', 'import', 'library', 'libraries', 'tutorial', 'jupyter', 'java', 'javascript', 'software', 'function', 'functions', 'syntax', 'interpreter', 'module', 'modules', 'pypi', 'monty', 'learn', 'course', 'beginners', 'data', 'api', 'def', 'print', 'loop', 'variable', 'variables', 'language', 'github', 'install', 'version', 'ide', 'compiler', 'lenguaje', 'langage', 'programacion', 'programmation', 'aws', 'deploy', 'worker', 'server', 'backend', 'framework', 'sdk', 'cli', 'package', 'packages', 'conda', 'venv', 'virtualenv', 'machine', 'learning', 'run', 'runtime', 'file', 'files'],
  jaguar: ['car', 'cars', 'land', 'rover', 'xf', 'xe', 'xj', 'xk', 'type', 'pace', 'sedan', 'coupe', 'suv', 'v6', 'v8', 'engine', 'mileage', 'miles', 'dealer', 'dealership', 'motors', 'mph', 'vehicle', 'lease', 'automatic', 'manual', 'diesel', 'petrol', 'convertible', 'test', 'drive', 'driven', 'jlr', 'coche', 'voiture', 'auto', 'tyres', 'tires', 'warranty'],
  amazon: ['prime', 'kindle', 'aws', 'alexa', 'com', 'order', 'orders', 'delivery', 'seller', 'sellers', 'marketplace', 'echo', 'fire', 'web', 'services', 'gift', 'card', 'cart', 'bezos', 'warehouse', 'shopping', 'stock', 'shares', 'review', 'reviews', 'rainforest', 'river', 'basin'],
  cobra: ['golf', 'driver', 'drivers', 'irons', 'iron', 'putter', 'wedge', 'kai', 'beer', 'puma', 'club', 'clubs', 'shaft', 'loft', 'commander', 'helicopter', 'radar', 'detector', 'kit', 'shelby', 'ford', 'car', 'yoga', 'pose', 'stretch'],
  tiger: ['balm', 'woods', 'golf', 'beer', 'king', 'prawn', 'prawns', 'shrimp', 'lily', 'lilies', 'eye', 'economy', 'team', 'tigers', 'mom', 'mother', 'moth', 'shark', 'print', 'stripe', 'stripes', 'tank', 'airways', 'bread', 'cub', 'scouts'],
  puma: ['shoes', 'shoe', 'sneakers', 'sneaker', 'trainers', 'footwear', 'sportswear', 'running', 'suede', 'size', 'adidas', 'nike', 'jersey', 'hoodie', 'tracksuit', 'kit', 'apparel', 'zapatillas', 'chaussures'],
  lynx: ['deodorant', 'spray', 'body', 'africa', 'browser', 'text', 'mode', 'shower', 'gel', 'scent', 'fragrance', 'lotus'],
  panda: ['express', 'restaurant', 'pandas', 'dataframe', 'python', 'antivirus', 'security', 'bear', 'kung', 'fu', 'red'],
  leopard: ['print', 'mac', 'os', 'apple', 'pattern', 'dress', 'skirt', 'leggings', 'tank', 'gecko', 'shark', 'seal', 'moth'],
  zebra: ['crossing', 'print', 'printer', 'printers', 'pattern', 'barcode', 'label', 'labels', 'technologies', 'fish', 'finch', 'mussel', 'mussels', 'pen', 'pens', 'plant'],
  falcon: ['spacex', 'rocket', 'launch', 'heavy', 'marvel', 'millennium', 'team', 'falcons', 'atlanta', 'football', 'nfl', 'f16', 'dassault', 'jet'],
  eagles: ['band', 'hotel', 'california', 'philadelphia', 'football', 'nfl', 'team', 'concert', 'tour', 'album', 'song'],
  boa: ['feather', 'feathers', 'costume', 'scarf', 'dress', 'party', 'pink', 'bank', 'america', 'constrictor'],
  aloe: ['gel', 'juice', 'drink', 'lotion', 'cream', 'skin', 'skincare', 'sunburn', 'moisturizer', 'shampoo', 'soap', 'cosmetic', 'cosmetics', 'vera', 'beauty', 'bottle', 'ml', 'oz'],
  agar: ['plate', 'plates', 'petri', 'culture', 'bacteria', 'powder', 'jelly', 'gel', 'gelatin', 'dessert', 'vegan', 'recipe', 'seaweed', 'lab', 'laboratory', 'medium'],
  oud: ['guitar', 'instrument', 'music', 'musician', 'lute', 'strings', 'playing', 'concert', 'maqam', 'perfume', 'fragrance', 'eau', 'parfum', 'edp', 'edt', 'scent', 'notes'],
  mamba: ['kobe', 'bryant', 'basketball', 'nba', 'lakers', 'mentality', 'candy', 'chewy'],
  condor: ['airline', 'flights', 'flight', 'airlines', 'booking'],
  ocelot: ['mod', 'minecraft'],
  orchids: ['bouquet', 'wedding', 'florist', 'delivery', 'artificial', 'silk', 'arrangement', 'vase', 'pot', 'potted', 'supermarket'],
  orchid: ['bouquet', 'wedding', 'florist', 'delivery', 'artificial', 'silk', 'arrangement', 'vase', 'pot', 'potted', 'supermarket', 'scent', 'fragrance', 'perfume', 'color', 'colour', 'lipstick', 'nail'],
  vanilla: ['ice', 'cream', 'extract', 'flavor', 'flavour', 'flavored', 'flavoured', 'cake', 'sugar', 'latte', 'coffee', 'pudding', 'custard', 'yogurt', 'candle', 'scent', 'essence', 'recipe', 'cookies', 'frosting', 'javascript', 'js', 'css', 'plain', 'version'],
  rosewood: ['color', 'colored', 'coloured', 'colour', 'paint', 'finish', 'stain', 'laminate', 'vinyl', 'effect', 'look', 'shade', 'lipstick', 'nail', 'polish'],
  eos: ['canon', 'camera', 'lens', 'dslr', 'mirrorless', 'mm', 'mp', 'rebel', 'body', 'shutter', 'crypto', 'token', 'lip', 'balm'],
};

const TRAP_SETS = new Map<string, Set<string>>(Object.entries(TRAPS).map(([k, v]) => [k, new Set(v)]));

// Hashes of every trap key and its plural, so that most hits are cleared without building strings.
const trapHash = (s: string) => {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
};
const TRAP_HASHES = new Set<number>(Object.keys(TRAPS).flatMap((k) => [trapHash(k), trapHash(k + 's')]));

/**
 * False when text[start, end) cannot be a trap word: the a-z letters of its folded form are no
 * trap key (nor its plural). A cheap filter before trapContext, which needs the folded string.
 */
export function mayBeTrap(text: string, start: number, end: number): boolean {
  let h = 0;
  for (let i = start; i < end; i++) {
    const f = foldChar(text.charCodeAt(i));
    if (f >= 97 && f <= 122) h = (Math.imul(h, 31) + f) | 0;
  }
  return TRAP_HASHES.has(h);
}

/** The context words that make `folded` (a folded one-word hit) a trap, or undefined. */
export function trapContext(folded: string): Set<string> | undefined {
  return TRAP_SETS.get(folded) ?? (folded.endsWith('s') ? TRAP_SETS.get(folded.slice(0, -1)) : undefined);
}

/**
 * One-word common names that are also everyday words ("Ship", "Hobby", "Merlin", "Vera"): the
 * lexicon compiler flags them weak, so they count only next to a stronger signal. Spanish and
 * French one-word names are treated alike because they collide with words of other languages
 * ("Once" is the snow leopard in French, eleven in Spanish; "Canal", "Diana", "Tuna", "Chagrin",
 * "Sauvegarde").
 */
export const EVERYDAY_ENGLISH = new Set(['apollo', 'bunch', 'cedar', 'crane', 'drill', 'hobby', 'merlin', 'ship', 'vera', 'pine', 'cactus', 'vanilla', 'agar', 'aloe', 'aloes', 'mahogany', 'ginseng', 'panther', 'arrau', 'kokomo', 'costus', 'tagua', 'munning', 'orong', 'wolf', 'lion', 'gora', 'sang', 'marl', 'ajo']);

/**
 * The strictest of those, for the matcher: names far more often an everyday word than the animal
 * ("cat" is the domestic cat, which CITES does not cover, "ship" a sturgeon, "hobby" and "merlin" falcons, "crane" a bird and a machine, "drill" a
 * primate). Beside a sale cue alone they are the seller's words ("we ship worldwide"), so they
 * count only next to another species or product. Folded; names of traded plants such as "cactus"
 * or "ginseng" are not here, since a cue next to them is a real signal.
 */
export const EVERYDAY_NAMES = new Set(['cat', 'cats', 'ship', 'ships', 'crane', 'cranes', 'drill', 'drills', 'hobby', 'merlin', 'apollo', 'bunch', 'vera', 'gora', 'sang', 'marl', 'ajo', 'kokomo', 'munning', 'orong', 'arrau']);

/** Folded words that make a following product or species mention an imitation or a depiction. */
export const NEGATION_REACH_TOKENS = 3;

/**
 * Parts and derivatives of an animal, and its young: right beside a group name that needs company
 * ("Crocodile skin", "Bear claw", "Eagle feathers", "tortoise hatchlings") they make it the animal.
 */
export const ANIMAL_PART_WORDS: ReadonlySet<string> = new Set([
  'skin', 'skins', 'leather', 'pelt', 'pelts', 'fur', 'furs', 'skull', 'skulls', 'bone', 'bones', 'skeleton', 'tooth', 'teeth',
  'tusk', 'tusks', 'horn', 'horns', 'claw', 'claws', 'feather', 'feathers', 'egg', 'eggs', 'taxidermy', 'stuffed', 'carcass',
  'meat', 'bile', 'fins', 'jaw', 'hatchling', 'hatchlings', 'juvenile', 'juveniles', 'chick', 'chicks',
  'fledgling', 'fledglings',
]);

/**
 * Words of the wildlife trade around a one-word species name ("Alligator Skin Wallet", "Python
 * skull", "ostrich feathers", "Caiman Tail Boots"): company enough for it, like a sale cue.
 * Folded English; words that are just as often technical ("shell", "tail", "scale", "mount",
 * "live") are left out.
 */
export const WILDLIFE_WORDS: ReadonlySet<string> = new Set([
  ...ANIMAL_PART_WORDS, 'antler', 'antlers', 'wallet', 'handbag', 'purse', 'bag', 'bags', 'clutch', 'belt', 'belts', 'shoes',
  'boots', 'gloves', 'strap', 'watchband', 'jacket', 'rug', 'trophy', 'captive', 'morph', 'morphs', 'breeder', 'pet', 'pets', 'cage', 'terrarium', 'vivarium', 'aviary', 'reptile',
  'reptiles', 'snake', 'snakes', 'lizard', 'lizards', 'parrot', 'parrots', 'animal', 'animals', 'wildlife', 'exotic', 'species',
]);
