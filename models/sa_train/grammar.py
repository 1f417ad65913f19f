"""A compositional paraphrase grammar for labelled player messages, the main labelled source.

The phrase bank (`phrases.py`, `synth.py`) swaps slots in whole sentences, so a model trained on it learns
its few sentence shapes. Here a topic clause is built from parts that combine freely: what the player is
talking about (a noun phrase), what is wrong with it (a predicate), when, what they already did, and what
they ask for; then sentiment is layered on with its own cues (civil frustration, hostility, shouting,
swearing, sarcasm, thanks and relief), clauses of several topics are chained into short bursts or long
stories, and chat noise is applied (no punctuation, no apostrophes, chat abbreviations, letter
repetition, typos, emoji). Decoys use one topic's words for another topic's meaning, and a share of
messages is written in other languages. Deterministic for a given seed.
"""

import random
import re

from . import phrases as P
from .tone import civil_sentiment, sounds_fed_up
from .augment import typo
from .synth import Example

# --- shared slot vocabulary -------------------------------------------------------------------------

AMOUNTS = [
    "50", "100", "20 euro", "$250", "€40", "1000", "£30", "500 usd", "75", "2k", "0.01 btc", "300 eur", "15", "60 bucks",
    "200", "25", "1.5k", "80 quid", "10", "35 eur", "400", "120", "5000 rub", "750 try", "200 reais", "my last 40",
]
METHODS = P.SLOTS["method"] + ["neosurf", "astropay", "muchbetter", "jeton", "tron", "binance pay", "payid", "boleto", "giropay"]
WHEN = [
    "", "", "", "since yesterday", "for 3 days now", "since monday", "2 hours ago", "this morning", "last night",
    "over an hour ago", "a week ago", "for ages", "since friday", "20 min ago", "on the 3rd", "yesterday evening",
    "since the weekend", "4 days ago", "earlier today", "like 10 mins ago", "two weeks ago",
]
ASKS = [
    "can you check", "pls check", "please look into it", "what's going on", "what do i do", "help", "any update?",
    "can someone help", "how long do i wait", "is there a problem?", "can u fix it", "please advise", "whats happening",
    "can you sort it out", "why??", "what should i do now", "let me know", "how do i fix this", "need help with this",
    "please help me", "is this normal?", "anyone?",
]
GREET = [
    "hi", "hello", "hey", "hi there", "good evening", "yo", "hiya", "hey guys", "hi team", "dear support", "morning",
    "good afternoon", "hello support", "helloo", "hey there", "sup", "greetings", "hi again", "ok so", "hey so",
]

