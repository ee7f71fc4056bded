"""The demo outlet's English articles: twelve published, one scheduled, one draft, one module
for each section.

All invented: the region, its towns, its institutions and everyone quoted.
"""

from serai.demo.articles.culture import FELT_FAIR, THEATRE
from serai.demo.articles.economy import MARKET, RAIL_YARD, WIND_FARM
from serai.demo.articles.politics import COUNCIL_RECORDS, OPEN_DAY, PEOPLES_BUDGET, ROAD_BUDGET
from serai.demo.articles.security import EMBANKMENTS, MOUNTAIN_RESCUE
from serai.demo.articles.society import BUS_ROUTE, CRANES, SCHOOL_LIBRARY

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
