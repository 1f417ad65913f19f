/**
 * Topic-free pieces the composer wraps around a core. Each list is safe to
 * combine with any topic: none of them mentions money, games or accounts, so
 * they change the sentiment of a message and never its topics.
 */
export const GREETINGS = [
  'hi',
  'hello',
  'hey',
  'hi there',
  'good morning',
  'good evening',
  'hello support',
  'hi team',
  'yo',
  'hey guys',
  'hola',
  'hallo',
  'dear support',
  'hi, quick question',
  'hello, good afternoon',
  'salut',
  'hi again',
];

/** Polite endings that keep a request neutral. */
export const NEUTRAL_CLOSERS = [
  'thanks',
  'thanks in advance',
  'thx',
  'pls help',
  'please check',
  'can you check?',
  'please advise',
  'any update?',
  'what should I do?',
  'regards',
  'ty',
  'waiting for your answer',
  'please',
  'plz',
  'asap please',
];

/** Frustrated but civil: added around a neutral core to make it negative. */
export const NEGATIVE_LEADS = [
  'sorry but I am really disappointed.',
  'again the same problem.',
  'honestly not happy.',
  'this is the 3rd time I write.',
  'I already explained this yesterday.',
  'still no solution.',
  'I am tired of this.',
  'seriously?',
  'I have been patient but',
  'unfortunately',
  'not again...',
  'ugh.',
];
export const NEGATIVE_TAILS = [
  'this is really frustrating',
  'very disappointing',
  'not happy at all',
  'I expected better from you',
  'this is taking way too long',
  'please sort it out, I am losing patience',
  'why is it always so complicated',
  'nobody is helping me',
  'I am really annoyed',
  'bad experience so far',
  'this is not ok',
  'so annoying',
  'I asked yesterday and nobody replied',
  'I am starting to regret signing up',
  'come on...',
];

/** Hostility: insults, threats (chargeback, regulator, lawyer, reviews), "scam". */
export const ANGRY_LEADS = [
  'ARE YOU KIDDING ME?',
  'listen you thieves,',
  'unbelievable scam.',
  'I am DONE with you.',
  'WTF',
  'seriously you clowns,',
  'last warning:',
  'what a joke of a company.',
];
export const ANGRY_TAILS = [
  'SCAM',
  'you are thieves',
  'you are a scam casino',
  'I will file a chargeback',
  'my lawyer will contact you',
  'I am reporting you to {countryBody}',
  'I will leave a 1 star review on {reviewSite}',
  'worst casino ever',
  'f***ing joke',
  'you crooks',
  'I will tell everyone on {reviewSite} what you are',
  'absolute scammers',
  'I am going to the police',
  'shame on you',
  'disgusting company',
  'useless idiots',
  'criminals',
  'expect a complaint to {countryBody}',
  'I will sue you',
  'see you in court',
];

/** Thanks and praise for something that worked. */
export const POSITIVE_CLOSERS = [
  'thanks a lot!',
  'you are the best',
  'great support',
  'thank you so much',
  'appreciate it',
  'have a nice day',
  'cheers',
  'awesome',
  'much love',
  'good job',
  'thanks again',
  'perfect',
];

export const EMOJI = {
  angry: ['😡', '🤬', '😤', '👎', '💩', '😠'],
  negative: ['😞', '🙄', '😕', '😩', '😒', '😔'],
  neutral: ['🤔', '🙏', '', ''],
  positive: ['🙏', '👍', '😊', '❤️', '🎉', '🔥', '😍', '💪'],
} as const;

/** Topic-free background players give before the point, which makes long messages. */
export const CONTEXT_LINES = [
  'I have been playing here for {n} years and never had a problem.',
  'I am a VIP member.',
  'my friend recommended this site.',
  'I play here almost every day.',
  'sorry for my english.',
  'I already talked to your colleague {agentName} yesterday.',
  'I am writing from my phone.',
  'this is my first time contacting support.',
  'I am at work so I can only chat now.',
  'let me explain from the beginning.',
  'quick question before I go to sleep.',
];

/** What a player sends after the first message while waiting. */
export const NUDGES = {
  neutral: ['hello?', 'any news?', 'are you still there?', 'ok', 'ok thanks', 'I am waiting', 'still here'],
  negative: [
    'nobody answers here?',
    'hello??? still waiting',
    'it has been 20 minutes',
    'why is no one answering',
  ],
} as const;
