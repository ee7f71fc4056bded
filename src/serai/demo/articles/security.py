"""The demo outlet's English articles in its Security section."""

from serai.demo.content import AIGERIM, ZARINA, DemoArticle, DemoPhoto

MOUNTAIN_RESCUE = DemoArticle(
    slug="esken-mountain-rescue-team-adds-night-drills",
    section="security",
    authors=("aruzhan-salkyn",),
    dateline="Esken",
    headline="Esken mountain rescue team adds night drills as walkers stay out later",
    standfirst=(
        "The volunteer team has trained twelve new members and published a checklist for "
        "anyone heading into the passes above the town."
    ),
    body="""\
The Esken Mountain Rescue Team has begun training after dark for the first time, after a year \
in which nearly half of its call-outs came between sunset and midnight.

The team, made up of 38 volunteers and two paid coordinators, answered 61 calls over the past \
twelve months, according to figures it presented to the town council this week. Most involved \
walkers who had lost the path or underestimated how quickly the light goes in the high valleys.

## Training for the dark

Twelve new members completed their certification this month. The night drills, held twice a \
month on the slopes above the old weather station, practise search patterns with head torches, \
radio discipline and carrying a stretcher over loose ground.

> "In daylight a lost walker can see us and wave. At night we are looking for one small light \
on a very big mountain, so everything has to be slower and more careful," said the team's \
coordinator, Yerbol Sadyk.

[photo 2]

## What the team asks of walkers

The team says most call-outs could be avoided with a little preparation. Its checklist asks \
everyone heading above the tree line to:

1. tell someone where they are going and when they expect to be back,
2. carry a head torch with spare batteries, even on a day walk,
3. pack a warm layer and water, whatever the weather looks like in town,
4. turn back at the time they agreed, not at the summit.

The team's full safety notes are published on [its own page](https://example.org/esken-rescue), \
and our [Security section](/en/security/) follows its work through the year.

Volunteers are welcome: the next open evening is at the team's base by the cable car station, \
and no climbing experience is needed to help with radio and logistics.
""",
    photos=(
        DemoPhoto(
            "rescue",
            5,
            "dusk",
            "Illustration: a red rescue helicopter flying over snow-capped mountains and pine "
            "forest at dusk.",
            "The team's helicopter on a training flight above Esken.",
            AIGERIM,
        ),
        DemoPhoto(
            "rescue_base",
            2,
            "morning",
            "Illustration: a building with three red garage doors among pine trees, with "
            "mountains behind and a few people in front.",
            "The rescue team's base by the cable car station.",
            AIGERIM,
        ),
    ),
    hours_ago=20,
)


EMBANKMENTS = DemoArticle(
    slug="water-board-finishes-kesh-river-embankment-repairs",
    section="security",
    authors=("aruzhan-salkyn",),
    dateline="Taldyr",
    headline="Water board finishes repairs to the Kesh River embankments around Taldyr",
    standfirst=(
        "Six kilometres of embankment have been rebuilt and raised, and residents of the "
        "low-lying districts can now sign up for flood warnings by text message."
    ),
    body="""\
The Kestau Regional Water Board has finished rebuilding six kilometres of embankment along the \
Kesh River where it passes through Taldyr, completing work that began after floods damaged more \
than two hundred homes three years ago.

The new embankments are about a metre higher than the old ones and are faced with stone on the \
river side. Four pumping stations have been refurbished to drain water from the streets behind \
them after heavy rain.

## Warnings by text message

Residents of the low-lying districts can now sign up for warnings by text message when the \
river rises above set levels. The water board says more than three thousand households have \
already registered.

[photo 2]

> "An embankment is only half of flood safety. The other half is people knowing early, and \
knowing where to go," said the board's chief engineer, Dina Mukhtar.

## What residents should do

The board asks households in the flood zone to:

- register for text warnings at the town hall or at \
[example.org/kesh-alerts](https://example.org/kesh-alerts),
- keep documents and medicines together in one bag that is easy to carry,
- learn the way to the nearest assembly point, marked with blue signs.

[photo 3]

The work was paid for from the regional budget and took two construction seasons. The board \
says it will inspect the embankments every spring and autumn and publish the reports.
""",
    photos=(
        DemoPhoto(
            "river",
            3,
            "morning",
            "Illustration: a stone-faced river embankment with workers in orange vests on top, "
            "the river and a line of poplars behind.",
            "Water board staff walking the rebuilt embankment in Taldyr.",
            AIGERIM,
        ),
        DemoPhoto(
            "river",
            14,
            "overcast",
            "Illustration: the river under a grey sky, with trees on the far bank reflected in the water.",
            "The Kesh River above the town, where the new warning gauges stand.",
            AIGERIM,
        ),
        DemoPhoto(
            "city",
            8,
            "morning",
            "Illustration: a street of houses and poplars in the morning light.",
            "One of the low-lying streets protected by the new embankment.",
            ZARINA,
        ),
    ),
    hours_ago=165,
)
