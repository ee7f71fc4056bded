"""The demo outlet's English articles: twelve published, one scheduled, one draft.

All invented: the region, its towns, its institutions and everyone quoted.
"""

from serai.demo.content import AIGERIM, ARMAN, ZARINA, DemoArticle, DemoPhoto

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

SCHOOL_LIBRARY = DemoArticle(
    slug="ulanbek-school-library-open-until-eight",
    section="society",
    authors=("daniyar-kemel",),
    dateline="Ulanbek",
    headline="Ulanbek's school library now stays open until eight in the evening",
    standfirst=(
        "The longer hours, paid for by the district and a parents' fund, are meant for pupils "
        "who have nowhere quiet to study at home."
    ),
    body="""\
School No. 2 in Ulanbek is keeping its library open until eight o'clock on weekday evenings, \
giving pupils a warm, quiet place to do their homework after lessons end.

The scheme, which started at the beginning of term, is paid for jointly by the district \
education office and a fund raised by parents. Two librarians share the evening shifts, and \
older pupils volunteer to help younger ones with their reading.

## Full tables by six o'clock

The library has 60 seats, and the staff say most of them are taken by six. Many of the pupils \
who stay live in the villages along the lake road and wait for the last school bus, which \
leaves at half past seven.

> "Some of them used to wait at the bus stop for two hours. Now they wait here, in the warm, \
with a book," said the head librarian, Saltanat Ermek.

The school's director said attendance at morning lessons had also improved since the library \
began opening late, although she cautioned that it was too early to draw conclusions.

## What comes next

The district says it will decide in the spring whether to pay for evening hours at three more \
schools. Parents who want to support the fund can find the details at \
[example.org/ulanbek-library](https://example.org/ulanbek-library).

Pupils have also asked for longer opening on Saturdays and for more books for teenagers; the \
librarians have started a wish list by the front desk.
""",
    photos=(
        DemoPhoto(
            "school",
            3,
            "dusk",
            "Illustration: a long three-storey school building at dusk with many lit windows, "
            "poplar trees on both sides and pupils walking in front.",
            "School No. 2 in Ulanbek, where the library's lights now stay on until eight.",
            ARMAN,
        ),
    ),
    hours_ago=70,
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

BUS_ROUTE = DemoArticle(
    slug="bus-route-14-returns-to-eskens-upper-districts",
    section="society",
    authors=("aruzhan-salkyn",),
    dateline="Esken",
    headline="Bus route 14 returns to Esken's upper districts after the road is rebuilt",
    standfirst=(
        "Residents of the hillside neighbourhoods had walked down to the main road for three "
        "years; buses now run every twenty minutes."
    ),
    body="""\
Route 14 is running again through the upper districts of Esken, three years after the steep \
road above the old mill was closed to buses.

The town rebuilt the road over the summer with a wider carriageway, a retaining wall and a \
pavement on the valley side. The first bus climbed the hill on Monday morning, to applause from \
a small crowd at the top stop.

## Back on the timetable

Buses run every twenty minutes from six in the morning until ten at night, and every forty \
minutes on Sundays. The route links the upper districts with the hospital, the market and the \
cable car station.

> "My mother is eighty-one. For three years she went to the doctor only when one of us could \
drive her. On Monday she took the bus by herself," said Marzhan Dauletova, who lives near the \
top stop.

[photo 2]

The road works were paid for by the town and a regional grant for mountain roads, and finished \
two weeks ahead of schedule.

## Easier to board

The operator has put its three low-floor buses on the route, and says every bus on route 14 will \
have a ramp by the spring.

Timetables are posted at each stop and at \
[example.org/esken-buses](https://example.org/esken-buses). Residents can send comments on the \
route to the town's transport office.
""",
    photos=(
        DemoPhoto(
            "bus",
            6,
            "morning",
            "Illustration: a green and white bus at a stop on a hillside street, houses with "
            "red roofs and mountains behind, passengers waiting.",
            "A route 14 bus at the top stop in Esken's upper districts.",
            AIGERIM,
        ),
        DemoPhoto(
            "mountains",
            10,
            "day",
            "Illustration: snow-capped mountains above green hills and pine forest.",
            "The view from the upper districts, now a bus ride from the town centre.",
            AIGERIM,
        ),
    ),
    hours_ago=215,
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

# Work in progress: only editors see it, in the back office and by preview.
CRANES = DemoArticle(
    slug="birdwatchers-count-the-cranes-at-lake-alkyn",
    section="society",
    authors=("daniyar-kemel",),
    dateline="Ulanbek",
    headline="Birdwatchers count the cranes at Lake Alkyn",
    standfirst=("Volunteers spent a week on the shore counting the birds that stop on their way south."),
    body="""\
Volunteers from the Ulanbek birdwatching club spent a week on the shore of Lake Alkyn counting \
the cranes that stop there on their way south.

## The count

The club counts twice a day, at dawn and before sunset, from four hides along the reed beds. \
The numbers will be shared with the regional nature reserve.

## Join in

New volunteers are welcome; the club lends binoculars to beginners.

(Draft: add this year's total and a quote from the club's chair before publishing.)
""",
    photos=(
        DemoPhoto(
            "lake",
            4,
            "morning",
            "Illustration: a lake below snow-capped mountains, reeds on the near shore and a "
            "flock of birds in the sky.",
            "Cranes over Lake Alkyn.",
            ARMAN,
        ),
    ),
    hours_ago=None,
    status="draft",
)

# The twelve published English articles, newest first.
PUBLISHED = (
    FELT_FAIR,
    MOUNTAIN_RESCUE,
    MARKET,
    COUNCIL_RECORDS,
    SCHOOL_LIBRARY,
    RAIL_YARD,
    ROAD_BUDGET,
    THEATRE,
    EMBANKMENTS,
    PEOPLES_BUDGET,
    BUS_ROUTE,
    WIND_FARM,
)
UNPUBLISHED = (OPEN_DAY, CRANES)
