import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWindow, previousWindow, resolveTimeWindow } from '../src/index.ts';

// The widget runs these functions in the browser: the same bundle must give the same answers there, with the
// browser's own Intl time-zone data.
const QUESTIONS = [
  'today',
  'yesterday',
  'last week',
  'last 7 days',
  'this month',
  'in December',
  'since Monday',
  'between 1 Nov and 10 Nov',
  'Q3',
  'the last fortnight',
  'over the weekend',
  'last 48 hours',
  'last three days',
  '16/11/2026',
  'Nov 16-22',
  'complaints per topic',
  'on 31 Feb',
];
const CLOCKS: [now: string, zone: string][] = [
  ['2026-11-25T14:00:00+01:00', 'Europe/Berlin'],
  ['2026-03-30T10:00:00+02:00', 'Europe/Berlin'],
  ['2026-11-02T12:00:00-05:00', 'America/New_York'],
  ['2026-09-07T10:00:00-03:00', 'America/Santiago'],
];

interface TimeApi {
  resolveTimeWindow: typeof resolveTimeWindow;
  previousWindow: typeof previousWindow;
  describeWindow: typeof describeWindow;
}

function answers(api: TimeApi, questions: string[], clocks: [string, string][]): unknown[] {
  return clocks.flatMap(([now, zone]) =>
    questions.map((q) => {
      try {
        const w = api.resolveTimeWindow(q, new Date(now), zone);
        if (!w) return null;
        return {
          ...w,
          previous: w.unit ? api.previousWindow(w, zone) : null,
          described: api.describeWindow(w.from, w.to, zone, new Date(now)),
        };
      } catch (error) {
        return (error as Error).message;
      }
    }),
  );
}

let context: BrowserContext;
let userDataDir: string;

beforeAll(async () => {
  userDataDir = await mkdtemp(path.join(tmpdir(), 'sa-time-browser-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

describe('time words in a browser', () => {
  it('give the same windows, labels and errors in Chromium as in Node', async () => {
    const bundle = await build({
      stdin: {
        contents: "export { describeWindow, previousWindow, resolveTimeWindow } from './index.ts';",
        resolveDir: path.resolve(import.meta.dirname, '../src/time'),
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      globalName: 'timeApi',
      platform: 'browser',
      target: 'es2022',
      write: false,
    });
    const page = await context.newPage();
    await page.setContent('<!doctype html><title>time</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
    // `answers` touches nothing outside its arguments, so its source runs as is in the page.
    const inBrowser = await page.evaluate(
      `(${answers.toString()})(timeApi, ${JSON.stringify(QUESTIONS)}, ${JSON.stringify(CLOCKS)})`,
    );
    const inNode = answers({ resolveTimeWindow, previousWindow, describeWindow }, QUESTIONS, CLOCKS);
    expect(inNode.filter((a) => a !== null && typeof a === 'object')).toHaveLength(60);
    expect(inBrowser).toEqual(inNode);
  }, 60_000);
});
