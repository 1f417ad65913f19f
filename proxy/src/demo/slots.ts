import type { Rng } from './random.ts';

/**
 * Values that fill the `{slot}` placeholders of the template banks. Real
 * players name concrete amounts, methods, games and promotions, and the
 * classifier must learn the sentence around them, not the particular value.
 */
const FIAT_FORMATS: readonly ((n: number) => string)[] = [
  (n) => `${n} EUR`,
  (n) => `€${n}`,
  (n) => `${n}€`,
  (n) => `${n} euro`,
  (n) => `$${n}`,
  (n) => `${n} USD`,
  (n) => `${n} dollars`,
  (n) => `£${n}`,
  (n) => `${n} GBP`,
  (n) => `${n} CAD`,
  (n) => `R$${n}`,
  (n) => `${n} reais`,
  (n) => `${n * 30} TRY`,
  (n) => `${n * 90} RUB`,
  (n) => `${n * 10} NOK`,
  (n) => `${n}`,
  (n) => `${n} bucks`,
];
const CRYPTO_AMOUNTS = [
  '0.002 BTC',
  '0.01 BTC',
  '0.05 ETH',
  '150 USDT',
  '500 USDT',
  '1200 USDT',
  '0.3 LTC',
  '40 USDC',
];
const ROUND_AMOUNTS = [
  10, 15, 20, 25, 30, 40, 50, 60, 75, 100, 120, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000, 3200,
  5000,
];

