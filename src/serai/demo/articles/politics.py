"""The demo outlet's English articles in its Politics section."""

from serai.demo.content import AIGERIM, ARMAN, ZARINA, DemoArticle, DemoPhoto

COUNCIL_RECORDS = DemoArticle(
    slug="regional-council-puts-its-meeting-records-online",
    section="politics",
    authors=("timur-zhandos",),
    dateline="Korsai",
    headline="Regional council puts its meeting records online for the first time",
    standfirst=(
        "Minutes, voting records and agendas since January are now public on the council's "
        "website, with recordings of full sessions to follow."
    ),
    body="""\
The Kestau Regional Council has published the minutes and voting records of every full session \
held since January, the first time its records have been open to the public without a written \
request.

The archive, which went online on Tuesday, also includes the agendas of committee meetings and \
the attendance record of each of the council's 41 members.

## What is in the archive

For each session, readers can now find:

- the agenda, published at least five days before the meeting,
- the minutes, approved at the following session,
- a table of how each member voted on each motion.

Recordings of full sessions will be added from next month, the council's secretariat said. \
Committee meetings will not be recorded for now. The archive is at \
[example.org/kestau-council](https://example.org/kestau-council).

## Why it took so long

Members from all of the council's groups had backed the idea for several years, but the \
secretariat said it first had to digitise paper records and agree on how to publish members' \
votes.

> "Residents should not have to write a letter to find out how their representative voted. \
This is a basic step, and it is overdue," said the council's secretary, Raushan Ibray. "Next we \
want to publish the budget documents in a form people can actually read."

We will use the archive in our own reporting; our coverage of the council is collected on \
[the Politics page](/en/politics/).
""",
    photos=(
        DemoPhoto(
            "civic",
            6,
            "morning",
            "Illustration: a pale stone council building with columns and a green dome, "
            "poplar trees on either side and people crossing the square in front.",
            "The regional council building on Korsai's central square.",
            AIGERIM,
        ),
    ),
    hours_ago=52,
    update_note="Adds the archive's address and the secretary's comment on budget documents.",
    updated_hours_after=6,
)


ROAD_BUDGET = DemoArticle(
    slug="regional-council-approves-two-year-road-budget",
    section="politics",
    authors=("timur-zhandos", "madina-oraz"),
    dateline="Korsai",
    headline="Regional council approves a two-year road budget after a nine-hour session",
    standfirst=(
        "The plan puts most of the money into repairing existing roads rather than building "
        "new ones, with the mountain road to Esken at the top of the list."
    ),
    body="""\
The Kestau Regional Council approved a two-year road maintenance budget late on Thursday, after \
a session that ran for nine hours and ended in a vote of 29 to 12.

The plan moves money away from new construction and towards repairing the roads the region \
already has. About two thirds of the budget will go to resurfacing and drainage, and the rest to \
bridges and bus stops.

## The main projects

The budget lists its priorities in order:

1. resurfacing the mountain road between Korsai and Esken, closed for several days last winter \
after landslides,
2. rebuilding two bridges over the Kesh River near Taldyr,
3. new shelters and lighting at 120 rural bus stops.

[photo 2]

## Objections

Members who voted against the plan said it left too little for the fast-growing suburbs north \
of Korsai, where residents have asked for years for a paved road to the new school.

> "We are repairing the roads we have, and that is right, but we are not building the ones \
people already need," said council member Ainur Kassen, whose amendment for the northern \
suburbs was defeated.

The council's transport committee has promised quarterly progress reports, and tenders for the \
work on the mountain road are expected to open next month.

Earlier reporting on the council's spending is collected on [the Politics page](/en/politics/).
""",
    photos=(
        DemoPhoto(
            "civic",
            11,
            "dusk",
            "Illustration: the council building with its green dome at dusk, its windows lit.",
            "The council's session ran late into the evening.",
            AIGERIM,
        ),
        DemoPhoto(
            "road",
            4,
            "morning",
            "Illustration: a red bus on a straight road across the steppe towards snow-capped "
            "mountains, poplars along the roadside.",
            "The road east of Korsai, one of the routes due for resurfacing.",
            ARMAN,
        ),
    ),
    hours_ago=118,
)


PEOPLES_BUDGET = DemoArticle(
    slug="taldyr-residents-choose-projects-in-first-peoples-budget-vote",
    section="politics",
    authors=("timur-zhandos",),
    dateline="Taldyr",
    headline="Taldyr residents choose a playground and street lights in first people's budget vote",
    standfirst=(
        "Almost five thousand people voted on how to spend a share of the town budget; the "
        "winning projects will be built next year."
    ),
    body="""\
More than 4,800 residents of Taldyr took part in the town's first participatory budget vote, \
choosing how to spend a share of next year's municipal budget set aside for projects proposed \
by residents themselves.

Residents sent in 57 proposals over the summer. A panel of town hall staff and residents checked \
each one for cost and feasibility, and 14 went on the ballot.

## The winning projects

Five projects won enough votes to be funded:

1. a playground and shaded benches in the Station Road park,
2. street lighting on the footpath to the railway station,
3. a ramp and handrails at the district clinic,
4. new goalposts and nets for the school football pitch,
5. a drinking fountain on the central square.

## How the vote worked

Voting was open for two weeks, online and at ballot boxes in the library and the town hall. \
Anyone over sixteen living in Taldyr could vote for up to three projects.

Town officials said they would publish the full results, including the projects that did not \
win, on the town hall noticeboard and at \
[example.org/taldyr-budget](https://example.org/taldyr-budget).

The town council has said it intends to repeat the vote next year with a larger share of the \
budget, if the first projects are delivered on time.
""",
    photos=(
        DemoPhoto(
            "city",
            13,
            "day",
            "Illustration: a sunny street of town houses with poplars and people walking on the pavement.",
            "Station Road, where the new playground will be built.",
            ZARINA,
        ),
    ),
    hours_ago=190,
)


# Not yet public: due in two days, so readers see it appear by itself.
OPEN_DAY = DemoArticle(
    slug="regional-council-opens-its-doors-to-visitors",
    section="politics",
    authors=("timur-zhandos",),
    dateline="Korsai",
    headline="Regional council opens its doors to visitors this weekend",
    standfirst=(
        "Residents can tour the council chamber, sit in members' seats and put questions to the "
        "committee chairs."
    ),
    body="""\
The Kestau Regional Council is opening its building to the public this weekend, with guided \
tours of the chamber and the archive every hour from ten in the morning.

It is the first open day since the building's renovation, and the secretariat says it hopes to \
make it an annual event.

## Questions for the chairs

In the afternoon the chairs of the transport, education and budget committees will answer \
questions from residents in the chamber. Questions can be sent in advance to the secretariat.

## Getting there

The building is on the central square, a short walk from the bus station. Entry is free and no \
booking is needed, but groups of more than ten are asked to write ahead.

The full programme is published at [example.org/kestau-council](https://example.org/kestau-council).
""",
    photos=(
        DemoPhoto(
            "civic",
            21,
            "day",
            "Illustration: the council building with columns and a green dome on a sunny day.",
            "The regional council building, open to visitors this weekend.",
            AIGERIM,
        ),
    ),
    hours_ago=-48,
    status="scheduled",
)
