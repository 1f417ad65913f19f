import type { z } from 'zod';

export interface WebhookIssue {
  path: string;
  message: string;
}

/** A webhook body that is not the platform's documented shape; the receiver answers 400 with the issues. */
export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';
  constructor(
    message: string,
    readonly issues: WebhookIssue[] = [],
  ) {
    super(message);
  }

  /** `prefix`: where the parsed value sits in the body (`payload` for a LiveChat payload). */
  static fromZod(platform: string, error: z.ZodError, prefix: string[] = []): WebhookPayloadError {
    const issues = error.issues.map((i) => ({
      path: [...prefix, ...i.path.map(String)].join('.') || '(root)',
      message: i.message,
    }));
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    return new WebhookPayloadError(
      `not a ${platform} webhook body: ${first?.path}: ${first?.message}${more}`,
      issues,
    );
  }
}