# Per topic: `np` what it is about, `bad` predicates for a problem with it, `q` plain questions and
# statements, `ctx` what the player already did, `good` the problem solved. `{x}` slots are filled from
# SLOT below; a predicate follows its noun phrase ("my deposit" + "hasn't arrived").
TOPICS: dict[str, dict[str, list[str]]] = {
    "deposit": {
        "np": [
            "my deposit", "the deposit", "my top up", "my {amount} deposit", "the {amount} i put in", "my payment",
            "the money i sent", "my {method} deposit", "the funds i added", "my last dep", "the transfer i made to you",
            "my crypto deposit", "the {amount} i paid in", "my first deposit", "the top-up", "my card payment",
            "the bank transfer i sent", "my {amount}", "the payment to my casino account",
            "the {amount} you took from my card", "the money you took from my bank",
        ],
        "bad": [
            "hasn't arrived", "is not showing", "is still not credited", "never showed up", "is stuck on pending",
            "got declined", "failed but the money left my bank", "is not in my balance", "disappeared",
            "didn't go through", "is missing", "still isn't there", "was rejected", "keeps failing", "got reversed",
            "shows completed at my bank but not here", "was taken twice", "didnt land", "is nowhere to be seen",
            "was charged but not credited", "bounced", "came out of my account but the casino shows nothing",
            "was taken from my card and never credited", "got taken but my balance is 0",
        ],
        "q": [
            "how do i deposit with {method}", "whats the minimum deposit", "min dep for {method}?",
            "can i pay in with {method}", "do you take {method} for deposits", "which currencies can i deposit in",
            "is there a fee to deposit", "how long does a {method} deposit take", "how do i add money to my account",
            "what's the max i can deposit per day", "can i top up in {currency}", "how do i put money in",
            "can i load my account with {method}", "which payment methods can i use to deposit",
            "do crypto deposits need confirmations", "i want to make a deposit", "can i deposit cash",
            "is {method} instant for deposits", "where do i find the deposit address for usdt",
            "why does the cashier not show {method}", "my card keeps getting declined when i try to pay",
            "i sent usdt on the wrong network", "3ds keeps failing when i pay", "bank says payment went through but balance is 0",
            "i was charged twice for one top up", "the money left my card but my balance did not change",
            "card declined at the cashier", "every card i try gets declined", "my visa won't go through",
            "payment refused by the cashier", "my bank card is rejected when i pay",
        ],
        "ctx": [
            "i paid with {method} {when}", "i deposited {amount} {when}", "i topped up {amount} via {method}",
            "bank says the payment went through", "i sent {amount} to the deposit address", "money already left my account",
            "i tried {method} and then {method}", "tx id is 0x{hex}", "reference number {ref}",
            "i used the same card as always", "my bank app shows the payment as completed",
        ],
        "good": [
            "deposit is showing now", "my deposit finally arrived", "the {amount} is in my balance now",
            "top up went through", "funds landed", "payment got credited", "the deposit came through",
        ],
    },
    "withdrawal": {
        "np": [
            "my withdrawal", "my cashout", "my payout", "my {amount} withdrawal", "the withdrawal i requested",
            "my winnings", "the money i withdrew", "my w/d", "my {method} withdrawal", "the payout to my bank",
            "my cash out request", "my withdrawl", "the {amount} i took out", "my crypto withdrawal", "my money",
        ],
        "bad": [
            "is still pending", "hasn't arrived", "got cancelled", "was rejected", "got reversed to my balance",
            "is stuck on processing", "never came", "is taking forever", "was declined", "is still not in my bank",
            "says approved but nothing arrived", "keeps getting cancelled", "is in review for days", "went back to my balance",
            "was sent to the wrong account", "still hasn't been paid", "is on hold",
        ],
        "q": [
            "how long does a withdrawal take", "how do i cash out", "whats the max withdrawal per week",
            "can i withdraw to {method}", "is there a fee for withdrawals", "when will i get my winnings",
            "how do i get my money out", "whats the minimum withdrawal", "can i cancel my withdrawal",
            "why is the withdraw button greyed out", "can i withdraw to a different card", "how fast are {method} payouts",
            "can i split my payout", "when are withdrawals processed", "i want to withdraw {amount} to {method}",
            "i want to take out my winnings", "do withdrawals go back to the card i deposited with",
            "why can't i withdraw my balance", "i want my money back to my card", "how long do crypto payouts take",
            "i want to cash out everything",
        ],
        "ctx": [
            "i requested {amount} {when}", "i withdrew to {method} {when}", "i won {amount} on {game}",
            "the email said it was approved", "i asked for a payout {when}", "status says sent",
            "faq says 24-48h", "i already cashed out before with no problem",
        ],
        "good": [
            "got my payout", "the withdrawal arrived", "money is in my bank now", "cashout landed",
            "received my winnings", "withdrawal went through",
        ],
    },
    "verification": {
        "np": [
            "my verification", "my kyc", "my documents", "my {doc}", "the {doc} i uploaded", "my id check",
            "my selfie", "my proof of address", "the source of funds docs", "my account verification", "my docs",
            "the verification", "my age verification",
        ],
        "bad": [
            "got rejected", "is still under review", "is pending for days", "keeps failing", "was declined",
            "hasn't been checked", "is taking forever", "won't upload", "keeps getting refused", "is still not approved",
            "was not accepted", "is stuck",
        ],
        "q": [
            "what documents do you need to verify my account", "is a {doc} ok as proof of address",
            "how long does kyc take", "why do you need my {doc}", "how do i verify my account",
            "do i need to verify before i withdraw", "can i send my {doc} by email", "my id expired, can i still use it",
            "what counts as source of funds", "do you accept a {doc} for verification",
            "why do you want a selfie with my id", "you asked me for proof of income, what do i send",
            "where do i upload my documents", "is my account verified yet", "i need to verify my identity",
            "do i have to upload my {doc} again", "what is the status of my verification",
        ],
        "ctx": [
            "i uploaded my {doc} {when}", "i sent my {doc} twice", "the photo is clear", "i sent everything by email",
            "you asked for a {doc}", "i did the selfie check {when}",
        ],
        "good": [
            "my account is verified now", "documents approved", "kyc passed", "verification went through",
            "my id got accepted",
        ],
    },
    "account_access": {
        "np": ["my account", "my acc", "my login", "my profile", "my casino account"],
        "bad": [
            "is blocked", "is locked", "got suspended", "got disabled", "is frozen", "won't let me in",
            "keeps saying wrong password", "was closed without reason", "got restricted",
        ],
        "q": [
            "i cant log in", "forgot my password", "how do i reset my password", "i'm locked out of my account",
            "why is my account blocked", "the sms code never comes", "how do i turn off 2fa", "i lost my phone with the authenticator",
            "it says too many login attempts", "i forgot my username", "i can't sign up, email already in use",
            "registration won't finish", "my account was suspended without reason", "it keeps logging me out",
            "wrong password but i know it's right", "how do i unlock my account", "i never got the activation email",
            "how do i get back into my account", "login keeps failing", "i can't access my account",
            "i typed the wrong pin too many times", "how do i create an account", "the reset email never arrives",
            "the sms code for login doesn't come", "my 2fa code says invalid", "the activation link expired",
            "the login page keeps saying error", "password reset link doesn't work",
        ],
        "ctx": [
            "i tried resetting {when}", "i checked spam", "i changed my phone", "i tried 5 times",
            "i never shared my password", "i got a new number",
        ],
        "good": [
            "i'm back in", "password reset worked", "account unlocked", "i can log in again", "the code arrived",
        ],
    },
    "bonus": {
        "np": [
            "my {bonus}", "the {bonus}", "my free spins", "the promo code {code}", "my cashback", "my bonus",
            "the welcome offer", "my vip points", "my free bet", "the reload bonus", "my loyalty points",
            "the tournament prize", "my bonus money", "my rakeback", "the {amount} bonus", "my {amount} cashback",
        ],
        "bad": [
            "never arrived", "wasn't added", "disappeared", "got removed", "is missing", "says invalid",
            "expired too early", "was forfeited", "got cancelled", "didn't credit", "isn't showing",
        ],
        "q": [
            "where do i enter a promo code", "how much wagering is left on my bonus", "whats the rollover on the {bonus}",
            "do slots count for wagering", "can i cancel my bonus", "is there a no deposit bonus", "how do i claim the {bonus}",
            "when do i get my cashback", "how do vip levels work", "how do i use my free bet",
            "does the {bonus} work on {game}", "what's the max bet with a bonus", "is the {bonus} for sports or casino",
            "how do i exchange loyalty points", "any promos this weekend", "can i get a bonus on my next deposit",
            "why was my bonus removed", "what is the wagering requirement",
            "is bonus money allowed on live tables", "when does bonus cash become real cash",
            "how many points per {amount} wagered",
        ],
        "ctx": [
            "i used code {code}", "the email said i'd get {bonus}", "my vip manager promised it", "i opted in {when}",
            "i met all the conditions",
        ],
        "good": [
            "the {bonus} is there now", "free spins arrived", "got my cashback", "bonus credited", "code worked",
        ],
    },
    "game_issue": {
        "np": [
            "{game}", "the game", "my spin", "my bet on {sport}", "the round", "my accumulator", "my bet", "the slot",
            "the live table", "my {sport} bet", "the bonus round", "my parlay", "the hand", "my bet builder",
            # a bet's cash-out and a round's payout are play, not a withdrawal
            "the cash out on my {sport} bet", "the early cash out on my acca", "cash out on my live bet",
            "the cash out in {game}", "the payout on my last spin", "the payout of my winning bet",
            "the win on {game}", "my {amount} stake",
        ],
        "bad": [
            "froze", "crashed", "won't load", "isn't settled", "got stuck", "was settled wrong", "disconnected mid round",
            "took my stake", "paid nothing", "shows lost but i won", "is still open", "keeps freezing", "was voided",
            "didn't pay out my win", "got cancelled", "is stuck loading", "took my {amount} and froze",
            "kept my {amount} stake", "cashed out at the wrong multiplier", "paid {amount} less than it should",
            "ate my {amount} bet", "disconnected just as i hit cash out", "took the money but the round never started",
            "settled below the cash out value on screen",
        ],
        "q": [
            "what's the rtp of {game}", "is {game} fair", "why was my bet settled as lost", "where did {game} go",
            "will my bet be void if the match is abandoned", "can you check my last round on {game}",
            "the match ended, when is my bet settled", "is this slot rigged", "my win on {game} isn't in my balance",
            "the dealer made a mistake", "i won but the game didn't pay", "can you check the game history",
            "cashout button on my bet didn't work", "the odds changed after i placed my bet",
            "the cash out price on my {sport} bet dropped to almost nothing", "auto cash out on {game} triggered at the wrong point",
            "is cash out available on in-play {sport} bets", "bought the feature on {game} for {amount} and it returned almost nothing",
        ],
        "ctx": [
            "i was playing {game}", "i had {amount} on it", "the match finished {when}", "game history shows the win",
            "it happened in the bonus round", "i bet on {sport}", "stake was {amount} per round",
            "the feature buy cost {amount}", "i cashed out at 2x", "cash out was offering {amount}",
            "i put {amount} on it",
        ],
        "good": [
            "the round was refunded", "bet got resettled", "my win is there now", "game works again",
        ],
    },
    "technical": {
        "np": [
            "the site", "the app", "your website", "the ios app", "the android app", "the page", "the casino site",
            "the app on my {device}", "the website on {browser}", "the homepage", "your platform",
        ],
        "bad": [
            "is down", "won't load", "keeps crashing", "is super slow", "shows an error", "is a white screen",
            "freezes", "logs me out", "is not working", "gives error 500", "is lagging like hell",
            "keeps reloading", "is broken since the update",
        ],
        "q": [
            "is the site down", "is there an app for {device}", "how do i install the app", "error 503 on the homepage",
            "the site doesn't work on {browser}", "is the site under maintenance", "do you have an app",
            "buttons don't respond", "everything is slow today", "the apk won't install", "app won't open after update",
            "cleared cache and still blank page",
        ],
        "ctx": [
            "i cleared cache", "tried another browser", "i reinstalled the app", "my internet is fine",
            "other sites work", "on my {device}",
        ],
        "good": [
            "site works again", "app is fixed", "the update fixed it", "everything loads now",
        ],
    },
    "responsible_gambling": {
        "np": [],
        "bad": [],
        "q": [
            "i want to self exclude", "please self exclude me for {period}", "i need a cooling off period",
            "how do i set a deposit limit", "set my loss limit to {amount} a month", "i think i have a gambling problem",
            "please close my account, gambling is ruining my life", "i can't stop chasing losses",
            "block me from the casino", "i want a time out for {period}", "lower my deposit limit please, i'm spending too much",
            "how do i join gamstop", "i lost my rent money, please stop me playing", "can i limit my session time",
            "i need help, i'm addicted", "please don't let me deposit anymore", "set a reality check every 30 minutes",
            "i want to take a break from gambling", "block my account for {period}, i need to stop",
            "i gamble more than i can afford", "exclude me from all products",
        ],
        "ctx": [],
        # Relief about a limit or a break is common in real chats; without these the grammar's positive
        # responsible-gambling messages were a thank-you stuck onto a request.
        "good": [
            "the exclusion is in place now", "my loss limit is active now", "the time-out went through",
            "the break from playing is set up", "my session limit works", "the block on my account is on",
            "you closed my account like i asked, it's a relief", "the limit stopped me last night, good",
        ],
    },
    "account_details": {
        "np": [],
        "bad": [],
        "q": [
            "how do i change my email", "i need to update my phone number", "please delete my personal data",
            "i want to close my account, i don't use it", "stop sending me promo emails", "unsubscribe me from sms",
            "can i change my account currency", "i moved, how do i change my address", "my surname changed",
            "my name is spelled wrong on my profile", "how do i download my data", "change my date of birth, it's wrong",
            "remove my phone number from marketing", "close my account, i'm moving abroad", "update my address please",
            "can i change my username", "i want to change the email linked to my account",
        ],
        "ctx": [],
        "good": [
            "my email is updated now", "my new address shows on my profile", "i'm off the marketing list now",
            "the name on my profile is right now", "my phone number got changed", "my data request came through",
        ],
    },
}

