/**
 * What the chat will not do, recognised before anything runs. Each rule is a pattern over the normalised
 * question; the first that matches names the reason given to the person. Refusals run no query.
 */
export const REFUSAL_KINDS = [
  'injection',
  'other_site',
  'forecast',
  'revenue',
  'personal_data',
  'off_topic',
] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

interface Rule {
  kind: RefusalKind;
  pattern: RegExp;
}

const w = (source: string) => new RegExp(`(?:^| )(?:${source})(?: |$)`);

const RULES: Rule[] = [
  {
    kind: 'injection',
    pattern: w(
      [
        '(?:ignore|disregard|forget|override|bypass|skip) (?:all |any |the |your |my |these |those |previous |prior |earlier |above |system |safety )*(?:instructions?|rules?|prompts?|guidelines|restrictions?|constraints|directives?|context|filters?|limits?)',
        '(?:system|developer|hidden|initial|original) (?:prompt|message|instructions?)',
        '(?:reveal|print|show|repeat|output|dump|leak|tell me) (?:me )?(?:your|the) (?:prompt|instructions?|rules|config\\w*|api keys?|keys?|secrets?|tools?)',
        'api keys?',
        'you are (?:now|no longer)',
        'from now on you',
        'pretend (?:to be|you)',
        'act as (?:a|an|if)',
        'roleplay',
        'role play',
        'jailbreak\\w*',
        'developer mode',
        'dan mode',
        'do anything now',
        'new instructions?',
        'admin mode',
        'sudo',
        'drop table',
        'delete (?:all |the |every )?(?:messages?|data|records?|rows?|tables?|database)',
        '^(?:please |pls |can you |could you |now )?(?:delete|erase|wipe|purge) (?:\\w+ ){0,3}(?:messages?|msgs|data|records?|rows?|tables?|database|chats?|conversations?|everything)',
        'truncate',
        'select \\* from',
        'union select',
        'run (?:this |the following )?sql',
        'raw sql',
        'execute (?:this |the following )?(?:sql|code|command)',
      ].join('|'),
    ),
  },
  {
    kind: 'other_site',
    pattern: w(
      [
        'other (?:sites?|websites?|casinos?|operators?|brands?|tenants?|clients?|customers data|companies)',
        'another (?:site|website|casino|operator|brand|tenant|client|company)',
        '(?:all|every|each) (?:sites|websites|casinos|operators|brands|tenants)',
        'competitors?',
        'how do we (?:compare|stack up|rank)(?! (?:to|with|against) (?:last|the previous|previous|yesterday|the week|the month))',
        'stake (?:com|casino|us)',
        'competition s?',
        'rival\\w*',
        'site (?:id )?(?:[0-9]+|[a-z]+ (?:instead))',
        'site[_ ]?id',
        'tenant[_ ]?id',
        'cross site',
        '(?:casino|site|brand|operator|tenant|client|skin)[ _-]?[0-9]+s?',
        '(?:for|of|from|at) (?:brand|operator|casino|tenant|skin) (?!our |this |my )[a-z0-9]+',
        'bet365',
        'stake com',
        'betway',
        'betfair',
        'bwin',
        'ladbrokes',
        'sky ?bet',
        'betsson',
        'leovegas',
        '1xbet',
        'parimatch',
        'betmgm',
        'caesars',
        'casumo',
        'pokerstars',
        'unibet',
        'draftkings',
        'fanduel',
        '888',
        'william hill',
        'paddy power',
        'industry average',
        '(?:the|our|rest of the) industry',
        'industry (?:benchmarks?|norms?|standards?|averages?|wide)',
        'market share',
      ].join('|'),
    ),
  },
  {
    kind: 'forecast',
    pattern: w(
      [
        'forecast\\w*',
        'predict\\w*',
        'projection\\w*',
        'project(?:ed)? (?:volume|numbers?|growth)',
        'extrapolat\\w*',
        'estimate (?:for )?(?:next|tomorrow|the coming)',
        'will (?:there )?(?:be|we|get|receive|have|see|come|increase|grow|drop|rise)',
        'what will (?:\\w+ ){0,5}(?:be|look|happen)',
        '(?:well|we will|will we|theyll|they will) (?:get|see|have|receive|hit|reach|need)',
        '^(?:please |pls |can you |could you )?(?:project|estimate|anticipate|model) (?:\\w+ ){0,3}(?:next|future|coming|upcoming|tomorrow)',
        'going to (?:be|get|receive|have|increase|grow|drop|rise)',
        'expect(?:ed)? (?:next|tomorrow|in the coming|over the coming)',
        '(?:should|would|will|can|could|do|shall) (?:we|i|you) expect',
        'based on (?:the |this |that )?trends?',
        'keep (?:rising|growing|increasing|falling|dropping|going up|going down|climbing)',
        '^will (?!you |it be possible)',
        'next (?:week|month|quarter|year|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|few days|[0-9]+ days|7 days|30 days)s?',
        'tomorrow',
        'upcoming (?:week|month|days)',
        'coming (?:week|month|days|weeks|months)',
        'in the future',
        'the future',
        'future (?:volumes?|numbers?|trends?|complaints?|messages?|growth|demand|load)',
      ].join('|'),
    ),
  },
  {
    kind: 'revenue',
    pattern: w(
      [
        'revenue\\w*',
        'ggr',
        'ngr',
        'gross gaming',
        'net gaming',
        'profit\\w*',
        'turnover',
        'income',
        'earnings',
        'margin\\w*',
        'ltv',
        'lifetime value',
        'arpu',
        'roi',
        'hold percentage',
        'how much money',
        '(?:our|the) hold (?:on|for|percentage|rate)',
        'what did (?:we|players|customers|they|users|people|punters) (?:wager|bet|stake|spend|deposit|win|lose|earn|make)',
        'wagered|staked|handle on',
        'how much (?:did|do|does|has|have|was|were) (?:\\w+ ){1,4}(?:deposit|withdr[ae]w|cash|win|won|lose|lost|wager|bet|spen[dt]|stake|pay|paid)\\w*',
        'how much (?:did|do|was|were|have) (?:we|players|customers|they|people|users) (?:make|made|deposit|deposited|withdraw|withdrew|withdrawn|lose|lost|win|won|wager|wagered|bet|spend|spent|earn|earned)',
        '(?:total|average|avg|mean|sum of|median) (?:deposit|withdrawal|payout|bet|wager|stake)s? (?:amount|size|value|volume)s?',
        '(?:deposit|withdrawal|payout|bet)s? (?:amount|value)s?',
        'amounts? (?:deposited|withdrawn|paid|wagered)',
        'in (?:eur|euros?|usd|dollars?|gbp|pounds?)',
        'sales',
        'financial\\w*',
        'money (?:did we|we made)',
      ].join('|'),
    ),
  },
  {
    kind: 'personal_data',
    pattern: w(
      [
        '(?:e ?mail|phone|address|passport|card) (?:numbers? |addresses? )?(?:of|for) (?:the |this |that |a )?(?:customers?|players?|users?|clients?)',
        '(?:customers?|players?|users?|clients?) (?:e ?mails?|phone numbers?|addresses|names|card numbers?|passwords?|ip addresses|passport(?: numbers?)?|date of birth|dob|id numbers?|iban|bank details|real names?|full names?|user ?ids?|usernames?)',
        'which (?:player|customer|user|client|punter|account)s? (?:sent|wrote|writes|had|has|made|makes|complained|complains|is|was|messaged|contacted|threatened)',
        '(?:angriest|most active|most frequent|worst|top|biggest) (?:players|customers|users|complainers|accounts|punters)',
        'who (?:is|are) (?:the )?(?:customers?|players?|users?)',
        '(?:chat |conversation )?(?:transcripts?|history|histories|logs?) (?:of|for|with) (?:the |this |that |a )?(?:player|customer|user|client|punter)',
        '(?:player|customer|user|client|punter|account) (?:id |no |number )?[0-9]{3,}',
        '(?:e ?mails?|e ?mail address(?:es)?|phone(?: numbers?)?|addresse?s?|ip(?: addresse?s?)?|names?|user ?ids?|usernames?) (?:\\w+ ){0,3}(?:of|for) (?:whoever|anyone who|everyone who|the (?:person|one|guy|people) who|those who|people who)',
        '(?:names?|identity|identities) of (?:the |this |that |a |these |those )?(?:\\w+ )?(?:customers?|players?|users?|clients?|persons?|people|guys?|punters?)(?! (?:messages?|msgs|chats?|complaints?|questions?|requests?)(?: |$))',
        '(?:list|name|identify|which|who are|names of) (?:me )?(?:the |all |those |these )?(?:\\w+ )?(?:players|customers|users|clients|punters|accounts) (?:who|that|with)',
        '(?:e ?mails?|phone(?: numbers?)?|home addresse?s?|user ?(?:ids?|names?)|usernames?|account (?:numbers?|ids?)|ip(?: addresse?s?)?|passports?|card numbers?|full names?|real names?)(?!(?: \\w+)? (?:change|update|reset|request)s?(?: |$)) (?:\\w+ ){0,4}(?:of|for) (?:the |this |that |a |an |these |those |all |each |every )?(?:\\w+ )?(?:customers?|players?|users?|clients?|person|people|guy|punters?)',
        'personal (?:data|details|information) of',
        'identify (?:the |this |that )?(?:customers?|players?|users?)',
        'dox\\w*',
      ].join('|'),
    ),
  },
  {
    kind: 'off_topic',
    pattern: w(
      [
        'weather',
        'temperature',
        'rain(?:ing|y)?',
        'snow(?:ing)?',
        'stock (?:price|market)s?',
        'share price',
        'bitcoin price',
        'btc price',
        'exchange rate',
        'crypto price',
        'who won',
        'score of the',
        'match result',
        'football score',
        'tell (?:me )?a joke',
        '^(?:can you |could you |please |pls )?(?:recommend|suggest)',
        'good (?:slots?|games?|bets?|tables?) to (?:play|bet|try)',
        '^(?:please |pls |can you |could you |now )?(?:send|email|e mail|message|sms|contact|call|reply to|respond to|ban|suspend|refund|credit|compensate|pay) (?:an? |the |all |every |each |some |those |these |them )?(?:\\w+ )?(?:e ?mails?|messages?|sms|notifications?|customers?|players?|users?|clients?|people|them|those|back)',
        'joke',
        'poem',
        'song',
        'story about',
        'recipe',
        'cook\\w*',
        'translate',
        'write (?:me )?(?:a |an |some )?(?:\\w+ )?(?:code|script|email|essay|letter|poem|function|program)',
        'scrap(?:e|ing|er)',
        'capital of',
        'president',
        'news',
        'horoscope',
        'meaning of life',
        'lottery numbers',
        'betting tips?',
        'tips? for (?:betting|winning)',
        'which (?:slot|game) (?:pays|should)',
        'how (?:do|can) i win',
      ].join('|'),
    ),
  },
];

