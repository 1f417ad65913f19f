/**
 * Bad time input: an unknown zone, an unparseable instant, an impossible date ("31 Feb") or a window whose
 * end is not after its start. `phrase` is the offending words or value, so a caller can point at it.
 */
export class TimeWindowError extends Error {
  override readonly name = 'TimeWindowError';
  readonly code = 'invalid_time_window';
  constructor(
    message: string,
    readonly phrase?: string,
  ) {
    super(message);
  }
}
