export * from './errors.ts';
export { openStore } from './openStore.ts';
export { openPGliteStore } from './pglite.ts';
export { openPostgresStore } from './postgres.ts';
export { MAX_PAGE_SIZE, type StoreOptions } from './SqlStore.ts';
export type * from './Store.ts';
export { DEFAULT_SITE } from './Store.ts';
