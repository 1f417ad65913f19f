import type { ComboLine } from './types.ts';

/** Messages that are about two (or three) topics in one breath. */
export const COMBOS: readonly ComboLine[] = [
  {
    topics: ['withdrawal', 'verification'],
    sentiment: 'neutral',
    text: 'I uploaded my {doc}, can I withdraw now?',
  },
  {
    topics: ['withdrawal', 'verification'],
    sentiment: 'neutral',
    text: 'my withdrawal is on hold because of verification, what do you need?',
  },
  {
    topics: ['withdrawal', 'verification'],
    sentiment: 'neutral',
    text: 'it says I must verify before withdrawing {amount}, where do I send the {doc}',
  },
  {
    topics: ['withdrawal', 'verification'],
    sentiment: 'negative',
    text: 'I sent my {doc} {duration} ago and my withdrawal is still blocked by KYC, frustrating',
  },
  {
    topics: ['withdrawal', 'verification'],
    sentiment: 'negative',
    text: 'you only ask for documents when I want to withdraw, never when I deposit. not fair',
  },
  {
    topics: ['withdrawal', 'verification'],
    sentiment: 'angry',
    text: 'I did your stupid KYC 3 times and still no withdrawal, THIEVES',
  },
  {
    topics: ['withdrawal', 'verification'],
    sentiment: 'angry',
    text: 'you ask for new documents every time I cash out, scam, I go to {countryBody}',
  },
  {
    topics: ['withdrawal', 'verification'],
    sentiment: 'positive',
    text: 'verified and the withdrawal came the same day, thanks!',
  },
  {
    topics: ['deposit', 'bonus'],
    sentiment: 'neutral',
    text: 'I deposited {amount} with code {promoCode} but no bonus',
  },
  {
    topics: ['deposit', 'bonus'],
    sentiment: 'neutral',
    text: 'does the {bonus} work with {method} deposits?',
  },
  {
    topics: ['deposit', 'bonus'],
    sentiment: 'neutral',
    text: 'what is the minimum deposit to get the {bonus}',
  },
  {
    topics: ['deposit', 'bonus'],
    sentiment: 'negative',
    text: 'made my first deposit and the welcome bonus never showed up, disappointed',
  },
  {
    topics: ['deposit', 'bonus'],
    sentiment: 'angry',
    text: 'I deposited ONLY for the {bonus} and you did not give it, false advertising, scam',
  },
  {
    topics: ['deposit', 'bonus'],
    sentiment: 'positive',
    text: 'deposit went in and the free spins too, thanks!',
  },
  { topics: ['withdrawal', 'bonus'], sentiment: 'neutral', text: 'can I withdraw my bonus winnings?' },
  {
    topics: ['withdrawal', 'bonus'],
    sentiment: 'neutral',
    text: 'it says I cannot withdraw until the wagering is done, how much is left?',
  },
  {
    topics: ['withdrawal', 'bonus'],
    sentiment: 'negative',
    text: 'you cancelled my withdrawal because of a bonus I never asked for, annoying',
  },
  {
    topics: ['withdrawal', 'bonus'],
    sentiment: 'angry',
    text: 'you confiscated my winnings over "bonus terms" and cancelled my withdrawal, thieves',
  },
  {
    topics: ['game_issue', 'technical'],
    sentiment: 'neutral',
    text: 'the app crashes every time I open {game}',
  },
  {
    topics: ['game_issue', 'technical'],
    sentiment: 'negative',
    text: 'site went down in the middle of my round on {game}, what happens to my bet? really annoying',
  },
  {
    topics: ['game_issue', 'technical'],
    sentiment: 'angry',
    text: 'your site crashed during my live bet and you settled it as lost, SCAM',
  },
  {
    topics: ['account_access', 'verification'],
    sentiment: 'neutral',
    text: 'my account is blocked until I verify, where do I upload the {doc}?',
  },
  {
    topics: ['account_access', 'verification'],
    sentiment: 'negative',
    text: 'I cannot log in and you want me to upload documents, how if I cannot log in?',
  },
  {
    topics: ['account_access', 'verification'],
    sentiment: 'angry',
    text: 'you suspended my account for "verification" after I won. criminals',
  },
  {
    topics: ['account_access', 'technical'],
    sentiment: 'neutral',
    text: 'cannot log in, the site shows {errorText}',
  },
  {
    topics: ['account_access', 'technical'],
    sentiment: 'negative',
    text: 'the app crashes every time I try to log in, so frustrating',
  },
  {
    topics: ['deposit', 'technical'],
    sentiment: 'neutral',
    text: 'the payment page shows {errorText} when I try to deposit',
  },
  {
    topics: ['deposit', 'technical'],
    sentiment: 'negative',
    text: 'the site froze during my deposit and now the money is gone from my card, not happy',
  },
  {
    topics: ['deposit', 'withdrawal'],
    sentiment: 'neutral',
    text: 'if I deposit with {method} can I withdraw to {method} too?',
  },
  {
    topics: ['deposit', 'withdrawal'],
    sentiment: 'neutral',
    text: 'my deposit is pending and my withdrawal is pending too, can you check both',
  },
  {
    topics: ['deposit', 'withdrawal'],
    sentiment: 'angry',
    text: 'deposits are instant but my withdrawal takes {duration}?? SCAM',
  },
  {
    topics: ['responsible_gambling', 'bonus'],
    sentiment: 'negative',
    text: 'I self-excluded and you still send me bonus offers, please stop, it is hard enough',
  },
  {
    topics: ['responsible_gambling', 'deposit'],
    sentiment: 'neutral',
    text: 'I set a {limitKind} but it still let me deposit {amount}, how is that possible',
  },
  {
    topics: ['account_details', 'verification'],
    sentiment: 'neutral',
    text: 'I changed my address, do I need to upload a new proof of address?',
  },
  {
    topics: ['account_details', 'verification'],
    sentiment: 'neutral',
    text: 'the name on my {doc} is different because I married, how do I update my profile?',
  },
  {
    topics: ['account_details', 'withdrawal'],
    sentiment: 'neutral',
    text: 'please close my account and withdraw my balance of {amount} to {method}',
  },
  {
    topics: ['game_issue', 'bonus'],
    sentiment: 'neutral',
    text: 'my free spins on {game} froze after 10 spins',
  },
  {
    topics: ['game_issue', 'bonus'],
    sentiment: 'negative',
    text: 'the bonus round on {game} crashed and my free spins are gone, disappointing',
  },
  {
    topics: ['withdrawal', 'verification', 'account_access'],
    sentiment: 'angry',
    text: 'you blocked my account, asked for my {doc} 4 times and still no withdrawal. see you in court',
  },
  {
    topics: ['deposit', 'bonus', 'game_issue'],
    sentiment: 'negative',
    text: 'deposited for the {bonus}, the spins froze on {game} and now both are gone',
  },
];

/** Joiners the composer puts between two cores of different topics. */
export const CONNECTORS = [
  '. also ',
  ' and ',
  '. btw ',
  '. another thing, ',
  ', plus ',
  '\n',
  '. and also ',
  '!! and ',
  '. oh and ',
  '. PS: ',
];
