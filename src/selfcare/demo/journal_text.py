"""Made-up end-of-shift writing for the demo, written for this project.

Each scene is one piece of writing with the context and tags it would plausibly carry.
The writers are practitioners across roles (social workers, nurses, psychologists, care
workers, therapists). People are named by role or initial only, nothing is graphic, and
where a shift was hard the writing names what the system did, not a failing of the writer.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfcare.domain.vocab import Tone


@dataclass(frozen=True, slots=True)
class Scene:
    """One made-up piece of writing and what it touched.

    Attributes:
        body: The writing.
        tone: Mostly hard, mostly good, or mixed.
        doing: What the writer was doing.
        roles: Who they were with, as `ContextRole` values.
        areas: Work areas touched, as (area, sub-tag or None).
        emotions: Emotion keys, strongest first.
        prompts: Keys of the prompts this writing could have answered.
    """

    body: str
    tone: Tone
    doing: str
    roles: tuple[str, ...]
    areas: tuple[tuple[str, str | None], ...]
    emotions: tuple[str, ...]
    prompts: tuple[str, ...]


def _area(text: str) -> tuple[str, str | None]:
    area, _, subtag = text.partition("/")
    return area, subtag or None


def _s(
    tone: Tone, doing: str, roles: str, areas: str, emotions: str, prompts: str, body: str
) -> Scene:
    """A scene from space-separated roles, ``area/subtag`` pairs, emotion and prompt keys."""
    return Scene(
        body=body,
        tone=tone,
        doing=doing,
        roles=tuple(roles.split()),
        areas=tuple(_area(a) for a in areas.split()),
        emotions=tuple(emotions.split()),
        prompts=tuple(prompts.split()),
    )


H, G, M = Tone.HARD, Tone.GOOD, Tone.MIXED

# fmt: off
FIRST: tuple[Scene, ...] = (
    _s(H, "home visit", "person-supported their-family",
       "demands/caseload moral-distress/no-resources", "powerlessness frustration guilt",
       "not-what-was-right with-what-was-needed not-resourced still-with-me",
       "Visit to Mrs D ran well over. Her care package still hasn't started because the "
       "agency has no carers for her area, so her daughter is doing everything and is close "
       "to the end of what she can manage. All I could promise was to chase it again. I "
       "chased it three times last week."),
    _s(H, "night shift on the ward", "person-supported colleague",
       "demands/staffing-gaps moral-distress/rushed-care demands/no-breaks",
       "guilt exhaustion sadness",
       "hardest-moment still-with-me with-what-i-had not-what-was-right",
       "Two nurses down and the bank shift wasn't filled. We kept everyone safe, but it was "
       "care at a run: obs, meds, call bells, no time to sit with anyone. The man in bay 3 "
       "asked me to stay for a minute and I said I'd come back. I did, at four, and he was "
       "asleep. I keep thinking about that minute."),
    _s(G, "therapy session", "person-supported", "", "joy meaning hope",
       "went-well why-i-do-this made-a-difference one-moment-closely",
       "Session with R and, for the first time in months, she laughed at something she'd "
       "said about herself. A proper laugh. Then she said she might be ready to try the "
       "thing we've been circling. I didn't do anything clever. I kept turning up, and the "
       "service let me keep her on past the usual number of sessions. That extension "
       "mattered."),
    _s(H, "morning care calls", "person-supported",
       "demands/caseload moral-distress/rushed-care control/rigid-rota", "frustration guilt anger",
       "not-what-was-right where-pressure-came-from got-in-the-way with-what-was-needed",
       "Fifteen-minute call for Mr T, who needs thirty at least. Up, washed, breakfast, "
       "tablets, and I was already late for the next one before I'd finished. He said "
       "\"you're always in a rush, love\" and he's right, and it isn't his fault or mine. "
       "The rota gives zero travel time between calls on opposite sides of town."),
    _s(M, "child protection conference", "their-family other-agency manager",
       "demands/unpaid-hours", "pride exhaustion relief",
       "went-well quietly-proud not-resourced leave-and-take",
       "Conference this morning. Mum came, which she hasn't managed before, and she spoke "
       "for herself. The plan is more realistic than the last one. The report behind it "
       "took most of my Sunday, though, which I keep not mentioning to anyone."),
    _s(H, "office day", "alone",
       "support/supervision-cancelled change/restructure", "loneliness anxiety frustration",
       "still-with-me got-in-the-way where-pressure-came-from letter-from-a-colleague",
       "Supervision cancelled again, the third time since the summer. My manager is "
       "covering two teams since the restructure, so I understand why. But I've been "
       "carrying the K family with nobody to think it through with, and tonight it feels "
       "heavy."),
    _s(H, "writing up notes", "alone",
       "demands/paperwork-it change/new-system demands/unpaid-hours",
       "frustration anger exhaustion",
       "got-in-the-way not-resourced where-pressure-came-from",
       "The new recording system logged me out twice halfway through an assessment and lost "
       "the lot. Forty minutes gone. Stayed late to redo it because the deadline doesn't "
       "move for IT. Raised a ticket. Fourth ticket this month."),
    _s(G, "late shift on the ward", "colleague person-supported", "", "calm satisfaction gratitude",
       "done-properly went-well one-moment-closely",
       "Handover from days was calm and clear for once, and the HCA on with me has been "
       "here years and knows everyone. We had time to do mouth care properly and turn Mrs A "
       "on time. We didn't work any harder than usual. There were just enough of us."),
    _s(H, "day shift on the ward", "their-family colleague",
       "relationships/aggression support/no-debrief", "fear anxiety sadness",
       "hardest-moment out-of-depth still-with-me one-moment-closely",
       "A relative shouted at me at the nurses' station about the wait for the doctor. "
       "Nothing more than shouting, and the nurse in charge came over quickly, but I was "
       "shaky for a while. He's frightened for his mum and the wait was too long. No chance "
       "to talk it over afterwards; we went straight back to it."),
    _s(H, "discharge session", "person-supported",
       "moral-distress/policy-against control/targets", "guilt powerlessness sadness",
       "not-what-was-right with-what-was-needed kinder-voice",
       "Had to discharge P after six sessions because of the waiting-list targets. She's "
       "better than she was, and she isn't ready. I wrote a careful letter to the GP and a "
       "relapse plan and told her she can be re-referred. We both knew that means months "
       "back on the list."),
    _s(M, "home visits", "alone", "demands/no-breaks", "exhaustion calm",
       "kinder-voice leave-and-take one-moment-closely with-what-i-had",
       "Nothing dramatic. Back-to-back visits, lunch in the car, a pile of notes for "
       "tomorrow. I'm tired in the ordinary way, and I'd like to notice that it's ordinary "
       "rather than turn it into a verdict on myself."),
    _s(G, "discharge planning", "other-agency their-family", "", "relief pride gratitude",
       "went-well made-a-difference done-properly",
       "Got the rails and the perching stool in for Mr O before the weekend, so he went "
       "home on Friday instead of Tuesday. His wife cried on the phone. The equipment store "
       "found a way to deliver the same day. The system does work sometimes, when people in "
       "it bend a little."),
    _s(H, "duty desk", "manager",
       "role/beyond-role support/no-training demands/staffing-gaps",
       "anxiety fear-of-blame overwhelm",
       "out-of-depth where-pressure-came-from not-resourced got-in-the-way",
       "Asked to cover duty again on top of my own cases because there's nobody else. Three "
       "new referrals, one urgent. I haven't been trained on the new screening tool and "
       "said so. The answer was \"just do your best\". My best without the training is a "
       "guess."),
    _s(M, "evening calls", "person-supported",
       "moral-distress/rushed-care", "connection joy sadness",
       "why-i-do-this one-moment-closely with-what-was-needed made-a-difference",
       "Sat with Mrs E for ten minutes after her tea because my next call was cancelled. "
       "She told me about the dance halls and the man she didn't marry. Ten minutes. It's "
       "the whole point of the job, and it's the first thing to go when the rota is tight."),
    _s(H, "office day", "colleague",
       "relationships/conflict control/rigid-rota", "dread sadness frustration",
       "still-with-me where-pressure-came-from got-in-the-way",
       "Atmosphere in the office all day after yesterday's row about the on-call rota. "
       "People are worn out and it's coming out sideways at each other. I kept my head "
       "down. I'd rather we raised it with the manager together than fought each other over "
       "the scraps."),
    _s(G, "supervision", "manager", "", "relief pride connection",
       "went-well quietly-proud one-moment-closely",
       "Supervision actually happened, a full hour. We went through the L case properly and "
       "she said my assessment was thorough and well reasoned. I came out lighter. An hour "
       "of someone's attention does a lot."),
    _s(M, "strategy meeting", "other-agency",
       "demands/emotional-load", "anxiety dread satisfaction",
       "still-with-me leave-and-take one-moment-closely with-what-i-had",
       "Strategy meeting with police and health about the S children. Everyone was "
       "stretched and it showed: the health visitor joined from her car, school couldn't "
       "release anyone. We made the right decisions for today. What I take home is the "
       "worry about the weekend, when none of us are working."),
    _s(H, "writing up notes", "alone", "demands/unpaid-hours demands/caseload", "anger exhaustion",
       "not-resourced where-pressure-came-from got-in-the-way",
       "Left at seven again. Officially I finish at five. I stopped counting the extra "
       "hours because counting made me angry, but I'm going to start again, so that when I "
       "raise it I have numbers and not just a feeling."),
    _s(H, "physio on the ward", "person-supported colleague",
       "moral-distress/no-resources demands/staffing-gaps", "guilt frustration powerlessness",
       "not-what-was-right with-what-was-needed kinder-voice with-what-i-had",
       "Only saw half my list. The other half got \"not seen, staffing\" in the notes. Mr H "
       "loses another day of walking, and at his age a day matters. I saw the ones most at "
       "risk first. That was the right call and it still feels bad."),
    _s(G, "team meeting", "colleague", "", "gratitude connection",
       "went-well why-i-do-this leave-and-take",
       "The team covered for each other all day. When the duty call came in, A said \"I'll "
       "take it, go and get your kids\" and meant it. I want to remember that we're good to "
       "each other even when the work isn't good to us."),
    _s(H, "mental health assessment in A&E", "person-supported other-agency",
       "moral-distress/no-resources demands/unpaid-hours", "powerlessness anger exhaustion",
       "where-pressure-came-from not-what-was-right not-resourced hardest-moment",
       "Assessment at the end of the shift, and no beds anywhere in the region, so the "
       "young man waited hours in a side room while we rang round. I stayed past handover "
       "so he wouldn't have to tell his story again to someone new. Ringing round for beds "
       "isn't a clinical task. It's a symptom."),
    _s(H, "team meeting", "colleague manager",
       "change/restructure change/not-consulted control/no-say", "dread anger powerlessness",
       "where-pressure-came-from got-in-the-way still-with-me one-moment-closely",
       "Announcement at the team meeting: the teams merge in January and the patch "
       "boundaries are changing. Nobody asked any of us how it affects the families we work "
       "with. Half the room went quiet and half got angry. I went quiet."),
    _s(G, "phone calls between visits", "their-family", "", "joy meaning relief",
       "made-a-difference why-i-do-this went-well",
       "B's son rang to say his dad has settled in the new placement and is eating again. I "
       "nearly didn't pick up because I was late for a visit. Glad I did."),
    _s(H, "duty desk", "colleague", "relationships/discrimination", "anger sadness gratitude",
       "hardest-moment still-with-me one-moment-closely",
       "A man at reception refused to speak to me and asked for \"someone English\". My "
       "colleague handled it well and backed me up. I'm fine, mostly. It's the fourth time "
       "this year. It goes on the incident log every time and nothing seems to change."),
    _s(H, "writing up notes", "alone",
       "demands/emotional-load demands/caseload", "fear-of-blame anxiety dread",
       "kinder-voice letter-from-a-colleague still-with-me out-of-depth",
       "Spent the evening replaying a decision about the M children: should I have "
       "escalated sooner? I recorded my reasoning at the time and my manager agreed with "
       "it. What I'm afraid of isn't the decision. It's a review that reads it without "
       "knowing what that week was like."),
    _s(M, "home visits", "alone", "outside-work/home", "guilt anxiety",
       "leave-and-take kinder-voice one-moment-closely",
       "Hard to concentrate. Mum's hospital appointment got moved and I couldn't shift my "
       "visits, so my sister went instead. Work itself was fine, really. It's holding both "
       "at once that's heavy."),
    _s(G, "home visit", "person-supported their-family", "", "satisfaction pride calm",
       "done-properly quietly-proud made-a-difference",
       "Did Mr V's capacity assessment properly: two visits instead of one, his hearing aid "
       "working, his nephew there. It took longer and it was the right way to do it, and "
       "for once there was room in the week."),
    _s(H, "duty desk", "alone", "demands/emotional-load demands/no-breaks", "numbness exhaustion",
       "one-moment-closely kinder-voice where-pressure-came-from",
       "Three safeguarding referrals today and I felt nothing much by the third. Noticing "
       "that, not judging it. It's what happens when there's no gap between one hard thing "
       "and the next."),
    _s(G, "night shift at the children's home", "person-supported",
       "", "calm connection satisfaction",
       "went-well why-i-do-this made-a-difference",
       "The youngest couldn't settle, so we sat in the kitchen with toast and a card game "
       "until two. Not quite what the plan says, but it worked and he went to bed smiling. "
       "Quiet shift otherwise."),
    _s(M, "office day", "their-family manager",
       "support/manager-unavailable control/no-say", "frustration anger relief",
       "got-in-the-way where-pressure-came-from not-resourced",
       "Needed sign-off for an emergency respite bed and couldn't reach anyone with the "
       "authority until gone four. The family waited all afternoon not knowing. The answer "
       "was yes in the end. It could have been yes at ten."),
    _s(M, "clinic", "person-supported",
       "demands/emotional-load demands/no-breaks", "sadness exhaustion meaning",
       "still-with-me leave-and-take letter-from-a-colleague why-i-do-this",
       "Heavy clinic. Three people in a row talking about loss. I held it in the room and I "
       "think I did it well, but there was no gap between them to put anything down. Sat in "
       "the car for ten minutes before driving home, which helped."),
    _s(G, "ward round", "colleague", "", "pride satisfaction",
       "quietly-proud went-well done-properly",
       "Ward round went well. The consultant asked what I thought about Mrs N going home "
       "and actually listened to the answer. Small thing, but the whole day feels different "
       "when what you know counts."),
    _s(H, "writing up notes", "manager",
       "role/conflicting-asks control/targets demands/caseload", "frustration powerlessness",
       "where-pressure-came-from got-in-the-way not-what-was-right",
       "The performance team wants the assessments closed by Friday. My manager wants the "
       "complex ones done thoroughly. I can't do both with this caseload, and somehow I'm "
       "the one who has to choose who to let down."),
    _s(M, "night shift on the unit", "colleague person-supported",
       "demands/staffing-gaps role/beyond-role", "pride exhaustion",
       "with-what-i-had quietly-proud not-resourced",
       "Nights with one senior and two agency staff who had never been here before. Half "
       "the night showing them where things are, the other half on the medicines round. "
       "Everyone was safe and comfortable by morning. Proud of that, and very tired."),
    _s(M, "home visit", "their-family other-agency",
       "demands/caseload", "meaning gratitude frustration",
       "leave-and-take made-a-difference",
       "Leaving at work: the voicemail from the housing officer, the overdue review. Taking "
       "home: J's son saying I'm the only one who's listened. I'll let that be the thing I "
       "remember from today."),
    _s(M, "training day", "colleague", "demands/paperwork-it", "connection relief",
       "one-moment-closely went-well leave-and-take",
       "Mandatory training, mostly online modules in a room with a broken heater. Good to "
       "see people from other teams, honestly. We compared caseloads over lunch and it "
       "helped to hear it isn't just us."),
    _s(H, "handover", "colleague", "demands/staffing-gaps", "guilt exhaustion",
       "letter-from-a-colleague kinder-voice with-what-i-had",
       "Handed over with three jobs unfinished. The night nurse was kind about it, and none "
       "of them are urgent, but I drove home listing them. It's a staffing list, not a list "
       "of my failures."),
    _s(H, "ward assessments", "person-supported",
       "moral-distress/no-resources demands/staffing-gaps", "frustration anger guilt",
       "with-what-was-needed not-what-was-right not-resourced",
       "Swallow assessment for Mr G done at last, after four days waiting. He's been on a "
       "soft diet he hates the whole time. Three of us cover the whole hospital. I'm not "
       "going to pretend in here that that's fine."),
    _s(G, "home visits", "alone", "", "calm relief",
       "went-well leave-and-take one-moment-closely",
       "Short day, finished on time, walked home the long way through the park. Nothing to "
       "report, which is its own kind of good."),
    _s(M, "court work", "alone", "demands/unpaid-hours", "pride exhaustion",
       "not-resourced quietly-proud with-what-i-had",
       "Court statement filed. Wrote most of it across two evenings. It's a good statement, "
       "careful and fair to the parents. I wish the quality of it didn't depend on my "
       "evenings."),
)
"""Entries written in the first person."""

THIRD: tuple[Scene, ...] = (
    _s(M, "night shift on the ward", "colleague person-supported",
       "demands/staffing-gaps demands/no-breaks", "pride anger exhaustion",
       "with-what-i-had quietly-proud not-resourced",
       "She got to the end of the night two people down and nobody came to harm. She didn't "
       "sit down once until the tea at six. She's allowed to be proud of that and furious "
       "about it at the same time."),
    _s(H, "home visit", "person-supported",
       "change/not-consulted moral-distress/policy-against", "sadness powerlessness guilt",
       "not-what-was-right hardest-moment still-with-me",
       "They had to tell Mrs F the day centre is closing. They didn't make the decision and "
       "didn't agree with it, and they were the one in the room when she understood. The "
       "worker did it kindly. That part was theirs; the closure wasn't."),
    _s(H, "home visits", "alone", "support/supervision-cancelled", "loneliness sadness",
       "letter-from-a-colleague kinder-voice not-resourced still-with-me",
       "Her supervision was cancelled again, and she sat in the car at lunch and cried for "
       "five minutes. Then she did the afternoon visits well. Someone carrying that much "
       "deserves an hour of someone's time every month, not a rescheduling email."),
    _s(H, "writing up notes", "alone",
       "demands/unpaid-hours demands/paperwork-it", "exhaustion frustration",
       "not-resourced where-pressure-came-from",
       "He stayed an hour after his shift to finish the notes, the third time this week. "
       "Nobody asks him to, and everyone needs him to. The hours aren't on any timesheet."),
    _s(G, "family meeting", "their-family", "", "pride meaning connection",
       "quietly-proud made-a-difference why-i-do-this",
       "They sat with K's mum while she read the plan through line by line, and answered "
       "every question without looking at the clock. She said it was the first meeting "
       "where she didn't feel judged. The worker did that."),
    _s(M, "duty desk", "manager", "demands/emotional-load", "anxiety relief",
       "leave-and-take one-moment-closely hardest-moment",
       "She was on duty when the call came and she knew what to do. She followed the "
       "procedure, told the duty manager and wrote it up properly. She can put it down now; "
       "the right people have it."),
    _s(H, "team meeting", "colleague manager",
       "change/new-system support/no-training", "anxiety dread",
       "out-of-depth got-in-the-way where-pressure-came-from",
       "The worker found out at the team meeting that the new system goes live in two weeks "
       "and the training is a video. They asked who to go to with problems and nobody knew. "
       "Of course they feel anxious. Anyone would."),
    _s(M, "discharge planning", "person-supported other-agency",
       "role/beyond-role", "satisfaction frustration",
       "with-what-i-had got-in-the-way quietly-proud",
       "He spent the morning on the ward with Mr W, waiting for a discharge that kept "
       "slipping. He kept Mr W's spirits up and sorted the transport himself. He did what "
       "the system couldn't manage to."),
    _s(M, "day shift on the ward", "colleague", "outside-work/home", "exhaustion guilt",
       "kinder-voice letter-from-a-colleague with-what-i-had",
       "She was tired before the shift started. Her youngest is off school with a cough and "
       "the childminder couldn't take him. She did the shift anyway, and did it well. Tired "
       "is a reasonable response to all of that."),
    _s(G, "home visit", "person-supported", "", "joy meaning",
       "why-i-do-this made-a-difference went-well",
       "They were reminded today why they came into this work: Mr C recognised them at the "
       "door and said \"oh good, it's you\". Two years of visits in one sentence."),
    _s(H, "home visit", "their-family manager",
       "relationships/aggression support/no-debrief", "fear anger",
       "hardest-moment still-with-me letter-from-a-colleague one-moment-closely",
       "The worker was shouted at on a doorstep by a father who didn't want them there. "
       "They stayed calm, left when it was right to leave and told the manager straight "
       "away. Nobody offered a debrief. They should have been offered one."),
)
# fmt: on
"""Entries written in the third person, about "the worker"."""

FIRST_ENDINGS: tuple[str, ...] = (
    "Home now.",
    "Going to eat something and go to bed.",
    "Enough for tonight.",
    "Walked the dog after, which helped.",
    "Bath, then sleep.",
    "The rest can wait until tomorrow.",
)
"""Short last lines, added to some first-person entries."""

THIRD_ENDINGS: tuple[str, ...] = (
    "Enough for tonight.",
    "The rest can wait until tomorrow.",
    "Time to rest.",
)
"""Short last lines, added to some third-person entries."""

DRAFTS: tuple[tuple[str, str | None, str], ...] = (
    (
        "Still thinking about the review for Mr B. The placement is breaking down and the only "
        "option on the table is forty miles from his brother, and in the meeting I said",
        "still-with-me",
        "first",
    ),
    (
        "The worker did the whole morning round on her own after the agency nurse didn't turn "
        "up, and she still",
        "with-what-i-had",
        "third",
    ),
    (
        "Started this on the bus. Long day. The thing I want to write about is",
        None,
        "first",
    ),
)
"""Interrupted drafts: (body, prompt key or None, perspective)."""