export const REFUSAL_TEXT: Record<RefusalKind, string> = {
  injection:
    'I can’t do that: I only answer questions about this site’s support messages, and instructions to change my rules, reveal my setup or change data are ignored.',
  other_site:
    'I can only see this site’s own support messages, so I can’t answer about other sites, brands or competitors.',
  forecast:
    'I can’t forecast: I only report what is in this site’s support messages so far. I can show the trend up to now instead, e.g. “withdrawal messages per day this month”.',
  revenue:
    'I can’t answer that: the support messages carry no money amounts, so revenue, GGR, deposit totals and similar figures are out of scope. I can count messages about deposits or withdrawals instead.',
  personal_data:
    'I can’t look up or share personal data about customers. I can count, break down or quote support messages for this site.',
  off_topic:
    'That’s outside what I can help with: I answer questions about this site’s support messages — counts, shares, trends, breakdowns by topic, source or sentiment, and examples.',
};

/** SQL written into the question (`' OR 1=1`, `; DROP TABLE`, `SELECT … FROM`): punctuation that normalising drops. */
const SQL_SYNTAX = [
  /\b(?:or|and)\s+['"]?(\w+)['"]?\s*=\s*['"]?\1\b/i,
  /;\s*(?:drop|delete|insert|update|alter|truncate|select|grant|create)\b/i,
  /\bselect\s+(?:\*|[\w.]+(?:\s*,\s*[\w.]+)*)\s+from\s+\w+/i,
  /\b(?:insert\s+into|update\s+\w+\s+set|union\s+(?:all\s+)?select|delete\s+from\s+\w+)\b/i,
  /\bwhere\s+['"]?(\w+)['"]?\s*=\s*['"]?\1\b/i,
  /(?:--|\/\*)\s*$/,
];

