export * from './jsonSchema.ts';
export * from './schemas/chat.ts';
export * from './schemas/enums.ts';
export * from './schemas/errors.ts';
export * from './schemas/message.ts';
export * from './schemas/query.ts';
export * from './schemas/result.ts';
export * from './taxonomy.ts';