SLOT: dict[str, list[str]] = {
    "amount": AMOUNTS,
    "method": METHODS,
    "game": P.SLOTS["game"] + ["aviator", "fruit party", "money train", "razor shark", "big bass splash", "wanted dead or a wild"],
    "sport": P.SLOTS["sport"] + ["the lakers game", "la liga", "the derby", "f1", "serie a"],
    "doc": P.SLOTS["doc"] + ["phone bill", "tax return", "residence permit", "bank card photo"],
    "bonus": P.SLOTS["bonus"],
    "code": P.SLOTS["code"] + ["FREESPIN25", "RELOAD50", "SPORT10", "CASHBACK15"],
    "device": P.SLOTS["device"],
    "browser": ["chrome", "safari", "firefox", "edge", "opera"],
    "currency": ["usd", "cad", "brl", "pesos", "try", "pln", "nok", "eur", "btc"],
    "period": ["6 months", "a week", "a year", "30 days", "forever", "3 months", "24 hours"],
    "hex": ["3f9a", "a1b2c3", "9e77", "c0ffee", "77ab01"],
    "ref": ["88120", "A7731", "551902", "REF-2231"],
    "when": WHEN,
    "score": ["2-1", "3-1", "1-1", "0-0", "2-2", "1-0", "3-2"],
}

