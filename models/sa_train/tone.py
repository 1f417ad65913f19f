"""When a problem report reads as frustrated rather than plain.

taxonomy.md: `negative` is "dissatisfied or frustrated, but civil", `neutral` is "plain questions and
statements". Players rarely say "I am frustrated": they say it through waiting ("pending for five days",
"since monday", "still nothing"), repetition ("again", "keeps failing", "tried 4 times") and things that
never happen or vanish. A clause with those words is a negative message even without a feeling word, so
the generators must never label it neutral (they did, and the model learnt that the voice of a civil
complaint is neutral)."""

import re

_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|ten|several|many|few)"

_WAIT_VERB = r"(?:pending|waiting|processing|in review|under review|been|took|taking|takes|stuck)"

FED_UP = re.compile(
    r"\b(?:"
    # "still" and "keep" of waiting and repetition, not "can i still use it", "do i still need", "keep sports"
    r"(?<!can i )(?<!could i )(?<!do i )(?<!will i )still(?! (?:need|possible|valid|active|apply|count|use))|"
    r"keeps|keep \w+ing|kept \w+ing|again|forever|ages|every (?:single )?time|"
    r"never (?:got|get|came|comes|arrived|arrives|showed|shows|received|credited|paid|answers?|works|loads|went)|"
    # a wait, not a requested period ("self exclude me for a week" is not frustration)
    rf"{_NUM} (?:working )?(?:days?|weeks?|months?) (?:ago|now|already|later|in a row|of waiting)|"
    rf"{_WAIT_VERB} (?:for )?(?:over |more than )?{_NUM} (?:working )?(?:days?|weeks?|hours?)|"
    rf"after {_NUM} (?:working )?(?:days?|weeks?)|days now|weeks now|hours now|for hours|for days|for weeks|"
    r"since (?:yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend|last|this morning|the \w+)|"
    r"no one|nobody|no answer|no reply|no response|"
    rf"tried {_NUM} times|{_NUM} times now|\d+(?:st|nd|rd|th) (?:time|try|attempt)|third time|second time|"
    r"vanished|disappeared|taking forever|how much longer|like (?:hell|crazy)|"
    # the same marks in the other languages the generators write
    r"todav[ií]a|sigue|a[uú]n no|hace (?:una|\d+) (?:semana|d[ií]as)|seit|immer noch|toujours|depuis|ancora|"
    r"nadal|wci[aą][zż]|уже|до сих пор|hala|ainda|nog steeds"
    r")\b",
    re.IGNORECASE,
)


def sounds_fed_up(text: str) -> bool:
    return FED_UP.search(text) is not None


def civil_sentiment(text: str, sentiment: str) -> str:
    """The sentiment a generated message should carry: a `neutral` one whose words carry waiting or
    repetition is `negative`; every other label stands."""
    return "negative" if sentiment == "neutral" and sounds_fed_up(text) else sentiment
