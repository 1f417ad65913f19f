/**
 * The widget as an ES module, for apps that bundle it (and the extension's side panel):
 * `import { mount } from '@sa/widget'`.
 */
export { type MountOptions, mount, type WidgetHandle } from './mount.tsx';
export type { FilterPatch } from './state/filters.ts';
export type { Theme, View, WidgetState } from './state/widget.ts';