/** A person named by e-mail address: this is a question about one player. */
const EMAIL_ADDRESS = /[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)+/u;

/** Names that take a possessive in our own questions ("Monday's", "Telegram's", "today's"). */
const OWN_POSSESSIVES =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|telegram|livechat|chat|our|my|this|last|the|week|month|year|quarter|everyone|team|agent|customer|player|user|site|company|kyc|january|february|march|april|may|june|july|august|september|october|november|december)$/i;
/** "How does Betfair's support compare": a capitalised name's support, numbers or players are another operator's. */
const NAMED_OPERATOR =
  /\b(\p{Lu}[\p{L}\d]+)['’]s\s+(?:support|data|numbers|stats|statistics|messages|msgs|complaints|customers|players|users|chats|volumes?|figures|performance|results)\b/gu;

function namesAnotherOperator(raw: string): boolean {
  for (const m of raw.matchAll(NAMED_OPERATOR)) if (!OWN_POSSESSIVES.test(m[1] ?? '')) return true;
  return false;
}

/** "casino royale's messages", "Lucky Spins Casino's chats": another operator named with a possessive. */
const OTHER_OPERATOR =
  /\b(?:(?:casino|site|brand|operator|sportsbook|bookmaker)\s+\p{L}[\p{L}\d]*|\p{L}[\p{L}\d]*\s+(?:casino|bet|sportsbook|bookmaker))['’]s\b/iu;

/** Why a question is out of scope, or null. `raw` is the question as typed, for syntax that normalising drops. */
export function refusalFor(normalizedQuestion: string, raw = normalizedQuestion): RefusalKind | null {
  if (SQL_SYNTAX.some((pattern) => pattern.test(raw))) return 'injection';
  if (OTHER_OPERATOR.test(raw) || namesAnotherOperator(raw)) return 'other_site';
  if (EMAIL_ADDRESS.test(raw)) return 'personal_data';
  for (const rule of RULES) if (rule.pattern.test(normalizedQuestion)) return rule.kind;
  return null;
}
