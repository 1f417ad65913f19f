import { defineManifest } from '@crxjs/vite-plugin';
import pkg from '../package.json' with { type: 'json' };

/** Host pages the content script tags on; the options choose which of them are on. */
export const TAG_HOSTS = [
  'https://my.livechatinc.com/*',
  'https://web.telegram.org/k/*',
  'https://web.telegram.org/a/*',
];

export default defineManifest({
  manifest_version: 3,
  name: 'Support analytics',
  description:
    'Topic and sentiment tags on customer messages in LiveChat and Telegram Web, and the analytics dashboard in a side panel.',
  version: pkg.version,
  minimum_chrome_version: '116',
  action: { default_title: 'Open support analytics' },
  background: { service_worker: 'src/background/main.ts', type: 'module' },
  side_panel: { default_path: 'src/sidepanel/sidepanel.html' },
  options_page: 'src/options/options.html',
  permissions: ['sidePanel', 'storage', 'offscreen'],
  // A proxy on this machine (the usual test and demo setup) is reachable without a prompt; any other
  // proxy host is asked for when it is saved in the options.
  host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
  optional_host_permissions: ['https://*/*', 'http://*/*'],
  content_scripts: [{ matches: TAG_HOSTS, js: ['src/content/main.ts'], run_at: 'document_idle' }],
  content_security_policy: {
    extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
  },
});
