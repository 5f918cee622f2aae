"""Kinds of school site: how a family gets a place at each school of a pack.

A state's directory lists every public education site, not only the schools a family can
choose: juvenile halls and probation camps, career centres for students of other schools, adult
schools, continuation and community day schools a district places students in, special-education
centres a child's IEP team places them in, preschools.  Listing those beside ordinary schools
misleads a family (a probation camp first for a 9th grader), so every school in a pack carries
its kind (``schools.site_kind``), the search shows each kind only where it is a family's option,
and every screen says how a place is given (``navigator.facts.site_kind_text``).
"""

from __future__ import annotations

OPEN = "open"  # ordinary schools and alternative schools of choice: families apply or enrol
REFERRAL = "referral"  # places given by referral or placement, not by a family's application
NOT_AN_OPTION = "not_an_option"  # juvenile court, youth authority, ROP, adult education...
PRESCHOOL = "preschool"  # only for families asking for pre-kindergarten
SITE_KINDS = (OPEN, REFERRAL, NOT_AN_OPTION, PRESCHOOL)

# Who gives a place at a referral site (``schools.placed_by``): the district or county office
# (continuation, community day, opportunity and county community schools), or the child's IEP
# team (special-education centres, state special schools).
BY_DISTRICT = "district"
BY_IEP = "iep"
PLACED_BY = (BY_DISTRICT, BY_IEP)
