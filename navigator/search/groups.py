"""Which schools a family sees, and in which group of the list.

A state's directory lists juvenile halls, adult schools and career centres beside ordinary
schools; a search must not offer them to a family.  The rule, by kind of site
(``navigator.catalogue.sites``):

- **open** schools are always listed;
- **preschools** only for a family asking for pre-kindergarten (grade PK);
- **referral** schools (places given by the district or by the child's IEP team, not by
  application) only where the family's needs make them relevant: special-education centres when
  the family asks for a special-education service, any referral school when the family says a
  referral concerns them (``Query.referral``), or names the school (``Query.text``).  They come
  in their own group after the others, each saying how a place is given;
- **not an option** (juvenile court, youth authority, ROP, adult education...): never.

Groups, in this order: in-person schools (``open``), then, when the family set a distance limit,
online schools, for which distance does not apply (``online``), then ``referral`` schools.  Every
order (distance, name, quickest trip, a school result) sorts within each group.
"""

from __future__ import annotations

import numpy as np

from navigator.catalogue.sites import NOT_AN_OPTION, OPEN, PRESCHOOL, REFERRAL, SITE_KINDS
from navigator.grades import PRESCHOOL as PRESCHOOL_GRADE
from navigator.search.index import SchoolIndex
from navigator.search.query import Query

GROUPS = ("open", "online", "referral")
IN_PERSON, ONLINE, BY_REFERRAL = 0, 1, 2
_KIND = {name: SITE_KINDS.index(name) for name in SITE_KINDS}


def visible(index: SchoolIndex, query: Query) -> np.ndarray:
    """True for the schools this family may be shown."""
    kind = index.site_kind
    shown = kind == _KIND[OPEN]
    if query.grade == PRESCHOOL_GRADE or query.text:
        shown |= kind == _KIND[PRESCHOOL]
    referral = kind == _KIND[REFERRAL]
    if query.referral or query.text:
        shown |= referral
    elif query.sped:
        shown |= referral & index.by_iep
    return shown & (kind != _KIND[NOT_AN_OPTION])


def has_distance_limit(query: Query) -> bool:
    return query.within_km is not None or query.walk_min is not None


def groups(index: SchoolIndex, query: Query) -> np.ndarray:
    """Each school's group (IN_PERSON, ONLINE, BY_REFERRAL) as small integers."""
    group = np.zeros(len(index), dtype=np.int8)
    if has_distance_limit(query):
        group[index.virtual] = ONLINE
    group[index.site_kind == _KIND[REFERRAL]] = BY_REFERRAL
    return group
