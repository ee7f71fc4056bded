"""The demo outlet's English articles in its Culture section."""

from serai.demo.content import ARMAN, DemoArticle, DemoPhoto

FELT_FAIR = DemoArticle(
    slug="felt-makers-fair-brings-craftspeople-to-the-steppe",
    section="culture",
    authors=("daniyar-kemel",),
    dateline="Ulanbek",
    headline="Felt-makers' fair brings three generations of craftspeople to the steppe",
    standfirst=(
        "More than forty workshops set up yurts and rolling tables outside Ulanbek for a weekend "
        "of demonstrations, lessons and trade, and the organisers want to make it a yearly event."
    ),
    body="""\
Forty-three workshops from across the Kestau Region pitched their yurts on the meadow west of \
Ulanbek this weekend for the first regional felt-makers' fair, turning a stretch of quiet \
pasture into a village of rolling tables, dye pots and drying lines.

The organisers, a cooperative of craftspeople based in Ulanbek, had hoped for a few hundred \
visitors. By Saturday afternoon the car park by the lake road was full, and volunteers were \
directing late arrivals to a field usually kept for hay.

## Wool, water and a lot of patience

Most of the demonstrations followed the same slow rhythm. Wool is laid out in thin crossing \
layers on a reed mat, sprinkled with hot soapy water, rolled up tight and then rolled again, for \
an hour or more, until the fibres lock together into cloth.

> "Children think it is magic the first time they see loose wool become cloth. Then they try \
rolling it for twenty minutes and they understand it is work," said Gulnara Temir, who runs a \
felt workshop in Esken with her two daughters.

[photo 2]

Visitors could try each stage for themselves. The busiest tables were:

- sorting and carding wool by colour,
- laying out the pattern for a small rug,
- rolling felt in teams of four, against the clock and to a lot of cheering.

## Keeping the craft paid

Behind the festivities was a practical question: how to make felt-making pay well enough that \
younger people stay with it. Several workshops said orders from cafés and hotels in Korsai now \
matter more to them than sales to families.

The cooperative is collecting the details of workshops that want to join a shared online \
catalogue, and is planning a second fair next year. Workshops that want to take part can reach \
the organisers through [our newsroom](/en/pages/about/).
""",
    photos=(
        DemoPhoto(
            "felt",
            3,
            "day",
            "Illustration: white yurts on a green meadow, felt rugs hanging on a line and "
            "visitors walking between them, snow-capped mountains behind.",
            "Felt rugs drying between the workshops' yurts on the first day of the fair.",
            ARMAN,
        ),
        DemoPhoto(
            "steppe",
            8,
            "dusk",
            "Illustration: a group of yurts on the steppe under a pink evening sky.",
            "Some workshops stayed overnight in their yurts on the meadow.",
            ARMAN,
        ),
    ),
    hours_ago=4,
)


THEATRE = DemoArticle(
    slug="korsai-drama-theatre-reopens-its-restored-hall",
    section="culture",
    authors=("daniyar-kemel",),
    dateline="Korsai",
    headline="Korsai Drama Theatre reopens its restored hall with a new comedy",
    standfirst=(
        "After two years of repairs the theatre has new seats, a lift and surtitles in three "
        "languages, and the opening week sold out in two days."
    ),
    body="""\
The Korsai Drama Theatre reopened on Saturday after two years of repairs, with a new comedy \
about a family trying to sell a very old piano.

The restoration replaced the hall's seating, rebuilt the stage floor and added a lift to the \
balcony, which until now could only be reached by a steep staircase. The painted ceiling, \
damaged by a leaking roof, has been cleaned and repaired.

## A screen above the stage

For the first time the theatre shows surtitles above the stage, so audiences can follow \
performances in either of the region's languages or in English.

> "A theatre in a city like Korsai should be for everyone who lives here, whatever language \
they speak at home," said the artistic director, Bakhyt Omar.

[photo 2]

The opening play was written by a literature teacher from Taldyr, whose script won the \
theatre's playwriting competition two years ago, just before the hall closed for repairs.

## Tickets

The opening week sold out within two days. The theatre holds back twenty seats at each \
performance for students and pensioners, sold at the box office on the day.

The season's programme, with dates and prices, is available at \
[example.org/korsai-theatre](https://example.org/korsai-theatre).
""",
    photos=(
        DemoPhoto(
            "theatre",
            2,
            "evening",
            "Illustration: a theatre with a columned front hung with coloured banners, lit "
            "windows and street lamps, people arriving across the square at night.",
            "The theatre on its opening night.",
            ARMAN,
        ),
        DemoPhoto(
            "city",
            5,
            "dusk",
            "Illustration: a street of town houses with lit windows and tall poplars at dusk.",
            "Theatre Street, in the centre of Korsai, before the performance.",
            ARMAN,
        ),
    ),
    hours_ago=140,
)
