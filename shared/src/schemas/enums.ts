import { z } from 'zod';
import { AUTHOR_ROLES, SENTIMENTS, SOURCES, TOPICS } from '../taxonomy.ts';

export const Topic = z.enum(TOPICS).describe('A topic of the taxonomy');
export const Sentiment = z.enum(SENTIMENTS).describe('The sentiment of a message');
export const Source = z.enum(SOURCES).describe('Where the message came from');
export const AuthorRole = z.enum(AUTHOR_ROLES).describe('Who wrote the message');

export type Topic = z.infer<typeof Topic>;
export type Sentiment = z.infer<typeof Sentiment>;
export type Source = z.infer<typeof Source>;
export type AuthorRole = z.infer<typeof AuthorRole>;

/** ISO 8601 date-time with an offset (or Z). */
export const IsoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time with offset');
