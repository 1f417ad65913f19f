import { CustomTopicList } from '@sa/shared/classifier';
import { TOPICS, type TopicId } from '@sa/shared/taxonomy';
import { z } from 'zod';

/** The sites the extension can tag on; each has a content-script adapter. */
export const SITES = ['livechat', 'telegram'] as const;
export type SiteId = (typeof SITES)[number];

const HexColour = z.string().regex(/^#[0-9a-f]{6}$/i, 'colour: #rrggbb');

/**
 * Default topic colours: mid-tone hues chosen so white text on them is not required — tags draw
 * the colour as a swatch and border only, and the label in the theme's own text colour.
 */
export const DEFAULT_TOPIC_COLOURS: Record<TopicId, string> = {
  deposit: '#2e7d32',
  withdrawal: '#1565c0',
  verification: '#6a1b9a',
  account_access: '#c62828',
  bonus: '#ef6c00',
  game_issue: '#00838f',
  technical: '#546e7a',
  responsible_gambling: '#ad1457',
  account_details: '#4e342e',
  other: '#757575',
};

export const Settings = z
  .object({
    /** The analytics proxy the side panel talks to. */
    proxyUrl: z.url({
      protocol: /^https?$/,
      error: 'proxy URL: an http(s) URL, e.g. https://analytics.example.com/',
    }),
    siteKey: z.string().trim().max(200),
    tagsEnabled: z.boolean(),
    sites: z.record(z.enum(SITES), z.boolean()),
    topicColours: z.record(z.string(), HexColour),
    customTopics: CustomTopicList,
  })
  .strict();
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  proxyUrl: 'http://127.0.0.1:8787/',
  siteKey: '',
  tagsEnabled: true,
  sites: { livechat: true, telegram: true },
  topicColours: { ...DEFAULT_TOPIC_COLOURS },
  customTopics: [],
};

/** Settings from whatever storage holds: missing keys take defaults, an unreadable stored value is reported. */
export function readSettings(stored: Record<string, unknown>): Settings {
  const merged = {
    ...DEFAULT_SETTINGS,
    ...stored,
    sites: { ...DEFAULT_SETTINGS.sites, ...(stored.sites as object | undefined) },
    topicColours: { ...DEFAULT_SETTINGS.topicColours, ...(stored.topicColours as object | undefined) },
  };
  const parsed = Settings.safeParse(merged);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SettingsError(`stored settings: ${issue?.message} at ${issue?.path.join('.') || '(root)'}`);
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function colourOf(settings: Pick<Settings, 'topicColours'>, topic: string): string {
  return settings.topicColours[topic] ?? DEFAULT_TOPIC_COLOURS[topic as TopicId] ?? '#757575';
}

export function isBuiltInTopic(topic: string): topic is TopicId {
  return (TOPICS as readonly string[]).includes(topic);
}

/** Storage area the settings live in: sync, so an agent's choices follow them between machines. */
export const SETTINGS_AREA = 'sync';
