/**
 * Where the app's gzip bytes go: builds the widget with source maps into a temporary folder and splits every
 * file the 45 KB target counts (bench/sizes.ts) by the source module each minified byte came from.
 * `npx tsx bench/attribute.ts` prints, per module, its minified bytes, its bytes gzipped alone, and its
 * marginal gzip cost (how much smaller its file's gzip gets without it: the number a cut would save).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map';
import { build } from 'vite';
import { REPO_ROOT, WIDGET_DIR } from '../test/browser/harness.ts';
import { roles } from './sizes.ts';

interface Segment {
  start: number;
  end: number;
  source: string;
}

const gzLen = (s: string) => gzipSync(s).length;

/** Source names as people read them: `preact/hooks/…`, `shared/src/time/zoned.ts`, `widget/src/…`. */
function readable(source: string, mapDir: string): string {
  const npm = source.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(.+)$/);
  if (npm) return `npm:${npm[1]}`;
  return path.relative(REPO_ROOT, path.resolve(mapDir, source)).replace(/\\/g, '/');
}

/**
 * The generated code split into runs of one source each. Bytes without a mapping are the stylesheet (inlined as
 * a string by `?inline`, which carries no map) or the bundler's own glue.
 */
async function segments(code: string, map: unknown, mapDir: string): Promise<Segment[]> {
  const lineStart = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStart.push(i + 1);
  const marks: { at: number; source: string | null }[] = [];
  await SourceMapConsumer.with(map as never, null, (consumer) => {
    consumer.eachMapping(
      (m) =>
        marks.push({ at: (lineStart[m.generatedLine - 1] as number) + m.generatedColumn, source: m.source }),
      null,
      SourceMapConsumer.GENERATED_ORDER,
    );
  });
  marks.sort((a, b) => a.at - b.at);
  const out: Segment[] = [];
  const push = (start: number, end: number, source: string | null) => {
    if (end <= start) return;
    const text = code.slice(start, end);
    const name = source
      ? readable(source, mapDir)
      : text.includes('.sa-root{')
        ? 'widget/src/styles/widget.css (inlined)'
        : '(unmapped) bundler glue';
    const last = out.at(-1);
    if (last && last.source === name && last.end === start) last.end = end;
    else out.push({ start, end, source: name });
  };
  push(0, marks[0]?.at ?? code.length, null);
  marks.forEach((m, i) => {
    push(m.at, marks[i + 1]?.at ?? code.length, m.source);
  });
  return out;
}

async function main() {
  const dist = mkdtempSync(path.join(tmpdir(), 'sa-widget-attr-'));
  try {
    await build({
      root: WIDGET_DIR,
      configFile: path.join(WIDGET_DIR, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: dist, emptyOutDir: true, sourcemap: true },
    });
    const { app, rel } = roles(dist);
    const rows: {
      module: string;
      file: string;
      min_bytes: number;
      gzip_alone: number;
      gzip_marginal: number;
    }[] = [];
    let total = 0;
    for (const file of app) {
      const code = readFileSync(file, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '');
      const whole = gzLen(code);
      total += whole;
      // A chunk written by a plugin's load hook (the preload stub) has no map: all of it is glue.
      const segs = existsSync(`${file}.map`)
        ? await segments(code, JSON.parse(readFileSync(`${file}.map`, 'utf8')), path.dirname(file))
        : [{ start: 0, end: code.length, source: '(unmapped) bundler glue' }];
      for (const source of new Set(segs.map((s) => s.source))) {
        const mine = segs.filter((s) => s.source === source);
        const rest = segs.filter((s) => s.source !== source);
        const text = (list: Segment[]) => list.map((s) => code.slice(s.start, s.end)).join('');
        rows.push({
          module: source,
          file: rel(file),
          min_bytes: mine.reduce((n, s) => n + s.end - s.start, 0),
          gzip_alone: gzLen(text(mine)),
          gzip_marginal: whole - gzLen(text(rest)),
        });
      }
    }
    rows.sort((a, b) => b.gzip_marginal - a.gzip_marginal);
    console.table(rows);
    const groups = new Map<string, number>();
    for (const r of rows) {
      const g = r.module.startsWith('npm:')
        ? (r.module.match(/^npm:((?:@[^/]+\/)?[^/]+)/)?.[1] ?? r.module)
        : r.module.split('/').slice(0, 3).join('/');
      groups.set(g, (groups.get(g) ?? 0) + r.gzip_marginal);
    }
    console.table(
      [...groups]
        .sort((a, b) => b[1] - a[1])
        .map(([group, marginal]) => ({ group, gzip_marginal_sum: marginal })),
    );
    console.log(
      `app files gzip total ${total} B (${(total / 1024).toFixed(2)} KB); marginal costs overlap, so they sum to less`,
    );
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}

await main();
