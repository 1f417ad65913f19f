import type { z } from 'zod';

/** The model folder is missing a file or a file does not match the model contract. */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
  constructor(
    message: string,
    /** The model location and, where known, the file at fault. */
    readonly source: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Input the classifier cannot take (empty or too-long text, a bad custom topic, a bad option). */
export class ClassifierInputError extends Error {
  override readonly name = 'ClassifierInputError';
  constructor(
    message: string,
    readonly issues: { path: (string | number)[]; message: string }[] = [],
  ) {
    super(message);
  }

  static fromZod(what: string, error: z.ZodError): ClassifierInputError {
    const issues = error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
    }));
    const first = issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    return new ClassifierInputError(`${what}: ${first?.message ?? 'invalid'}${where}`, issues);
  }
}

/** A message between the page and the classifier worker broke the protocol, or the worker failed. */
export class WorkerProtocolError extends Error {
  override readonly name = 'WorkerProtocolError';
}

/** The classifier was used after dispose(). */
export class ClassifierDisposedError extends Error {
  override readonly name = 'ClassifierDisposedError';
  constructor() {
    super('the classifier was disposed');
  }
}
