export * from './config/index.ts';
export { type AppDeps, createApp } from './http/app.ts';
export type { AppEnv, AppVariables } from './http/env.ts';
export { HttpError, issueDetails, validationError } from './http/errors.ts';
export { createJsonLogger, type Logger } from './http/logger.ts';
export type { ModelHealth } from './http/routes/health.ts';
