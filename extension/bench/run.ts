/**
 * Extension benchmark (run after `pnpm package`): DOM-to-tag latency on the LiveChat fixture (WASM,
 * headless), memory of the extension's renderer process (offscreen document + classifier worker)
 * before and after the model loads, and the packaged size. Prints a table, writes
 * bench/results/extension.json at the repository root.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, EXTENSION_DIR, launchWithExtension, serveFixtures } from '../test/browser/harness.ts';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);
const TEMPLATES = [
  'My withdrawal has been pending for %d days, where is my money?',
  'I deposited %d euros by card but my balance is still zero',
  'I forgot my password and the reset email never arrives, tried %d times',
  'The slot froze in the middle of spin %d and my bet is gone',
  'Where is my bonus of %d free spins from the promo code?',
];

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

/** Proportional set size of the processes Chromium runs this extension in (kB → MiB). */
function extensionProcessMiB(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium') || !cmd.includes('--extension-process')) continue;
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      total += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // The process ended while we looked.
    }
  }
  return total / 1024;
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const full = path.join(dir, name);
    const s = statSync(full);
    return sum + (s.isDirectory() ? dirBytes(full) : s.size);
  }, 0);
}

const site = await serveFixtures();
const browser = await launchWithExtension(site.port);
try {
  const blank = await browser.context.newPage();
  await blank.goto(`chrome-extension://${browser.extensionId}/src/options/options.html`);
  await new Promise((r) => setTimeout(r, 1000));
  const memoryBefore = extensionProcessMiB();

  const page = await browser.context.newPage();
  const firstStart = Date.now();
  await page.goto('https://my.livechatinc.com/chats/A1/T1');
  await page.waitForFunction(() => document.querySelectorAll('sa-topic-tag[data-topics]').length >= 2, null, {
    timeout: 120_000,
  });
  const coldMs = Date.now() - firstStart;
  await new Promise((r) => setTimeout(r, 1000));
  const memoryAfter = extensionProcessMiB();

  const latencies: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const text = (TEMPLATES[i % TEMPLATES.length] as string).replace('%d', String(i + 3));
    latencies.push(
      await page.evaluate(
        (t) =>
          new Promise<number>((resolve) => {
            const started = performance.now();
            const el = (window as unknown as { fixture: { add(r: string, t: string): Element } }).fixture.add(
              'customer',
              t,
            );
            const observer = new MutationObserver(() => {
              if (el.querySelector('sa-topic-tag[data-topics]')) {
                observer.disconnect();
                resolve(performance.now() - started);
              }
            });
            observer.observe(el, { subtree: true, childList: true, attributes: true });
          }),
        text,
      ),
    );
  }
  latencies.sort((a, b) => a - b);

  const zip = readdirSync(path.join(EXTENSION_DIR, 'dist')).find((f) => f.endsWith('.zip'));
  const zipBytes = zip ? statSync(path.join(EXTENSION_DIR, 'dist', zip)).size : Number.NaN;
  const chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  const result = {
    chromium,
    samples: SAMPLES,
    coldFirstTagsMs: coldMs,
    domToTagMs: { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: latencies.at(-1) },
    extensionProcessPssMiB: {
      beforeModel: memoryBefore,
      withModel: memoryAfter,
      delta: memoryAfter - memoryBefore,
    },
    packagedZipMiB: zipBytes / 1024 / 1024,
    unpackedMiB: dirBytes(DIST) / 1024 / 1024,
  };
  const f = (n: number) => n.toFixed(1);
  console.table({
    'DOM → tag p50 (ms)': f(result.domToTagMs.p50),
    'DOM → tag p95 (ms)': f(result.domToTagMs.p95),
    'first tags, cold (ms, incl. model load)': String(coldMs),
    'extension process PSS before model (MiB)': f(memoryBefore),
    'extension process PSS with model (MiB)': f(memoryAfter),
    'packaged zip (MiB)': f(result.packagedZipMiB),
    'unpacked (MiB)': f(result.unpackedMiB),
  });
  const out = path.resolve(EXTENSION_DIR, '../bench/results/extension.json');
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await site.close();
}
