// The classifier's Web Worker entry, re-exported here so Vite bundles it as its own file next to the app.
// jitless first: module order is evaluation order, so zod is configured before the worker parses anything.
import './jitless.ts';
import '@sa/shared/classifier/worker';
