import { z } from 'zod';
import { IsoDateTime } from '../schemas/enums.ts';
import { CALENDAR_UNITS } from './calendar.ts';

export { CALENDAR_UNITS };
export const CalendarUnit = z.enum(CALENDAR_UNITS);
export type CalendarUnit = z.infer<typeof CalendarUnit>;

/**
 * A window with what compare_previous needs to know about it: `unit` when it is one calendar unit (null for
 * rolling windows such as "last 48 hours"), `to_date` when it ends at "now" rather than at a unit's end.
 */
export const TimeWindow = z.object({
  from: IsoDateTime.describe('Start, inclusive'),
  to: IsoDateTime.describe('End, exclusive'),
  unit: CalendarUnit.nullable(),
  to_date: z.boolean(),
});
export type TimeWindow = z.infer<typeof TimeWindow>;

/** A window found in a question: `phrase` is the words matched (verbatim), `label` the window in words. */
export const ResolvedWindow = TimeWindow.extend({
  phrase: z.string(),
  label: z.string(),
});
export type ResolvedWindow = z.infer<typeof ResolvedWindow>;

/** An instant as an ISO 8601 string or a Date. */
export type Instant = string | Date;