# Words and clauses that point at one topic while meaning another, with their true labels.
DECOYS: list[tuple[str, tuple[str, ...]]] = [
    ("i deposited my trust in you and look where that got me", ("other",)),
    ("my bank withdrew my overdraft, money's tight, just saying hi", ("other",)),
    ("verification of the bet result please, the score was {score}", ("game_issue",)),
    ("the player's withdrawal from the match should void my bet", ("game_issue",)),
    ("does the deposit bonus work on live casino", ("bonus",)),
    ("i want a deposit limit, i lose control late at night", ("responsible_gambling",)),
    ("close my account because of my gambling", ("responsible_gambling",)),
    ("close my account, i found another site", ("account_details",)),
    ("my password to happiness is a big win lol", ("other",)),
    ("account of the match says {score}, my bet says lost", ("game_issue",)),
    ("free spins froze on {game}", ("bonus", "game_issue")),
    ("can i withdraw my free bet winnings", ("withdrawal", "bonus")),
    ("you verify me fast when i deposit but not when i withdraw", ("verification", "withdrawal", "deposit")),
    ("is the welcome bonus for my first deposit only", ("bonus",)),
    ("my friend deposited on another site and got paid in minutes", ("other",)),
    ("who do you think wins the derby tonight", ("other",)),
    ("withdrawal symptoms from not playing lol, just kidding, how are you", ("other",)),
    ("is the cashback paid on deposits or losses", ("bonus",)),
    ("the login bonus for daily visits didn't come", ("bonus",)),
    ("i want to block myself from depositing for {period}", ("responsible_gambling",)),
    ("site is down so i can't withdraw", ("technical", "withdrawal")),
    ("app crashes when i open the cashier", ("technical", "deposit")),
    ("i have verified my email already, just asking about opening hours", ("other",)),
    ("can i bet on the verification of the var decision lol", ("other",)),
    ("limit my deposits to {amount} a week, i'm spending too much", ("responsible_gambling",)),
    ("are your games certified fair", ("game_issue",)),
    ("my win on {game} never got added to my balance", ("game_issue",)),
    ("the cash out on my {sport} bet didn't work", ("game_issue",)),
    ("bet settled as lost but i won, where is my money", ("game_issue",)),
    ("the jackpot i hit isn't in my balance", ("game_issue",)),
    ("the round took my stake and froze", ("game_issue",)),
    ("free spins not credited after my deposit", ("bonus",)),
    ("is the cashback paid to my balance or as bonus money", ("bonus",)),
    ("the dealer took my money on a hand i won", ("game_issue",)),
    ("my bonus round on {game} paid nothing", ("game_issue",)),
]

OTHER_ONLY = {
    "neutral": [
        "hello", "hi", "hey", "is anyone there", "hello?", "ok", "okay", "?", "are you a bot", "can i talk to a human",
        "what are your opening hours", "where are you based", "is this casino licensed", "can i speak to a manager",
        "do you sponsor any teams", "what time is the match tonight", "can you recommend a slot", "just a question",
        "one sec", "ok let me check", "brb", "what's your name", "is the chat open 24/7", "how do i contact you by phone",
        "do you have a telegram channel", "who won last night", "nothing, wrong chat", "test", "hmm",
        "can i bet on the eurovision", "do you have poker tournaments", "what games are popular now",
    ],
    "negative": [
        "waited 40 minutes for an answer", "nobody ever answers here", "this chat is so slow", "honestly i expected more",
        "your support used to be better", "i've been waiting forever for someone", "still nobody?", "this is tiring",
        "not impressed with the service", "why is it so hard to reach anyone",
        "still waiting for an agent", "half an hour in the queue and no agent yet", "is anyone going to answer me today",
        "third chat i open today and no reply", "the bot keeps sending me in circles", "your chat keeps disconnecting me",
    ],
    "angry": [
        "worst company ever", "useless support", "you are all idiots", "fuck this place", "scam site",
        "bunch of thieves", "disgusting service, i'm done", "clowns", "go to hell", "trash company, reported",
    ],
    "positive": [
        "thanks", "thank you", "thx a lot", "ty ty", "cheers", "all sorted, thanks", "you guys are great",
        "best support ever", "appreciate it mate", "have a nice day", "perfect thank you", "awesome, thanks",
        "thank you so much for your help", "legend, thanks", "great service as always", "love this casino",
    ],
}

NEGATIVE_CUES = [
    "this is really frustrating", "not happy", "kinda annoying", "getting fed up", "come on", "ugh", "smh",
    "seriously?", "again??", "for the 3rd time", "still nothing", "this is taking forever", "so disappointed",
    "not cool", "really not ok", "i'm losing patience", "why is this so hard", "nobody tells me anything",
    "this is the second time i write", "starting to get annoyed", "pretty frustrating tbh", "not impressed",
    "honestly", "it's been ages", "same problem as last week", "every single time", "meh", "this sucks",
    "great, just great", "i'm tired of this", "feels like false advertising", "really disappointing",
    "what a mess", "cmon guys", "why does this keep happening",
]
# Polite frustration: a civil player who is fed up says so around the report, softly (still negative).
POLITE_FRUSTRATION_BEFORE = [
    "apologies for chasing, but", "i don't like to moan, but", "i've waited patiently but", "no offence, but",
    "i know you're busy, but", "i'm keeping calm here but", "slightly disappointed to say", "to be fair to you guys,",
    "i really hate writing in about this, but", "forgive me for pushing, but", "thanks for trying earlier, but",
    "just so you know,", "i have to say,", "this is becoming a bit tiresome:",
]
POLITE_FRUSTRATION_AFTER = [
    "an update would be nice", "would be great if someone could take a proper look", "this has happened before",
    "i'd like this resolved", "hope you can see why i'm unhappy", "not the service i was expecting",
    "that's far too long", "no one has explained anything", "i already raised this once",
    "please give it a proper look this time",
]
NEGATIVE_EMOJI = ["🙄", "😞", "😕", "🙁", "😩", "😒", ":(", ":/", "😤"]

ANGRY_CUES = [
    "scam", "SCAM", "thieves", "you're thieves", "crooks", "i'll do a chargeback", "i'm reporting you to the regulator",
    "see you in court", "my lawyer will hear about this", "1 star on trustpilot incoming", "fucking joke",
    "wtf", "WTF is this", "bunch of criminals", "fraud", "absolute clowns", "liars", "this is theft",
    "pathetic", "disgusting", "shame on you", "i'll sue", "give me my money", "stop stealing", "robbers",
    "damn scammers", "f*** you", "i'm going to the gambling commission", "you are a joke", "criminals",
    "last warning", "i'll tell everyone", "shit casino", "idiots", "rigged garbage", "you people are a joke",
    "disputing with my bank", "ladrones", "ANSWER ME", "FIX IT NOW", "you cheated me", "cheaters",
    "i'm taking this to the ombudsman", "you're robbing people", "i'll post this everywhere", "never again, crooks",
    "fix your shit", "bloody thieves", "con artists", "you should be ashamed",
]