export const SLOTS = {
  method: [
    'Visa',
    'Mastercard',
    'my visa card',
    'my card',
    'Skrill',
    'Neteller',
    'bank transfer',
    'wire transfer',
    'BTC',
    'bitcoin',
    'USDT',
    'USDT TRC20',
    'ETH',
    'crypto',
    'Apple Pay',
    'Google Pay',
    'Paysafecard',
    'MuchBetter',
    'Jeton',
    'Papara',
    'PIX',
    'Interac',
    'iDEAL',
    'Trustly',
    'MiFinity',
    'Revolut',
    'ecoPayz',
    'PayPal',
    'AstroPay',
  ],
  cryptoMethod: ['BTC', 'bitcoin', 'USDT', 'USDT (TRC20)', 'USDT on ERC20', 'ETH', 'LTC', 'TRX', 'USDC'],
  game: [
    'Sweet Bonanza',
    'Gates of Olympus',
    'Book of Dead',
    'Starburst',
    'Big Bass Bonanza',
    'Wanted Dead or a Wild',
    'Crazy Time',
    'Lightning Roulette',
    'Aviator',
    'Mines',
    'Plinko',
    'live blackjack',
    'The Dog House',
    'Reactoonz',
    'Money Train 3',
    'Fire Joker',
    'Sugar Rush',
    'Wolf Gold',
    'Mental',
    'Razor Shark',
    'Jammin Jars',
    'Dead or Alive 2',
    'Monopoly Live',
    'Sweet Bonanza 1000',
    'Zeus vs Hades',
    'Chaos Crew',
    'Fruit Party',
    'baccarat',
    'the roulette table',
    'JetX',
    'Big Bass Splash',
    'Legacy of Dead',
    'Buffalo King',
    'Wild West Gold',
  ],
  provider: [
    'Pragmatic',
    'Pragmatic Play',
    'Evolution',
    "Play'n GO",
    'NetEnt',
    'Hacksaw',
    'Nolimit City',
    'Relax Gaming',
    'Spribe',
    'Push Gaming',
    'Red Tiger',
    'BGaming',
    'Playtech',
    'ELK',
    'Big Time Gaming',
  ],
  bonus: [
    'welcome bonus',
    'first deposit bonus',
    '100% bonus',
    'free spins',
    '50 free spins',
    '100 free spins',
    'reload bonus',
    'weekly cashback',
    'cashback',
    'Friday reload',
    'birthday bonus',
    'no deposit bonus',
    'VIP bonus',
    'rakeback',
    'free bet',
    'risk free bet',
    'acca insurance',
    'odds boost',
    'daily drop',
    'level up reward',
    'loyalty points',
    'tournament prize',
    'weekend reload',
    'sports welcome offer',
  ],
  promoCode: [
    'WELCOME200',
    'SPIN50',
    'FREEBET10',
    'RELOAD25',
    'VIP2026',
    'BONUS100',
    'FS77',
    'CASHBACK15',
    'GOAL5',
  ],
  wager: ['x35', 'x40', '35x', '40x', 'x50', '3x', '5 times'],
  /** A span: fits "for …", "… ago" and "it has been …". */
  duration: [
    '2 days',
    '3 days',
    '4 days',
    '5 days',
    'a week',
    'over a week',
    '10 days',
    '2 weeks',
    '48 hours',
    '72 hours',
    '6 hours',
    '24 hours',
    'three days',
    'almost a month',
    '5 hours',
    '1 week',
  ],
  /** A starting point: "pending …". */
  since: [
    'since monday',
    'since friday',
    'since yesterday',
    'since last week',
    'all day',
    'since the weekend',
    'for days',
  ],
  doc: [
    'passport',
    'ID card',
    'driving licence',
    "driver's license",
    'utility bill',
    'bank statement',
    'selfie',
    'proof of address',
    'selfie with my ID',
    'national ID',
    'residence permit',
    'payslip',
    'card photo',
  ],
  device: [
    'iPhone',
    'iphone 13',
    'Android',
    'Samsung',
    'Samsung S23',
    'Xiaomi',
    'iPad',
    'laptop',
    'Pixel',
    'huawei',
  ],
  browser: ['Chrome', 'Safari', 'Firefox', 'Opera', 'Edge', 'the app', 'the android app', 'the ios app'],
  errorText: [
    'error 500',
    '502 bad gateway',
    'something went wrong',
    'error code 1003',
    'session expired',
    'Service Unavailable',
    'a white screen',
    'error 404',
    'ERR_CONNECTION_TIMED_OUT',
    'too many redirects',
    'Unexpected error, try again later',
    'Cloudflare error 521',
    'an endless loading spinner',
  ],
  team: [
    'Real Madrid',
    'Man City',
    'Arsenal',
    'Liverpool',
    'Barcelona',
    'Bayern',
    'PSG',
    'Juventus',
    'Galatasaray',
    'Fenerbahce',
    'Flamengo',
    'Boca',
    'Lakers',
    'Celtics',
    'Chiefs',
    'Djokovic',
    'Alcaraz',
    'Inter',
    'Benfica',
  ],
  market: [
    'over 2.5',
    'BTTS',
    'both teams to score',
    'the 1X2',
    'handicap -1',
    'correct score',
    'first goalscorer',
    'the moneyline',
    'over 9.5 corners',
    'double chance',
    'draw no bet',
    'anytime scorer',
  ],
  betType: ['acca', 'accumulator', 'parlay', 'single', 'bet builder', 'live bet', 'system bet', 'combo bet'],
  contact: ['email', 'e-mail', 'phone number', 'mobile number', 'surname', 'home address', 'address'],
  limitKind: [
    'deposit limit',
    'loss limit',
    'session limit',
    'wager limit',
    'daily deposit limit',
    'weekly loss limit',
  ],
  exclusion: ['6 months', '1 year', '5 years', 'a month', 'permanently', 'forever', '3 months'],
  countryBody: [
    'the MGA',
    'UKGC',
    'Curacao eGaming',
    'the gambling commission',
    'the regulator',
    'Spelinspektionen',
  ],
  reviewSite: [
    'Trustpilot',
    'AskGamblers',
    'Casino Guru',
    'reddit',
    'every forum',
    'twitter',
    'google reviews',
  ],
  agentName: [
    'Anna',
    'Mark',
    'Sofia',
    'Lucas',
    'Emma',
    'David',
    'Maria',
    'Alex',
    'Nina',
    'Tom',
    'Elena',
    'Ivan',
  ],
} as const;

  | keyof typeof SLOTS
  | 'amount'
  | 'cryptoAmount'
  | 'tx'
  | 'betId'
  | 'otp'
  | 'hours'
  | 'n';

function fillSlot(name: string, rng: Rng): string {
  switch (name) {
    case 'amount': {
      const n = rng.pick(ROUND_AMOUNTS);
      return rng.chance(0.12) ? rng.pick(CRYPTO_AMOUNTS) : rng.pick(FIAT_FORMATS)(n);
    }
    case 'cryptoAmount':
      return rng.pick(CRYPTO_AMOUNTS);
    case 'tx':
      return `${rng.pick(['TX', 'ID ', '#', 'tx ', ''])}${rng.int(1000000, 99999999)}`;
    case 'betId':
      return `${rng.pick(['#', 'ID ', 'bet id ', ''])}${rng.int(100000000, 999999999)}`;
    case 'otp':
      return String(rng.int(100000, 999999));
    case 'hours':
      return String(rng.int(2, 30));
    case 'n':
      return String(rng.int(2, 6));
    default: {
      const values = (SLOTS as Record<string, readonly string[]>)[name];
      if (!values) throw new Error(`template uses unknown slot {${name}}`);
      return rng.pick(values);
    }
  }
}

/** Replaces every `{slot}` in a template with a value drawn from `rng`. */
export function fillTemplate(template: string, rng: Rng): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => fillSlot(name, rng));
}
