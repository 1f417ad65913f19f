import type { Topic } from '@sa/shared';

/**
 * Agent replies by topic. Agents stay civil: apologies and explanations are
 * neutral, confirmations that something is fixed are positive.
 */
export const AGENT_REPLIES: Readonly<
  Record<Topic, { neutral: readonly string[]; positive: readonly string[] }>
> = {
  deposit: {
    neutral: [
      'Could you please send me the transaction ID of the deposit so I can check it with the payments team?',
      'I can see the deposit attempt, it was declined by your bank. Please try again or use another method.',
      'The minimum deposit with {method} is {amount}.',
      'Crypto deposits are credited after 3 network confirmations.',
      'I have forwarded your deposit to our payments department, they will update you by email.',
      'Please make sure the card is enabled for online payments and 3D Secure is active.',
    ],
    positive: [
      'Your deposit of {amount} has been credited, thank you for your patience!',
      'Good news, the payment is now on your balance. Good luck!',
    ],
  },
  withdrawal: {
    neutral: [
      'Withdrawals are processed within 24 hours, then it depends on the payment provider.',
      'Your withdrawal is in the queue for the finance team. I am sorry for the delay.',
      'I can see the request; it is under review by our finance team.',
      'Withdrawals must go back to the method used for deposit, as required by anti-money laundering rules.',
      'Your withdrawal was cancelled because the account is not verified yet.',
      'We are currently experiencing delays with withdrawals, our team is working on it. Apologies for the inconvenience.',
    ],
    positive: [
      'Your withdrawal of {amount} has been approved and sent to {method}.',
      'Great news! The payout is processed, it should reach you shortly.',
    ],
  },
  verification: {
    neutral: [
      'Please upload a clear photo of your {doc} in Profile > Verification.',
      'Your documents are in the queue, verification usually takes up to 48 hours.',
      'Unfortunately the document was blurry, could you please upload it again with all corners visible?',
      'We need a proof of address issued within the last 3 months.',
      'Our verification team is handling a high volume right now, thank you for waiting.',
    ],
    positive: [
      'Your account is now fully verified. Thank you!',
      'All documents are approved, you are good to go!',
    ],
  },
  account_access: {
    neutral: [
      'I have sent a password reset link to your email, please check the spam folder too.',
      'For security reasons your account was locked after several failed attempts. I can unlock it after a few checks.',
      'Please confirm your date of birth and the email on the account.',
      'I have reset your 2FA, you can log in with your password now and set it up again.',
    ],
    positive: ['Your account is unlocked, you can log in now.', 'Done! You should be able to log in again.'],
  },
  bonus: {
    neutral: [
      'The {bonus} has a {wager} wagering requirement before it can be withdrawn.',
      'Let me check with the promotions team whether you qualified for the {bonus}.',
      'The promo code must be entered before the deposit is made.',
      'The bonus was forfeited because the maximum bet rule was exceeded.',
    ],
    positive: [
      'I have added the {bonus} to your account manually. Enjoy!',
      'Your free spins are credited, good luck!',
    ],
  },
  game_issue: {
    neutral: [
      'I have asked {provider} for the round details, I will come back to you as soon as they reply.',
      'Unfinished rounds are completed automatically when you reopen the game.',
      'The bet will be settled once the official result is confirmed.',
      'Please send me the round ID or a screenshot of the game history.',
    ],
    positive: [
      'The round has been refunded to your balance.',
      'Your bet is now settled correctly, sorry for the wait!',
    ],
  },
  technical: {
    neutral: [
      'We are aware of the issue and our technical team is working on it.',
      'Could you please clear the browser cache and try again?',
      'There is a scheduled maintenance, the site will be back shortly.',
      'Please update the app to the latest version.',
    ],
    positive: ['The issue has been fixed, everything works again. Thank you for your patience!'],
  },
  responsible_gambling: {
    neutral: [
      'I have applied the self-exclusion; you will not be able to log in for the chosen period.',
      'You can set deposit, loss and session limits in Profile > Responsible Gaming.',
      'If you feel gambling is becoming a problem, free and confidential help is available at BeGambleAware.',
      'Your limit is active now. Increasing it takes effect after a 24 hour cooling-off period.',
    ],
    positive: ['Thank you for reaching out, your cooling-off period is now active. Take care.'],
  },
  account_details: {
    neutral: [
      'For security, a change of {contact} requires a short verification.',
      'I have unsubscribed you from marketing messages; it can take up to 48 hours.',
      'Your account closure request has been forwarded, you will receive a confirmation by email.',
      'Please send us the new details together with a document that confirms them.',
    ],
    positive: ['Your profile has been updated.', 'Done, you will not receive promotional messages anymore.'],
  },
  other: {
    neutral: [
      'Hello! My name is {agentName}, how can I help you today?',
      'Thank you for waiting, I am checking this for you.',
      'Is there anything else I can help you with?',
      'One moment please.',
      'Could you please give me a bit more detail?',
    ],
    positive: [
      'You are welcome! Have a great day!',
      'Happy to help, good luck!',
      'Thank you for contacting us!',
    ],
  },
};

/** Automated messages: labelled `other` (greeting, queue) or the topic they point to. */
export const BOT_GREETING = 'Hi! 👋 How can we help you today?';
export const BOT_QUEUE_NOTICES: readonly string[] = [
  'Thanks for your message. An agent will join shortly.',
  'All our agents are busy, your position in the queue: {n}.',
  'Please rate this conversation.',
];
export const BOT_POINTERS: Readonly<Partial<Record<Topic, string>>> = {
  withdrawal: 'You can check the status of your withdrawal in Cashier > History.',
  deposit: 'Deposits are usually credited instantly. If not, please share the transaction ID.',
  verification: 'You can upload documents in Profile > Verification.',
  account_access: 'To reset your password, click "Forgot password" on the login page.',
  bonus: 'See all current promotions on the Promotions page.',
};
