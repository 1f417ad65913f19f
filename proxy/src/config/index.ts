export * from './config.ts';
export * from './siteKeys.ts';
export * from './storeTarget.ts';