# Frustration carried by repetition and waiting rather than by feeling words.
SEVERITY = [
    "again", "for the third time", "still nothing", "every time", "second day in a row", "tried 4 times now",
    "nothing works", "it's been days", "same as last week", "and no one replies", "no answer to my emails",
    "still waiting", "this keeps happening", "that's the 5th attempt", "i've asked twice already",
]

# Short hostile bursts that still name what they are about.
BURSTS: dict[str, list[str]] = {
    "deposit": ["where is my deposit", "credit my deposit now", "give me back my deposit", "you stole my deposit"],
    "withdrawal": ["pay me", "payout now", "where is my money", "release my withdrawal", "pay my winnings", "cashout NOW"],
    "verification": ["verify me now", "enough with the documents", "stop asking for documents", "approve my kyc now"],
    "account_access": ["unlock my account now", "why am i blocked", "let me log in", "give me my account back"],
    "bonus": ["where are my free spins", "give me my bonus", "bonus scam", "where is my cashback"],
    "game_issue": ["rigged", "rigged slots", "your games are rigged", "pay my winning bet", "refund my spin"],
    "technical": ["fix your site", "app broken again", "your site is garbage", "fix the app"],
    "responsible_gambling": ["you let me lose everything", "why did you let me keep depositing, i told you i'm an addict"],
    "account_details": ["stop spamming me", "delete my account now", "unsubscribe me now", "stop texting me"],
}
SARCASM = [
    "wow great service", "thanks for nothing", "amazing, really", "love how you ignore me", "great job as usual",
    "well done guys, really", "5 stars for stealing", "nice business model",
]
ANGRY_EMOJI = ["😡", "🤬", "😠", "💩", "🖕", "😡😡"]

POSITIVE_CUES = [
    "wow that was fast", "you guys rock", "wow, thanks", "made my day", "all good now", "sorted, cheers",
    "thanks", "thank you so much", "cheers", "great service", "you guys are awesome", "much appreciated",
    "love it", "ty", "thx", "legend", "appreciate it", "quick and easy", "brilliant", "nice one", "perfect",
    "really happy", "phew", "finally, thanks", "top support", "you're the best", "spot on", "top notch",
    "you're a star", "10/10 service", "lifesaver", "fair play to you", "very grateful", "couldn't ask for more",
    "super quick, thanks", "big thanks", "respect", "well done",
]
POSITIVE_EMOJI = ["😊", "🙏", "❤️", "👍", "🎉", "😍", "💯", "🙌"]

CONNECT = [
    ". ", ". also ", " and ", ", also ", "\n", ". oh and ", ". btw ", " + ", ". plus ", ". another thing, ",
    " also ", ", and ", ". and then ", ". on top of that ", "... ", ". second thing: ", " & ",
]

