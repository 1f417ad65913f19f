import { z } from 'zod';
import { StoreInputError } from './errors.ts';

/** A position in the newest-first order of messages: the last row of a page. */
export const CursorPosition = z.object({ at: z.string(), id: z.string() });
export type CursorPosition = z.infer<typeof CursorPosition>;

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    return CursorPosition.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new StoreInputError('cursor is not one this store handed out; start again without a cursor', [
      { path: 'cursor', message: 'unrecognised cursor' },
    ]);
  }
}
