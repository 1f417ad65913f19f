export { type CivilDate, type CivilDateTime, isoWeekday } from './calendar.ts';
export { describeWindow } from './describe.ts';
export { TimeWindowError } from './errors.ts';
export { inferCalendarUnit, previousWindow, TO_DATE_TOLERANCE_MS } from './previous.ts';
export { DEFAULT_WINDOW_DAYS, defaultWindow, resolveTimeWindow } from './resolve.ts';
export * from './types.ts';
export { formatIso, fromCivil, offsetMs, toCivil } from './zoned.ts';