# Per language: topic clauses (neutral), hostile words, and thanks; used for about 5% of messages.
FOREIGN: dict[str, dict[str, list[str]]] = {
    "es": {
        "deposit": ["mi depósito no aparece", "hice un depósito de {amount} y no llegó", "quiero depositar con tarjeta pero da error", "no me acreditaron el depósito"],
        "withdrawal": ["mi retiro sigue pendiente", "quiero retirar mi dinero", "hace una semana pedí un retiro y nada", "cuándo llega mi retiro"],
        "verification": ["envié mi pasaporte para la verificación", "rechazaron mis documentos", "cuánto tarda la verificación"],
        "account_access": ["no puedo entrar a mi cuenta", "olvidé mi contraseña", "mi cuenta está bloqueada"],
        "bonus": ["dónde están mis giros gratis", "no recibí el bono de bienvenida", "el código promocional no funciona"],
        "game_issue": ["el juego se congeló y perdí mi apuesta", "mi apuesta no se ha liquidado"],
        "technical": ["la página no carga", "la app se cierra sola"],
        "responsible_gambling": ["quiero autoexcluirme", "necesito un límite de depósito, juego demasiado"],
        "account_details": ["quiero cambiar mi correo electrónico", "quiero cerrar mi cuenta, ya no la uso"],
        "other": ["hola, buenas tardes", "hola", "alguien ahí?"],
        "_angry": ["ladrones", "estafadores", "son unos ladrones", "voy a denunciarlos"],
        "_negative": ["qué frustrante", "sigo esperando", "ya es la tercera vez"],
        "_thanks": ["muchas gracias por la ayuda", "gracias", "mil gracias"],
    },
    "pt": {
        "deposit": ["meu depósito não caiu", "fiz um pix de {amount} e não entrou", "depositei e o saldo não atualizou"],
        "withdrawal": ["cadê meu saque", "quando vou receber meu saque", "meu saque está pendente há dias"],
        "verification": ["quanto tempo demora a verificação", "meus documentos foram recusados"],
        "account_access": ["não consigo entrar na minha conta", "esqueci minha senha", "minha conta foi bloqueada"],
        "bonus": ["meu bônus não apareceu", "cadê minhas rodadas grátis"],
        "game_issue": ["o jogo travou no meio da rodada", "minha aposta não foi paga"],
        "technical": ["o site não abre", "o app está travando"],
        "responsible_gambling": ["quero me autoexcluir por 3 meses", "quero colocar um limite de depósito, estou viciado"],
        "account_details": ["quero mudar meu e-mail", "quero trocar meu número de telefone"],
        "other": ["oi", "boa noite", "tem alguém aí"],
        "_angry": ["vocês são uns ladrões", "golpistas", "fraude", "vou processar vocês"],
        "_negative": ["que demora", "estou cansado de esperar"],
        "_thanks": ["obrigado pela ajuda", "valeu", "muito obrigada"],
    },
    "de": {
        "deposit": ["meine Einzahlung ist nicht angekommen", "meine einzahlung ist seit gestern nicht da", "Einzahlung mit Karte geht nicht"],
        "withdrawal": ["meine Auszahlung ist seit Tagen ausstehend", "wann kommt meine Auszahlung", "Auszahlung wurde storniert"],
        "verification": ["wie lange dauert die Verifizierung", "meine Dokumente wurden abgelehnt"],
        "account_access": ["ich kann mich nicht einloggen", "passwort vergessen", "mein Konto ist gesperrt"],
        "bonus": ["wo sind meine Freispiele", "der Bonus wurde nicht gutgeschrieben"],
        "game_issue": ["das Spiel ist eingefroren", "meine Wette wurde falsch abgerechnet"],
        "technical": ["die App stürzt ständig ab", "die Seite lädt nicht"],
        "responsible_gambling": ["bitte sperren Sie mein Konto, ich bin spielsüchtig", "ich möchte ein Einzahlungslimit setzen"],
        "account_details": ["ich möchte meine E-Mail-Adresse ändern", "bitte löschen Sie meine Daten"],
        "other": ["hallo", "guten Abend", "ist jemand da"],
        "_angry": ["ihr seid Betrüger", "Abzocke", "Verbrecher", "ich gehe zum Anwalt"],
        "_negative": ["sehr ärgerlich", "ich warte immer noch"],
        "_thanks": ["danke schön", "vielen Dank", "danke für die Hilfe"],
    },
    "ru": {
        "deposit": ["депозит не пришел", "пополнил на {amount} и ничего", "деньги списались, а баланс ноль"],
        "withdrawal": ["вывод не приходит уже неделю", "где мой вывод", "хочу вывести деньги"],
        "verification": ["сколько длится верификация", "отклонили мои документы"],
        "account_access": ["не могу войти в аккаунт", "забыл пароль", "аккаунт заблокирован"],
        "bonus": ["не пришли фриспины", "где мой бонус"],
        "game_issue": ["игра зависла во время спина", "ставка не рассчитана"],
        "technical": ["сайт не открывается", "приложение вылетает"],
        "responsible_gambling": ["хочу самоисключение на полгода", "поставьте лимит на депозит"],
        "account_details": ["хочу сменить почту", "удалите мои данные"],
        "other": ["привет", "здравствуйте", "есть кто?"],
        "_angry": ["мошенники", "воры", "верните деньги, мошенники"],
        "_negative": ["сколько можно ждать", "очень неприятно"],
        "_thanks": ["спасибо", "большое спасибо"],
    },
    "tr": {
        "deposit": ["yatırımım hesaba geçmedi", "para yatırdım ama bakiye yok"],
        "withdrawal": ["paramı çekemiyorum", "çekim talebim hala beklemede"],
        "verification": ["doğrulama ne kadar sürer", "belgelerim reddedildi"],
        "account_access": ["hesabıma giriş yapamıyorum", "şifremi unuttum"],
        "bonus": ["bonusum gelmedi", "free spinler yüklenmedi"],
        "game_issue": ["oyun dondu", "bahsim sonuçlanmadı"],
        "technical": ["site açılmıyor", "uygulama çöküyor"],
        "responsible_gambling": ["kendimi kapatmak istiyorum, kumar bağımlısıyım"],
        "account_details": ["e-posta adresimi değiştirmek istiyorum"],
        "other": ["merhaba", "iyi akşamlar"],
        "_angry": ["dolandırıcılar", "hırsızlar", "şikayet edeceğim"],
        "_negative": ["çok yavaş", "hala bekliyorum"],
        "_thanks": ["teşekkürler", "çok teşekkür ederim"],
    },
    "fr": {
        "deposit": ["mon dépôt n'est pas crédité", "j'ai déposé {amount} et rien"],
        "withdrawal": ["mon retrait est toujours en attente", "je veux retirer mes gains"],
        "verification": ["combien de temps prend la vérification", "mes documents ont été refusés"],
        "account_access": ["je n'arrive pas à me connecter", "mot de passe oublié"],
        "bonus": ["je n'ai pas reçu mes tours gratuits", "mon bonus a disparu"],
        "game_issue": ["le jeu a planté pendant la partie"],
        "technical": ["le site ne charge pas", "l'application plante"],
        "responsible_gambling": ["je veux m'auto-exclure"],
        "account_details": ["je veux changer mon adresse e-mail"],
        "other": ["bonjour, quelqu'un est là ?", "bonsoir"],
        "_angry": ["voleurs", "arnaque", "escrocs"],
        "_negative": ["c'est vraiment pénible", "j'attends toujours"],
        "_thanks": ["merci beaucoup", "merci"],
    },
    "it": {
        "deposit": ["il mio deposito non è arrivato", "ho depositato {amount} e non vedo niente"],
        "withdrawal": ["il mio prelievo è ancora in attesa", "quando arriva il prelievo"],
        "verification": ["i miei documenti sono stati rifiutati"],
        "account_access": ["non riesco ad accedere al mio conto", "ho dimenticato la password"],
        "bonus": ["non ho ricevuto i giri gratis"],
        "game_issue": ["il gioco si è bloccato durante i giri gratis"],
        "technical": ["il sito non si carica"],
        "responsible_gambling": ["voglio autoescludermi"],
        "account_details": ["voglio cambiare il mio numero di telefono"],
        "other": ["ciao", "buonasera"],
        "_angry": ["ladri", "truffatori"],
        "_negative": ["che pazienza", "sto ancora aspettando"],
        "_thanks": ["grazie mille", "grazie"],
    },
    "pl": {
        "deposit": ["mój depozyt nie dotarł", "wpłata nie została zaksięgowana"],
        "withdrawal": ["moja wypłata wciąż oczekuje", "kiedy dostanę wypłatę"],
        "verification": ["ile trwa weryfikacja"],
        "account_access": ["nie mogę się zalogować", "zapomniałem hasła"],
        "bonus": ["nie dostałem darmowych spinów"],
        "game_issue": ["gra się zawiesiła"],
        "technical": ["strona nie działa"],
        "responsible_gambling": ["chcę się samowykluczyć"],
        "account_details": ["chcę zmienić adres e-mail"],
        "other": ["cześć", "dzień dobry"],
        "_angry": ["złodzieje", "oszuści"],
        "_negative": ["to frustrujące", "nadal czekam"],
        "_thanks": ["dziękuję", "dzięki"],
    },
}

