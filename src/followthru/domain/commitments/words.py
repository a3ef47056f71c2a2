"""Word lists the rules test against, written as prose so they are easy to read and extend.

Kept as frozensets: membership on the hot path is O(1), and the detector runs thousands of
notes a second."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A word list written as prose: easier to read and extend than a column of strings."""
    return frozenset(text.split())


# Verbs that hand something to, or do something for, the other side.
ACTION_BASE = word_set(
    """
    send email e-mail mail forward share intro introduce connect call ring phone text ping
    dm message msg reply respond confirm follow get circle reach set schedule book arrange
    organize organise invite review look check loop cc recommend refer pass mentor help
    host provide deliver draft write prepare put find dig come update drop bring lend give
    offer quote return swing pick thank congratulate remind add ask tell pitch post
    publish ship submit invoice pay order rsvp register sign try visit meet catch grab
    talk chat touch take read research show demo hook vouch sponsor fund buy treat
    reconnect make do have go play hop jump join attend keep sort figure work whip draw
    email/text nudge wrap finalize finalise circulate compile collect print fix test
    install open reserve block sync outline summarize summarise pull chase renew revert
    """
)


# Verbs a to-do fragment may start with ("Send Priya the deck"). Words that are as often
# nouns or past tenses ("read", "put", "set") are left out unless they cannot be misread.
IMPERATIVE = word_set(
    """
    send email e-mail mail forward share intro introduce connect call ring phone text ping
    dm message msg reply respond confirm follow get circle reach schedule book arrange
    organize organise invite review look check loop cc recommend refer pass draft write
    prepare find dig update drop bring lend give quote return swing pick thank
    congratulate remind add ask pitch ship submit invoice pay order rsvp register sign
    visit meet catch grab touch reconnect make hop jump join attend set put nudge
    circulate finalize finalise compile print reserve block outline summarize summarise
    pull talk chat take chase try renew
    """
)


# Joint activities: a plan for both sides rather than a step one side owes.
JOINT_NOUNS = word_set(
    """
    lunch lunches coffee coffees dinner breakfast brunch drinks drink beer beers call
    calls catch-up catchup meeting meetup meet-up zoom chat hike run squash tennis golf
    game get-together facetime bbq barbecue workout walk climb ski tea pint pints jog ride
    hangout hang-out videocall
    """
)


JOINT_VERBS = word_set(
    """
    meet catch hang talk chat reconnect touch hike play get-together jog
    """
)


LIGHT_VERBS = word_set(
    """
    grab get have do go schedule set book plan organize arrange hop jump
    """
)


# Verbs that describe a state or a plan of one's own, not a step owed to anyone.
STATIVE = word_set(
    """
    be have miss need want like love hate know retire move leave travel fly start stay
    probably likely definitely maybe prefer remain become turn live work die hear end
    begin close launch hire expand win lose raise sell graduate relocate fall seem
    look-forward enjoy wonder think consider relax rest chill unwind recharge blame
    """
)


PERSON_OBJECTS = word_set(
    """
    me us my our myself ourselves mine ours
    """
)


ADVERBS = word_set(
    """
    also definitely def defo probably prob prolly really then just still totally both all
    certainly surely absolutely hopefully soon actually finally quickly personally gladly
    happily def. likely
    """
)


NEGATIONS = word_set(
    """
    not never no nobody nothing neither nor
    """
)


HEDGES = word_set(
    """
    if unless whether maybe perhaps might could would wonder wondering presumably suppose
    imagine doubt
    """
)


NONVERB = word_set(
    """
    the a an my his her their our your its this that these those some any to of in on at
    by for from with about and or but so is are was were am been being it there here what
    which who whom whose when where why how me him them us you i we he she they one next
    last up out back off over not no never
    """
)


PRONOUN_SUBJECTS = {
    "i": "me",
    "we": "we",
    "she": "them",
    "he": "them",
    "they": "them",
    "you": "them",
}


NONPERSON_SUBJECTS = word_set(
    """
    it this that there which what where when how why these those everything something
    nothing anything event deck report conference meetup office app product website it's
    thing things weather time date price prices budget plan plans
    """
)


FUNCTION_WORDS = word_set(
    """
    and or but so then also the a an of to in on at by for from with about as if when
    while because after before until since not no
    """
)


# Prefixes that only mark a note line as a to-do.
TODO_PREFIX = word_set(
    """
    todo to-do action item items reminder note next step steps pls please ps p.s fyi asap
    urgent important
    """
)


PAST_AUX = frozenset(["was", "were", "had", "did"])


QUESTION_OPENERS = word_set(
    """
    should will would could can do does did shall is are was were may might
    """
)


REPORT_VERBS = word_set(
    """
    said told promised assured agreed offered mentioned committed confirmed replied wrote
    say says tell tells promise promises insisted swore texted emailed
    """
)


COMMIT_VERBS = word_set(
    """
    promised promise promises offered offer offers agreed agree agrees volunteered
    committed pledged vowed
    """
)


PLAN_VERBS = frozenset(["plan", "plans", "planning", "intend", "intends", "intending"])


