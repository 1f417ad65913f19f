/**
 * Zips the built extension (dist/extension) for the Chrome Web Store: manifest.json at the root,
 * nothing else beside it. fflate rather than a shell `zip`, which is not on every machine.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

const here = path.dirname(new URL(import.meta.url).pathname);
const dist = path.resolve(here, '../dist');
const unpacked = path.join(dist, 'extension');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

const manifest = JSON.parse(readFileSync(path.join(unpacked, 'manifest.json'), 'utf8'));
const entries = {};
for (const file of files(unpacked)) {
  entries[path.relative(unpacked, file).split(path.sep).join('/')] = [readFileSync(file), { level: 9 }];
}
const zip = zipSync(entries);
const out = path.join(dist, `support-analytics-${manifest.version}.zip`);
writeFileSync(out, zip);
console.log(`${out}: ${Object.keys(entries).length} files, ${(zip.length / 1024 / 1024).toFixed(1)} MiB`);
