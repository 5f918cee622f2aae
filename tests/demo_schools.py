"""The demo pack's schools the tests name (data/demo-valle-verde.sqlite; ids as in its CDE-format
directory).  One place, so a rebuilt demo with new ids changes one file."""

PUENTE = "99999990129011"  # Puente Dual Language Academy: charter; math for English learners withheld
CUMBRE = "99999990129052"  # Cumbre Preparatory Academy: charter, grades 6-12
OAK = "99999990129029"  # Oak Street Community Charter
LAS_FLORES = "99999996099060"  # Las Flores Elementary: ZIP 00104's zoned school for K-5
PENA = "99999996099078"  # Escuela Peña Elementary: district
EASTGATE = "99999996099086"  # Eastgate Elementary
MARIPOSA = "99999996099037"  # Mariposa Elementary
HILLCREST = "99999996099052"  # Hillcrest Elementary
JACARANDA = "99999996099045"  # Jacaranda Elementary
SPECIAL = "99999996099151"  # Bridges Special Education Center: no results