# Topic mix: how often each specific topic is drawn (the hand-written sets and real chats are money-heavy).
TOPIC_WEIGHTS = {
    "deposit": 1.3, "withdrawal": 1.3, "verification": 1.0, "account_access": 1.0, "bonus": 1.0,
    "game_issue": 1.0, "technical": 0.9, "responsible_gambling": 0.8, "account_details": 0.8,
}
SENTIMENT_WEIGHTS = {"angry": 0.2, "negative": 0.28, "neutral": 0.36, "positive": 0.16}

_SLOT_RE = re.compile(r"\{(\w+)\}")


def fill(template: str, rng: random.Random) -> str:
    return _SLOT_RE.sub(lambda m: rng.choice(SLOT[m.group(1)]), template)


def _pick(rng: random.Random, items: list[str]) -> str:
    return fill(rng.choice(items), rng)


# Waits long enough to be a complaint by themselves, and what a fed-up but civil player asks then.
LONG_WAITS = [w for w in WHEN if sounds_fed_up(w)]
IMPATIENT_ASKS = [
    "what's happening with it?", "how long is this going to take?", "when will it be fixed?", "is someone working on it?",
    "could somebody look at it properly?", "what do you want me to do?", "why does nobody reply?", "any news?",
    "how long must i wait?", "please have a look", "please follow it up",
]
MONEY_ASKS = ["where has my money gone?", "where's my money", "i'd like to know where my money is"]


def problem_clause(topic: str, rng: random.Random, tone: str = "any") -> str:
    """A problem or question about one topic, in one of several shapes. `tone` "plain" leaves out the words
    of waiting and repetition (tone.py) that make a report frustrated; "fed_up" puts them in (a long wait or a
    repeated failure, an impatient ask) so the report is negative with no feeling word at all."""
    bank = TOPICS[topic]
    if tone == "fed_up" and bank["np"]:
        np_, bad = _pick(rng, bank["np"]), _pick(rng, bank["bad"])
        when = _pick(rng, WHEN if sounds_fed_up(bad) else LONG_WAITS)
        text = f"{np_} {bad} {when}".strip()
        if rng.random() < 0.3:
            text = f"{_pick(rng, bank['ctx'])} and {text}"
        if rng.random() < 0.6:
            asks = IMPATIENT_ASKS + (MONEY_ASKS if topic in ("deposit", "withdrawal") else [])
            text += rng.choice([", ", ". ", " - ", " "]) + rng.choice(asks)
        return text
    if not bank["np"] or rng.random() < 0.4:
        qs = [q for q in bank["q"] if not sounds_fed_up(q)] if tone == "plain" else bank["q"]
        q = _pick(rng, qs)
        if bank["ctx"] and rng.random() < 0.25:
            q = f"{_pick(rng, bank['ctx'])}, {q}" if rng.random() < 0.5 else f"{q}. {_pick(rng, bank['ctx'])}"
        return q
    bads = [b for b in bank["bad"] if not sounds_fed_up(b)] if tone == "plain" else bank["bad"]
    np_, bad = _pick(rng, bank["np"]), _pick(rng, bads)
    when = _pick(rng, [w for w in WHEN if not sounds_fed_up(w)] if tone == "plain" else WHEN)
    shape = rng.random()
    if shape < 0.3:
        text = f"{np_} {bad}"
    elif shape < 0.5:
        text = f"{np_} {bad} {when}".strip()
    elif shape < 0.65:
        text = f"{_pick(rng, bank['ctx'])} and {np_} {bad}"
    elif shape < 0.75:
        text = f"{_pick(rng, bank['ctx'])}. {np_} {bad}"
    elif shape < 0.85:
        text = f"why {np_} {bad}?"
    else:
        text = f"{np_} {bad}, {rng.choice(ASKS)}"
    if rng.random() < 0.25:
        text += f". {rng.choice(ASKS)}"
    return text


def solved_clause(topic: str, rng: random.Random) -> str:
    good = TOPICS[topic]["good"]
    return _pick(rng, good) if good else _pick(rng, TOPICS[topic]["q"])


def with_sentiment(text: str, sentiment: str, rng: random.Random) -> str:
    """Adds cues for the sentiment around a clause, in varied positions and strengths."""
    if sentiment == "angry":
        roll = rng.random()
        if roll < 0.15:
            return text.upper() + rng.choice(["!!!", "!!", "?!?!", "", " !!!!"])
        cue = rng.choice(ANGRY_CUES)
        if rng.random() < 0.3:
            cue += rng.choice([". ", " ", ", "]) + rng.choice(ANGRY_CUES)
        if roll < 0.25:
            cue = f"{rng.choice(SARCASM)}. {cue}"
        text = f"{cue}. {text}" if rng.random() < 0.35 else f"{text}{rng.choice(['. ', ' ', ', ', '!! '])}{cue}"
        if rng.random() < 0.2:
            text = text.upper()
        if rng.random() < 0.2:
            text += " " + rng.choice(ANGRY_EMOJI)
        return text + rng.choice(["", "", "!!!", "!", "!!"])
    if sentiment == "negative":
        roll = rng.random()
        if roll < 0.18:
            if rng.random() < 0.5:
                return f"{rng.choice(POLITE_FRUSTRATION_BEFORE)} {text}"
            return f"{text}{rng.choice(['. ', ', ', ' - '])}{rng.choice(POLITE_FRUSTRATION_AFTER)}"
        if roll < 0.25:
            # Frustration said through repetition and waiting, without a feeling word.
            sev = rng.choice(SEVERITY)
            return f"{sev}, {text}" if rng.random() < 0.3 else f"{text}{rng.choice([', ', '. ', ' ', ' - '])}{sev}"
        if roll < 0.75:
            cue = rng.choice(NEGATIVE_CUES)
            text = f"{cue}. {text}" if rng.random() < 0.3 else f"{text}{rng.choice([', ', '. ', ' ', '... '])}{cue}"
        elif roll < 0.88:
            text = f"{text} {rng.choice(NEGATIVE_EMOJI)}"
        else:
            text = f"{text}{rng.choice(['...', ' again', ', still waiting', ' ffs', '??', ' for days now'])}"
        return text
    if sentiment == "positive":
        cue = rng.choice(POSITIVE_CUES)
        text = f"{cue}! {text}" if rng.random() < 0.3 else f"{text}{rng.choice([', ', '. ', ' ', '! '])}{cue}"
        if rng.random() < 0.3:
            text += " " + rng.choice(POSITIVE_EMOJI)
        return text
    return text


