// The classifier's Web Worker entry, re-exported here so Vite bundles it as its own file next to the app.
import '@sa/shared/classifier/worker';
