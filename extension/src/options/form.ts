import { Settings } from '../settings.ts';

export interface OptionsForm {
  proxyUrl: string;
  siteKey: string;
  tagsEnabled: boolean;
  sites: Record<string, boolean>;
  topicColours: Record<string, string>;
  /** The custom topics as the user typed them (JSON). */
  customTopics: string;
}

/** The form's values as settings, or the first problem in words that point at the field to fix. */
export function parseOptionsForm(
  form: OptionsForm,
): { ok: true; settings: Settings } | { ok: false; error: string } {
  let customTopics: unknown;
  try {
    customTopics = form.customTopics.trim() ? JSON.parse(form.customTopics) : [];
  } catch (error) {
    return { ok: false, error: `Custom topics are not valid JSON: ${(error as Error).message}` };
  }
  const parsed = Settings.safeParse({ ...form, siteKey: form.siteKey.trim(), customTopics });
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
  return { ok: false, error: `${issue?.message ?? 'invalid settings'}${where}` };
}