def noise(text: str, rng: random.Random, shout: bool = False) -> str:
    """Chat noise: most players write lowercase, skip punctuation and apostrophes, abbreviate, misspell.
    Whole-message capitals only when `shout` (the message is angry: taxonomy.md counts shouting as hostility)."""
    if rng.random() < 0.5:
        text = text.replace("'", "").replace("’", "")
    if rng.random() < 0.35:
        for formal, informal in P.SLANG:
            if rng.random() < 0.4 and re.search(rf"\b{re.escape(formal)}\b", text):
                text = re.sub(rf"\b{re.escape(formal)}\b", informal, text, count=1)
    if rng.random() < 0.45:
        words = text.split(" ")
        for _ in range(rng.choice([1, 1, 2, 3])):
            j = rng.randrange(len(words))
            words[j] = typo(words[j], rng)
        text = " ".join(words)
    if rng.random() < 0.2:
        text = re.sub(r"[.,!?;:]+", "", text)
    if rng.random() < 0.08:
        text = re.sub(r"(\w)\b", lambda m: m.group(1) * rng.randint(2, 4), text, count=1)
    casing = rng.random()
    if casing < 0.2:
        text = text[:1].upper() + text[1:]
    elif casing < 0.3 and shout:
        text = text.upper()
    return text


def _sentiment(rng: random.Random) -> str:
    return rng.choices(list(SENTIMENT_WEIGHTS), weights=list(SENTIMENT_WEIGHTS.values()))[0]


def _topics(k: int, rng: random.Random) -> list[str]:
    pool = list(TOPIC_WEIGHTS)
    chosen: list[str] = []
    while len(chosen) < k:
        t = rng.choices(pool, weights=[TOPIC_WEIGHTS[p] for p in pool])[0]
        if t not in chosen:
            chosen.append(t)
    return chosen


def _foreign(rng: random.Random) -> Example:
    lang = FOREIGN[rng.choice(list(FOREIGN))]
    topic = rng.choice([t for t in lang if not t.startswith("_")])
    text = _pick(rng, lang[topic])
    sentiment = rng.choices(["neutral", "negative", "angry", "positive"], weights=[0.45, 0.2, 0.2, 0.15])[0]
    if sentiment == "positive" and topic != "other":
        sentiment = "neutral"
    if sentiment == "angry":
        if rng.random() < 0.8:
            text = f"{text} {rng.choice(lang['_angry'])}{rng.choice(['!!', '!', ''])}"
        else:
            text, topic = rng.choice(lang["_angry"]), "other"
    elif sentiment == "negative":
        text = f"{text}, {rng.choice(lang['_negative'])}"
    elif sentiment == "positive" or (topic == "other" and rng.random() < 0.4):
        text, sentiment = rng.choice(lang["_thanks"]), "positive"
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.15:
        text += "?"
    return Example(text, (topic,), sentiment, "grammar")


def generate_one(rng: random.Random) -> Example:
    roll = rng.random()
    if roll < 0.06:
        return _foreign(rng)
    sentiment = _sentiment(rng)
    if roll < 0.18:
        text = rng.choice(OTHER_ONLY[sentiment])
        if rng.random() < 0.25:
            text = f"{rng.choice(GREET)} {text}"
        return Example(noise(text, rng, sentiment == "angry"), ("other",), sentiment, "grammar")
    if roll < 0.26:
        template, topics = rng.choice(DECOYS)
        text = fill(template, rng)
        if sentiment == "positive":
            sentiment = "neutral"
        if sentiment != "neutral":
            text = with_sentiment(text, sentiment, rng)
        return Example(noise(text, rng, sentiment == "angry"), tuple(sorted(topics)), sentiment, "grammar")

    if sentiment == "angry" and rng.random() < 0.12:
        topic = _topics(1, rng)[0]
        text = rng.choice(BURSTS[topic])
        text = text.upper() if rng.random() < 0.6 else text
        if rng.random() < 0.4:
            text += f". {rng.choice(ANGRY_CUES)}"
        return Example(noise(text + rng.choice(["!!!", "!!", "", "!"]), rng, True), (topic,), sentiment, "grammar")

    k = rng.choices([1, 2, 3], weights=[0.62, 0.3, 0.08])[0]
    topics = _topics(k, rng)
    # A third of the negative reports carry their frustration in the report itself (a long wait, a repeated
    # failure, an impatient ask) with no cue word added: the plain voice of a civil complaint.
    fed_up = sentiment == "negative" and rng.random() < 0.35
    if sentiment == "positive":
        # Relief is said about something fixed; a later clause can still ask a plain question.
        parts = [solved_clause(topics[0], rng)] + [problem_clause(t, rng) for t in topics[1:]]
    elif fed_up:
        parts = [problem_clause(topics[0], rng, "fed_up")] + [problem_clause(t, rng) for t in topics[1:]]
    else:
        parts = [problem_clause(t, rng, "plain" if sentiment == "neutral" else "any") for t in topics]
    text = parts[0]
    for part in parts[1:]:
        text += rng.choice(CONNECT) + part
    if sentiment != "neutral" and not (fed_up and sounds_fed_up(text)):
        text = with_sentiment(text, sentiment, rng)
    if rng.random() < 0.3:
        text = f"{rng.choice(GREET)}{rng.choice([' ', ', ', '! '])}{text}"
    if sentiment == "neutral" and rng.random() < 0.12:
        text += rng.choice([" thanks", " thx", " ty", " pls", " please", "?", " 🙂", " 🤔"])
    return Example(noise(text, rng, sentiment == "angry"), tuple(sorted(topics)), sentiment, "grammar")


def generate(count: int, seed: int) -> list[Example]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        ex = generate_one(rng)
        out.append(Example(ex.text, ex.topics, civil_sentiment(ex.text, ex.sentiment), ex.source))
    return out