CLAUSE_BREAKS = frozenset({",", ":", "+", "&", "(", ")", "/", "-"})


CONTINUERS = frozenset(["and", "then", "but", "so", "or"])


FRESH_STARTERS = frozenset(["also", "plus"])


def ing_forms(verbs: frozenset[str]) -> frozenset[str]:
    forms: set[str] = set()
    for verb in verbs:
        forms.add(verb + "ing")
        if verb.endswith("e") and verb != "be":
            forms.add(verb[:-1] + "ing")
        forms.add(verb + verb[-1] + "ing")
    return frozenset(forms)


ACTION_ING = ing_forms(ACTION_BASE) - {
    "hoping",
    "caring",
    "meaning",
}  # "hoping" is hope, not hop


ACTION_OR_ING = ACTION_BASE | ACTION_ING


JOINT_ING = ing_forms(JOINT_VERBS) | frozenset({"grabbing", "getting", "having", "doing"})


BE_ING_OK = word_set(
    """
    working getting following looping reaching sending touching circling
    """
)


# What someone may "have" for the other side: "she'll have a decision by year-end".
DELIVERABLES = word_set(
    """
    decision answer answers update updates quote proposal feedback offer numbers draft
    figures estimate verdict response reply contract results report specs details list
    slides deck invoice shortlist recommendation recommendations sign-off approval redlines
    comments notes markup edits budget timeline schedule availability
    """
)


SELF_MARKS = frozenset(["me", "myself", "i", "moi"])


PARTNER_PRONOUNS = frozenset(["she", "he", "her", "him"])


PAST_OPENERS = word_set(
    """
    met saw told left ran bumped caught thanked pinged texted called emailed messaged
    joined visited found hit
    """
)


AND = frozenset(["and", "&", "+"])


SUBJECT_LEADS = CLAUSE_BREAKS | CONTINUERS | FRESH_STARTERS | TODO_PREFIX


DETERMINERS = word_set(
    """
    a an the his her their my our some another
    """
)


REMINDER_WORDS = frozenset(["remember", "forget", "sure", "remind", "self"])


NOTE_NOUNS = frozenset(["reminder", "note", "todo", "to-do", "task"])


NOTE_VERBS = frozenset(["set", "add", "put", "make", "create", "a", "an", "in", "myself"])


# Capitalised words that start a sentence before "to <verb>" without being a name:
# "Nice to meet", "Time to send", "Back to work".
NOT_NAMES = word_set(
    """
    nice good great lovely happy glad sad hard easy fun keen ready able sorry excited
    welcome time back due free best better okay ok cool awesome tough important hope
    try want wants need needs went came got used forgot thanks intro way same listen
    trip flight drive move switch rather love likes says said asked told invited decided
    tried managed failed wanted first second last next nothing something everything
    anything someone anyone nobody everyone reply answer response pleasure honor honour
    sure safe fine wise smart impossible possible tricky difficult simple interesting
    hoping planning going trying head heading question decision goal idea aim mission
    job chance opportunity up down close open hi hello hey dear great ugh oh yes yeah
    congrats congratulations cheers bye off en route home straight
    """
)


ASSIGNEES = {
    "me": "me",
    "i": "me",
    "myself": "me",
    "we": "we",
    "us": "we",
    "both": "we",
    "she": "them",
    "he": "them",
    "they": "them",
    "you": "them",
}


PLAN_HEADERS = word_set(
    """
    so recap summary tldr tl;dr upshot decided decisions wrap-up wrapup
    plan plans steps step item items actions todo to-do agreed outcome outcomes deal
    takeaways agenda
    """
)


ASSIGN_BREAKS = frozenset([":", "+", "&", "(", ",", "-", "/", "and", "then", "also", "plus"])


ROLE_NOUNS = word_set(
    """
    manager cfo ceo cto coo cmo cpo cro vp founder cofounder co-founder recruiter assistant
    pa ea boss lawyer lawyers counsel legal hr procurement accountant advisor adviser mentor
    prof professor supervisor landlord agent broker banker client customer vendor supplier
    director head engineer designer editor chair secretary investor investors team
    """
)


WH_WORDS = word_set(
    """
    what how where why whatever however which
    """
)


THING_LEADS = word_set(
    """
    a an the some another more two three few copy my our
    """
)

# Nouns that make a joint or to-do word the title of a note: "Call notes", "Meeting recap".
HEADING_NOUNS = word_set(
    """
    notes note recap summary minutes takeaways debrief log
    """
)
# Words that move or fix a plan already made: "Pushed our call to Monday".
MOVED_PLAN = word_set(
    """
    moved pushed bumped rescheduled shifted changed set fixed our my monthly weekly usual
    now offsite
    """
)
# The user's own side: "my colleague", "our CTO", "my team".
OWN_SIDE = word_set(
    """
    colleague colleagues coworker co-worker teammate team boss manager assistant pa ea cto
    ceo cfo coo cofounder co-founder founder lawyer counsel legal finance support sales
    engineer engineers designer head lead account ops people
    """
)
