import type { Sentiment } from '@sa/shared';
import { EMOJI } from './banks/tone.ts';
import type { Rng } from './random.ts';

/**
 * How players actually type: shorthand, misspellings, no capitals or no
 * punctuation, caps lock when angry, emoji. Every change here keeps the
 * meaning, so the labels chosen before stay true.
 */
const SLANG: readonly [RegExp, readonly string[]][] = [
  [/\byou\b/gi, ['u', 'you', 'ya']],
  [/\byour\b/gi, ['ur', 'your', 'yr']],
  [/\bplease\b/gi, ['pls', 'plz', 'please', 'plis']],
  [/\bthanks\b/gi, ['thx', 'thanks', 'tnx', 'thank u']],
  [/\bthank you\b/gi, ['thank u', 'ty', 'thank you', 'thankyou']],
  [/\bbecause\b/gi, ['cuz', 'bc', 'because']],
  [/\bare\b/gi, ['r', 'are']],
  [/\bI am\b/g, ["I'm", 'im', 'i am', 'Im']],
  [/\bdo not\b/gi, ["don't", 'dont', 'do not']],
  [/\bcannot\b/gi, ["can't", 'cant', 'can not', 'cannot']],
  [/\bdoes not\b/gi, ["doesn't", 'doesnt', 'does not']],
  [/\bwithdrawal\b/gi, ['withdrawl', 'withdraw', 'withdrawal', 'withdrawel']],
  [/\bverification\b/gi, ['verifcation', 'verification', 'verificaton']],
  [/\baccount\b/gi, ['acc', 'account', 'acount', 'accout']],
  [/\bminutes\b/gi, ['mins', 'min', 'minutes']],
  [/\bpassword\b/gi, ['pass', 'pw', 'password', 'pasword']],
  [/\bdeposit\b/gi, ['deposit', 'depo', 'deposite', 'dep']],
  [/\bplease help\b/gi, ['pls help', 'help me pls', 'HELP']],
  [/\bwhat\b/gi, ['wat', 'what', 'wht']],
  [/\bnow\b/gi, ['now', 'rn', 'right now']],
];

function typo(word: string, rng: Rng): string {
  if (word.length < 4 || !/^[a-z]+$/i.test(word)) return word;
  const i = rng.int(1, word.length - 2);
  switch (rng.int(0, 3)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + word[i] + word.slice(i);
    default:
      return word.slice(0, i) + word[i - 1] + word.slice(i + 1);
  }
}

function withTypos(text: string, count: number, rng: Rng): string {
  const words = text.split(' ');
  for (let n = 0; n < count; n++) {
    const i = rng.int(0, words.length - 1);
    words[i] = typo(words[i] as string, rng);
  }
  return words.join(' ');
}

const SHOUT_RATE: Record<Sentiment, number> = { angry: 0.3, negative: 0.04, neutral: 0.01, positive: 0.01 };
const EMOJI_RATE: Record<Sentiment, number> = { angry: 0.3, negative: 0.18, neutral: 0.04, positive: 0.35 };
const END_MARKS: Record<Sentiment, readonly string[]> = {
  angry: ['!!!', '!!', '???', '?!?!', '!!!!!!', ''],
  negative: ['...', '!', '??', '.', ''],
  neutral: ['?', '.', '', ''],
  positive: ['!', '!!', '.', ' :)', ''],
};

export function addNoise(text: string, sentiment: Sentiment, rng: Rng): string {
  let out = text;
  if (rng.chance(0.3)) {
    for (const [pattern, options] of SLANG) {
      if (rng.chance(0.6)) out = out.replace(pattern, () => rng.pick(options));
    }
  }
  if (rng.chance(0.22)) out = withTypos(out, rng.int(1, 2), rng);
  const casing = rng.next();
  if (rng.chance(SHOUT_RATE[sentiment])) out = out.toUpperCase();
  else if (casing < 0.35) out = out.toLowerCase();
  else if (casing < 0.75) out = out.charAt(0).toUpperCase() + out.slice(1);
  if (rng.chance(0.35)) out = out.replace(/[.,](?!\d)/g, '');
  if (!/[?!.…)]$/u.test(out) && rng.chance(0.5)) out += rng.pick(END_MARKS[sentiment]);
  if (rng.chance(EMOJI_RATE[sentiment])) {
    const emoji = rng.pick(EMOJI[sentiment]);
    out = rng.chance(0.8) ? `${out} ${emoji.repeat(rng.int(1, 3))}` : `${emoji} ${out}`;
  }
  return out.trim();
}
