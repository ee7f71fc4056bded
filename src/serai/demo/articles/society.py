"""The demo outlet's English articles in its Society section."""

from serai.demo.content import AIGERIM, ARMAN, DemoArticle, DemoPhoto

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
