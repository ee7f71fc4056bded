"""The demo outlet's English articles in its Economy section."""

from serai.demo.content import ZARINA, DemoArticle, DemoPhoto

MARKET = DemoArticle(
    slug="korsai-covered-market-new-awnings-and-a-night-bazaar",
    section="economy",
    authors=("madina-oraz",),
    dateline="Korsai",
    headline="Korsai's covered market gets new awnings and a Friday night bazaar",
    standfirst=(
        "Stallholders voted for brighter canopies and later opening hours; the city says the "
        "first night bazaar drew about four thousand visitors."
    ),
    body="""\
The covered market on Kesh Street has reopened its outdoor rows under new striped awnings, the \
last stage of a renovation that the stallholders paid for together with the city.

The old canvas had faded and torn over fifteen years of sun and snow. The new canopies are made \
of a heavier fabric that the market's managers say should last twice as long, and each row has \
its own colour so that visitors can find their way.

## A market that stays open late

The bigger change is the opening hours. Since last month the outdoor rows stay open until \
eleven o'clock on Fridays, with food stalls, a small stage and music from local students.

> "People used to come at seven in the morning for meat and vegetables, and by four the market \
was empty. Now families come in the evening and stay," said Aliya Nurbek, who sells dried fruit \
and nuts and chairs the stallholders' association.

[photo 2]

The city's trade department estimates that about four thousand people came to the first night \
bazaar, and stallholders reported takings higher than on an ordinary Saturday.

## Costs and complaints

Not every trader is convinced. Some butchers and dairy sellers in the indoor hall say the \
evening crowds mostly buy snacks, and that the shared cleaning bill has gone up. The association \
has agreed to review how the costs are split after three months.

Residents of the streets around the market have asked for the music to stop at ten. The city \
says it will also put up signs pointing drivers to the car park behind the bus station.
""",
    photos=(
        DemoPhoto(
            "market",
            4,
            "day",
            "Illustration: a row of market stalls under red, green and yellow striped awnings, "
            "with shoppers on the square and town houses behind.",
            "The outdoor rows of the covered market under their new awnings.",
            ZARINA,
        ),
        DemoPhoto(
            "market",
            9,
            "evening",
            "Illustration: the market at night, stalls lit by warm lamps, lit windows in the houses behind.",
            "The first Friday night bazaar.",
            ZARINA,
        ),
    ),
    hours_ago=30,
)


RAIL_YARD = DemoArticle(
    slug="taldyr-rail-junction-reopens-its-freight-yard",
    section="economy",
    authors=("madina-oraz",),
    dateline="Taldyr",
    headline="Taldyr rail junction reopens its freight yard after a year of modernisation",
    standfirst=(
        "New sidings and a container crane should let the junction handle twice as many "
        "wagons, and the yard has hired sixty people."
    ),
    body="""\
The freight yard at the Taldyr rail junction has reopened after a year-long modernisation that \
added four sidings, a container crane and a new signalling system.

The yard's operator, the Kestau Rail Cooperative, says it can now handle up to 180 wagons a day, \
roughly double its previous capacity. Most of the traffic is grain from farms in the north of \
the region and building materials on their way to Korsai.

## Jobs and training

Sixty people have been hired for the reopened yard, most of them from Taldyr and the \
surrounding villages. The cooperative ran a four-month course with the regional technical \
college to train crane operators and shunting staff.

[photo 2]

> "For years young people left Taldyr to find work. Now a few of them are coming back," said \
the yard's manager, Kairat Abenov.

The region's farmers' association welcomed the reopening, saying that shorter waits at the \
yard should lower the cost of moving grain to market.

## Traffic through town

Residents of the streets near the level crossing on Station Road have raised concerns about \
noise at night. The cooperative says it has fitted quieter brakes to its shunting locomotives \
and will keep heavy shunting to daytime hours where it can.

The yard's working hours and a contact for residents are published at \
[example.org/taldyr-yard](https://example.org/taldyr-yard).
""",
    photos=(
        DemoPhoto(
            "railway",
            7,
            "day",
            "Illustration: a long freight train of colourful wagons passing under a yellow "
            "gantry crane, with stacked containers in the foreground and mountains behind.",
            "The new container crane over the Taldyr freight yard.",
            ZARINA,
        ),
        DemoPhoto(
            "railway",
            12,
            "dusk",
            "Illustration: a freight train waiting in the rail yard at dusk.",
            "A grain train waits to leave the yard for Korsai.",
            ZARINA,
        ),
    ),
    hours_ago=95,
)


WIND_FARM = DemoArticle(
    slug="wind-farm-near-ulanbek-starts-feeding-the-regional-grid",
    section="economy",
    authors=("madina-oraz",),
    dateline="Ulanbek",
    headline="Wind farm near Ulanbek starts feeding the regional grid",
    standfirst=(
        "Twenty-four turbines on the ridge above Lake Alkyn can supply about a fifth of the "
        "region's households, and a share of the income goes to nearby villages."
    ),
    body="""\
The first wind farm in the Kestau Region began supplying electricity to the regional grid this \
week, from a row of twenty-four turbines on the ridge north of Lake Alkyn, near Ulanbek.

At full output the farm can produce enough electricity for about a fifth of the region's \
households, according to its operator, a company owned jointly by the regional energy utility \
and a group of private investors.

## A share for the villages

Under an agreement signed before construction, three villages near the site will receive two \
per cent of the farm's annual income, to be spent on projects chosen at village meetings. The \
first payments are due next year.

> "We were worried about the noise and about the birds on the lake. We asked questions, we got \
answers, and we got a share. That is fair," said Serik Zhumabay, who heads one of the village \
councils.

[photo 2]

Construction took eighteen months and employed about three hundred people at its peak; the farm \
will need around twenty permanent staff.

## Birds and the lake

Lake Alkyn is a stopping point for migrating cranes. The operator has agreed to pause the \
turbines nearest the shore on days of heavy migration, on the advice of the regional nature \
reserve, and to publish the results of a three-year monitoring study.

The farm's output can be followed live at [example.org/alkyn-wind](https://example.org/alkyn-wind).
""",
    photos=(
        DemoPhoto(
            "wind",
            3,
            "day",
            "Illustration: tall white wind turbines on green hills under a blue sky, more "
            "turbines along the ridge behind.",
            "Turbines on the ridge north of Lake Alkyn.",
            ZARINA,
        ),
        DemoPhoto(
            "wind",
            17,
            "dusk",
            "Illustration: wind turbines silhouetted against a pink and orange evening sky.",
            "The farm began feeding the grid this week.",
            ZARINA,
        ),
    ),
    hours_ago=238,
)
