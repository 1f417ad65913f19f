import type { Sentiment, Source, Topic } from '@sa/shared';
import { AUTHOR_ROLES, type AuthorRole, SENTIMENTS, SOURCES, TOPICS } from '@sa/shared';
import { NOT_TYPOS, ROLE_TERMS, SENTIMENT_TERMS, SOURCE_TERMS, type Term, TOPIC_TERMS } from './lexicon.ts';
import { editDistance } from './text.ts';

export type Dimension = 'topics' | 'sources' | 'sentiments' | 'roles';

export interface Hit {
  dimension: Dimension;
  values: string[];
  /** Token span [start, end). */
  start: number;
  end: number;
  negated: boolean;
  /** Named after a removal verb ("drop the telegram filter"): taken out of the current selection. */
  removed: boolean;
}

interface Pattern {
  dimension: Dimension;
  values: string[];
  words: string[];
  /** The last word is a stem (`*`). */
  stem: boolean;
}

function compile<T extends string>(dimension: Dimension, terms: readonly Term<T | T[]>[]): Pattern[] {
  return terms.flatMap((term) =>
    term.phrases.map((phrase) => {
      const stem = phrase.endsWith('*');
      return {
        dimension,
        values: Array.isArray(term.value) ? [...term.value] : [term.value as string],
        words: (stem ? phrase.slice(0, -1) : phrase).split(' '),
        stem,
      };
    }),
  );
}

const PATTERNS: Pattern[] = [
  ...compile('topics', TOPIC_TERMS),
  ...compile('sources', SOURCE_TERMS),
  ...compile('sentiments', SENTIMENT_TERMS),
  ...compile('roles', ROLE_TERMS),
];

/** Patterns by the first letter of their first word: every match (typos included) starts with that letter. */
const BY_FIRST_LETTER = new Map<string, Pattern[]>();
for (const p of PATTERNS) {
  const letter = p.words[0]?.[0] ?? '';
  BY_FIRST_LETTER.set(letter, [...(BY_FIRST_LETTER.get(letter) ?? []), p]);
}

/** Every exact word of the lexicon: a token that is one of them is never read as a typo of another. */
const KNOWN_WORDS = new Set(PATTERNS.flatMap((p) => p.words));

function allowedTypos(length: number): number {
  if (length < 5) return 0;
  return length >= 9 ? 2 : 1;
}

/** Stems long enough that one typo cannot land on another everyday word ("depposit", "withdrwal"). */
const MIN_TYPO_STEM = 7;

function stemWithTypo(token: string, stem: string): boolean {
  if (stem.length < MIN_TYPO_STEM || token.length < stem.length - 1) return false;
  for (const cut of [stem.length - 1, stem.length, stem.length + 1]) {
    if (cut <= token.length && editDistance(token.slice(0, cut), stem, 1) <= 1) return true;
  }
  return false;
}

function wordMatches(token: string, word: string, stem: boolean, single: boolean): boolean {
  if (stem ? token.startsWith(word) : token === word) return true;
  // Typos are read only in single-word terms, never in the first letter, and never in a lexicon or everyday word.
  if (!single || KNOWN_WORDS.has(token) || NOT_TYPOS.has(token) || token[0] !== word[0]) return false;
  if (stem) return stemWithTypo(token, word);
  const typos = allowedTypos(word.length);
  return typos > 0 && editDistance(token, word, typos) <= typos;
}

function matchAt(toks: string[], i: number, p: Pattern): number {
  const single = p.words.length === 1;
  for (let k = 0; k < p.words.length; k++) {
    const token = toks[i + k];
    const word = p.words[k] as string;
    if (token === undefined) return 0;
    const last = k === p.words.length - 1;
    if (!wordMatches(token, word, p.stem && last, single)) return 0;
  }
  return p.words.length;
}

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'didnt',
  'dont',
  'doesnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'havent',
  'hasnt',
  'hadnt',
  'excluding',
  'exclude',
  'except',
  'without',
  'non',
  'besides',
  'minus',
  'ignoring',
]);
/** Verbs that take a value out of the current selection: a filter that named it loses it, else it is excluded. */
const REMOVERS = new Set([
  'drop',
  'remove',
  'removing',
  'dropping',
  'clear',
  'forget',
  'lose',
  'undo',
  'untick',
]);
const NEGATOR_PAIRS = [
  ['other', 'than'],
  ['apart', 'from'],
  ['leave', 'out'],
  ['leaving', 'out'],
];
/** Words that may sit between a negator and what it negates ("excluding the angry and negative ones"). */
const FILLERS = new Set([
  'and',
  'or',
  'nor',
  'the',
  'any',
  'all',
  'a',
  'an',
  'from',
  'on',
  'in',
  'about',
  'of',
  'messages',
  'message',
  'ones',
  'chats',
  'related',
  'via',
  'to',
  'with',
  'for',
  'anything',
  'stuff',
  'those',
  'these',
  'them',
  'msgs',
  'tickets',
  'conversations',
  'regarding',
  'concerning',
  'filter',
  'filters',
  'have',
  'has',
  'had',
  'contain',
  'mention',
]);

