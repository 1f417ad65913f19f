import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty, widgetIsBuilt } from '../../src/cli/commands/demo.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';
import type { Store } from '../../src/store/Store.ts';

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sa-demo-'));
  store = await openPGliteStore(path.join(dir, 'db'));
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('sa demo', () => {
  it('seeds an empty store with labelled demo traffic for site default, and only once', async () => {
    const seeded = await seedIfEmpty(store, 200);
    expect(seeded).toBeGreaterThanOrEqual(200);
    expect(await store.countMessages('default')).toBe(seeded);
    const page = await store.listMessages('default', { filters: { roles: ['customer'] }, limit: 5 });
    expect(page.messages.every((m) => m.labelled_by === 'human' && m.topics.length > 0)).toBe(true);
    expect(await seedIfEmpty(store, 200)).toBe(0);
    expect(await store.countMessages('default')).toBe(seeded);
  });

  it('counts the widget as built only with its loader and a demo page', async () => {
    const dist = path.join(dir, 'dist');
    expect(await widgetIsBuilt(dist)).toBe(false);
    await mkdir(dist, { recursive: true });
    await writeFile(path.join(dist, 'widget.js'), '');
    expect(await widgetIsBuilt(dist)).toBe(false);
    await writeFile(path.join(dist, 'demo.html'), '');
    expect(await widgetIsBuilt(dist)).toBe(true);
  });
});
