/**
 * Text normalisation for the deterministic planner: lower case, no diacritics, no apostrophes
 * ("can't" → "cant"), punctuation folded to spaces, so one lexicon entry matches every spelling.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`´]/g, '')
    .replace(/%/g, ' % ')
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();
}

export function tokens(normalized: string): string[] {
  return normalized === '' ? [] : normalized.split(' ');
}

/** Optimal-string-alignment distance: edits plus adjacent swaps ("withdrawl", "recieve"), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let j = 0; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
  }
  return at(a.length, b.length);
}

const compiled = new Map<string, RegExp>();

/**
 * Whether the normalised text contains one of the alternatives in `source` as whole words. Patterns are
 * compiled once and reused: the planner tests hundreds per question.
 */
export function hasWords(text: string, source: string): boolean {
  let re = compiled.get(source);
  if (!re) {
    re = new RegExp(`(?:^| )(?:${source})(?: |$)`, 'u');
    compiled.set(source, re);
  }
  return re.test(text);
}
