export * from './config/index.ts';
export { API_VERSION, type AppDeps, createApp } from './http/app.ts';
export type { AppEnv, AppVariables } from './http/env.ts';
export { HttpError, issueDetails, validationError } from './http/errors.ts';
export { createJsonLogger, type Logger } from './http/logger.ts';
export { buildOpenApi } from './http/openapi.ts';
export type { ModelHealth } from './http/routes/health.ts';
export { ListenError, listen, type RunningServer } from './http/server.ts';