function negatorEndsAt(toks: string[], i: number): boolean {
  const t = toks[i];
  if (t === undefined) return false;
  if (NEGATORS.has(t) || REMOVERS.has(t)) return true;
  return NEGATOR_PAIRS.some(([a, b]) => toks[i - 1] === a && t === b);
}

/**
 * Every lexicon mention in the tokens, longest match first and without overlaps, each marked negated when a
 * negator ("not", "excluding", "other than") governs it.
 */
export function findHits(toks: string[]): Hit[] {
  const candidates: Hit[] = [];
  for (let i = 0; i < toks.length; i++) {
    for (const p of BY_FIRST_LETTER.get(toks[i]?.[0] ?? '') ?? []) {
      const len = matchAt(toks, i, p);
      if (len > 0)
        candidates.push({
          dimension: p.dimension,
          values: p.values,
          start: i,
          end: i + len,
          negated: false,
          removed: false,
        });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Array<boolean>(toks.length).fill(false);
  const hits: Hit[] = [];
  for (const c of candidates) {
    let free = true;
    for (let k = c.start; k < c.end; k++) if (taken[k]) free = false;
    if (!free) continue;
    for (let k = c.start; k < c.end; k++) taken[k] = true;
    hits.push(c);
  }
  hits.sort((a, b) => a.start - b.start);
  markNegations(toks, hits);
  return hits;
}

function markNegations(toks: string[], hits: Hit[]): void {
  let negating = false;
  let removing = false;
  let cursor = 0;
  for (const hit of hits) {
    if (negating) {
      for (let k = cursor; k < hit.start; k++) {
        if (!FILLERS.has(toks[k] as string)) {
          negating = false;
          removing = false;
        }
      }
    }
    // "non-angry withdrawals": `non` negates only the word it is joined to.
    const prefixed = hit.start > 0 && toks[hit.start - 1] === 'non';
    // A negator governs a mention only across filler words: "not get their withdrawal" negates the verb.
    for (let k = cursor; k < hit.start; k++) {
      if (toks[k] !== 'non' && negatorEndsAt(toks, k)) {
        negating = toks.slice(k + 1, hit.start).every((t) => FILLERS.has(t));
        removing = negating && REMOVERS.has(toks[k] as string);
      }
    }
    hit.negated = negating || prefixed;
    hit.removed = removing && !prefixed;
    cursor = hit.end;
  }
}

const UNIVERSE: Record<Dimension, readonly string[]> = {
  topics: TOPICS,
  sources: SOURCES,
  sentiments: SENTIMENTS,
  roles: AUTHOR_ROLES,
};

/** What one dimension's hits say: the values asked for (complement of the negated ones), or null if unnamed. */
export function valuesOf(hits: Hit[], dimension: Dimension): string[] | null {
  const mine = hits.filter((h) => h.dimension === dimension);
  if (mine.length === 0) return null;
  const included = new Set(mine.filter((h) => !h.negated).flatMap((h) => h.values));
  const excluded = new Set(mine.filter((h) => h.negated).flatMap((h) => h.values));
  const base = included.size > 0 ? [...included] : [...UNIVERSE[dimension]];
  const values = UNIVERSE[dimension].filter((v) => base.includes(v) && !excluded.has(v));
  return values.length > 0 ? values : null;
}

export type Mentioned = {
  topics: Topic[] | null;
  sources: Source[] | null;
  sentiments: Sentiment[] | null;
  roles: AuthorRole[] | null;
};

export function mentioned(hits: Hit[]): Mentioned {
  return {
    topics: valuesOf(hits, 'topics') as Topic[] | null,
    sources: valuesOf(hits, 'sources') as Source[] | null,
    sentiments: valuesOf(hits, 'sentiments') as Sentiment[] | null,
    roles: valuesOf(hits, 'roles') as AuthorRole[] | null,
  };
}
