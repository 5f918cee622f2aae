"""The demo's files, schools and days the tests name (data/demo-valle-verde.sqlite, built from
data/demo/; ids as in its CDE-format directory).  One place, so a rebuilt demo with new ids or new
dates changes one file."""

from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository
DEMO_DIR = ROOT / "data" / "demo"  # the demo pack's sources
DEMO_LIST = DEMO_DIR / "shortlist.json"  # Rosa's list for her kindergartner (one child)
ONE_CHILD = DEMO_LIST
DEMO_HOUSEHOLD = DEMO_DIR / "household.json"  # Rosa's household: Luis (K) and Ana (6th grade)

# Days the demo's deadlines are told from (data/demo/README.md).
TODAY = date(2026, 11, 23)  # a Monday: "Deadlines (today 2026-11-23)"; trips are for that day
PLAN_DAY = date(2026, 12, 3)  # the day before the Valle Verde Choices deadline

PUENTE = "99999990129011"  # Puente Dual Language Academy: charter; math for English learners withheld
CUMBRE = "99999990129052"  # Cumbre Preparatory Academy: charter, grades 6-12
OAK = "99999990129029"  # Oak Street Community Charter
NAMU = "99999990129037"  # Namu, K-8 charter: sibling priority recorded, one application per household
VERDE_TECH = "99999990129045"  # 6-8 charter: its lottery records no priorities
CIELO = "99999990129078"  # K-6 charter: sibling, sibling_applying, staff
VIRTUAL = "99109990129094"  # Skyline Virtual Academy: an online school, no results
LAS_FLORES = "99999996099060"  # Las Flores Elementary: ZIP 00104's zoned school for K-5
PENA = "99999996099078"  # Escuela Peña Elementary: district
EASTGATE = "99999996099086"  # Eastgate Elementary
MARIPOSA = "99999996099037"  # Mariposa Elementary
HILLCREST = "99999996099052"  # Hillcrest Elementary
JACARANDA = "99999996099045"  # Jacaranda Elementary
SYCAMORE = "99999996099029"  # Sycamore K-8: one bus from ZIP 00104
# Arroyo Middle, 6-8, zoned for 00104; bell 07:50: bus 10, a change at Oak Street Station, the Verde Line
ARROYO = "99999996099094"
MISSION_HIGH = "99999996099128"
SPECIAL = "99999996099151"  # Bridges Special Education Center: no results
