/**
 * The message taxonomy (v2), encoded once. Every other package reads topics,
 * sentiments and their descriptions from here (spec: shared/spec/taxonomy.md).
 */

export const TOPICS = [
  'deposit',
  'withdrawal',
  'verification',
  'account_access',
  'bonus',
  'game_issue',
  'technical',
  'responsible_gambling',
  'account_details',
  'other',
] as const;

export type TopicId = (typeof TOPICS)[number];

export const SENTIMENTS = ['angry', 'negative', 'neutral', 'positive'] as const;
export type SentimentId = (typeof SENTIMENTS)[number];

export const SOURCES = ['livechat', 'telegram'] as const;
export const AUTHOR_ROLES = ['customer', 'agent', 'bot'] as const;

export const LEGACY_CATEGORIES = [
  'bonus',
  'deposit',
  'withdraw',
  'game_issue',
  'login_account',
  'anger_feedback',
  'other',
] as const;
export type LegacyCategory = (typeof LEGACY_CATEGORIES)[number];

/**
 * Display names, kept apart from the descriptions below (which the classifier and the chat read) so that a page
 * showing only names, like the widget, does not ship the descriptions.
 */
export const TOPIC_LABELS: Record<TopicId, string> = {
  deposit: 'Deposits',
  withdrawal: 'Withdrawals',
  verification: 'Verification',
  account_access: 'Account access',
  bonus: 'Bonuses',
  game_issue: 'Game issues',
  technical: 'Technical',
  responsible_gambling: 'Responsible gambling',
  account_details: 'Account details',
  other: 'Other',
};

export const SENTIMENT_LABELS: Record<SentimentId, string> = {
  angry: 'Angry',
  negative: 'Negative',
  neutral: 'Neutral',
  positive: 'Positive',
};

export interface TopicInfo {
  id: TopicId;
  label: string;
  description: string;
  legacy: LegacyCategory;
}

export const TOPIC_INFO: Record<TopicId, TopicInfo> = {
  deposit: {
    id: 'deposit',
    label: TOPIC_LABELS.deposit,
    description:
      'money in: deposit not credited or missing, payment declined or failed, deposit methods, minimums, currencies, crypto deposits',
    legacy: 'deposit',
  },
  withdrawal: {
    id: 'withdrawal',
    label: TOPIC_LABELS.withdrawal,
    description:
      'money out: pending or delayed cash-out, rejected, cancelled or reversed withdrawal, methods, limits, fees, processing time',
    legacy: 'withdraw',
  },
  verification: {
    id: 'verification',
    label: TOPIC_LABELS.verification,
    description:
      'KYC: document upload, proof of identity / address / age, selfie, source of funds, verification status and delays',
    legacy: 'login_account',
  },
  account_access: {
    id: 'account_access',
    label: TOPIC_LABELS.account_access,
    description:
      'getting in: login failures, password reset, 2FA / SMS codes, blocked, locked or suspended account, registration problems',
    legacy: 'login_account',
  },
  bonus: {
    id: 'bonus',
    label: TOPIC_LABELS.bonus,
    description:
      'promotions: welcome or deposit bonus, free spins, promo codes, wagering / rollover, cashback, loyalty / VIP points, bonus missing or forfeited',
    legacy: 'bonus',
  },
  game_issue: {
    id: 'game_issue',
    label: TOPIC_LABELS.game_issue,
    description:
      "play: game freezes, crashes or won't load, spin / bet / round not settled, disputed result or payout, fairness / RTP, sports bet settlement, a game missing",
    legacy: 'game_issue',
  },
  technical: {
    id: 'technical',
    label: TOPIC_LABELS.technical,
    description:
      'the platform, not one game or payment: site or app down or slow, error pages, app install / update, browser or device problems',
    legacy: 'game_issue',
  },
  responsible_gambling: {
    id: 'responsible_gambling',
    label: TOPIC_LABELS.responsible_gambling,
    description:
      'self-exclusion, cooling-off, deposit / loss / session limits for control, statements of gambling harm, closing the account because of gambling',
    legacy: 'other',
  },
  account_details: {
    id: 'account_details',
    label: TOPIC_LABELS.account_details,
    description:
      'profile: change of e-mail / phone / name / address / currency, closing the account (not for gambling harm), privacy and data requests, marketing opt-out',
    legacy: 'login_account',
  },
  other: {
    id: 'other',
    label: TOPIC_LABELS.other,
    description: 'greetings, thanks, small talk, unrelated or unclear',
    legacy: 'other',
  },
};

export const SENTIMENT_INFO: Record<SentimentId, { id: SentimentId; label: string; description: string }> = {
  angry: {
    id: 'angry',
    label: SENTIMENT_LABELS.angry,
    description:
      'hostility: insults, threats (chargeback, regulator, lawyer, public reviews), "scam" / "thieves", shouting',
  },
  negative: {
    id: 'negative',
    label: SENTIMENT_LABELS.negative,
    description: 'dissatisfied or frustrated, but civil',
  },
  neutral: { id: 'neutral', label: SENTIMENT_LABELS.neutral, description: 'plain questions and statements' },
  positive: { id: 'positive', label: SENTIMENT_LABELS.positive, description: 'thanks, praise, relief' },
};

/** What a legacy (v1) label implies in v2: candidate topics (a hint, not ground truth) and a sentiment. */
export interface LegacyHint {
  topics: TopicId[];
  sentiment?: SentimentId;
}

export function mapLegacyCategory(category: LegacyCategory): LegacyHint {
  if (category === 'anger_feedback') return { topics: [], sentiment: 'angry' };
  return { topics: TOPICS.filter((t) => TOPIC_INFO[t].legacy === category) };
}
