"""Write data/demo/basemap.geojson: the fictional town's street map, drawn to match its other files.

Every street runs where addresses.csv puts its numbers and where transit/stops.txt puts the
corners its stops are named after (Calle Luna & Oak St, Mission Rd & Olive St, ...); the Verde
Line follows transit/shapes.txt; the parks sit where the stops named after them are. Nothing here
is real.  Run it again after moving a street:  python data/demo/make_basemap.py
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
WEST, EAST, SOUTH, NORTH = -118.1520, -118.0520, 34.0700, 34.1310

# (name, kind, fixed coordinate): east-west streets at a latitude, north-south at a longitude.
EAST_WEST = [
    ("Avenida del Sol", "major", 34.0750, WEST, EAST),
    ("Calle Luna", "major", 34.0840, WEST, EAST),
    ("Lemon Avenue", "minor", 34.0895, -118.1440, -118.1150),
    ("Paloma Street", "minor", 34.1070, WEST, -118.0812),
    ("Vista Lane", "minor", 34.1130, -118.0650, -118.0540),
    ("Mission Road", "major", 34.1180, WEST, EAST),
    ("Cedar Lane", "minor", 34.1265, WEST, EAST),
]
NORTH_SOUTH = [
    ("Willow Avenue", "minor", -118.1430, SOUTH, NORTH),
    ("Flores Street", "minor", -118.1380, SOUTH, 34.0990),
    ("Oak Street", "major", -118.1330, SOUTH, NORTH),
    ("Laurel Street", "minor", -118.1225, SOUTH, NORTH),
    ("Pine Street", "major", -118.1100, SOUTH, NORTH),
    ("Maple Avenue", "major", -118.0900, SOUTH, NORTH),
    ("Hillcrest Drive", "minor", -118.0750, SOUTH, NORTH),
    ("Sierra Vista Drive", "major", -118.0650, SOUTH, NORTH),
]
# Two avenues cut across the grid (their stops: Avenida del Sol & Olive St, Mission Rd & Olive
# St, Calle Luna & Rosal St, Mission Rd & Rosal St).
DIAGONALS = [
    ("Olive Street", "minor", [(-118.1006, 34.0720), (-118.0790, 34.1210)]),
    ("Rosal Street", "minor", [(-118.0776, 34.0800), (-118.1017, 34.1210)]),
]
FREEWAY = ("Arroyo Freeway", [(-118.1700, 34.0668), (-118.1000, 34.0660), (-118.0300, 34.0672)])

PARKS = [
    # name, es, ko, ring (west, south, east, north)
    ("Arroyo Park", "Parque Arroyo", "아로요 공원", (-118.1500, 34.0880, -118.1442, 34.0990)),
    ("Peña Park", "Parque Peña", "페냐 공원", (-118.1045, 34.0852, -118.0985, 34.0905)),
    ("Walnut Grove Park", "Parque Walnut Grove", "월넛 그로브 공원",
     (-118.0638, 34.0915, -118.0570, 34.0995)),
]
POND = ("Walnut Grove Pond", "Estanque Walnut Grove", "월넛 그로브 연못",
        (-118.0622, 34.0940, -118.0592, 34.0962))
CREEK = ("Arroyo Verde", "Arroyo Verde", "아로요 베르데 개울",
         [(-118.1492, 34.1330), (-118.1478, 34.1150), (-118.1488, 34.0990), (-118.1470, 34.0880),
          (-118.1485, 34.0760), (-118.1475, 34.0640)])

LANDMARKS = [
    # name, es, ko, kind, lon, lat
    ("City Hall", "Alcaldía", "시청", "civic", -118.1138, 34.0978),
    ("Valle Verde Public Library", "Biblioteca Pública de Valle Verde", "발레 베르데 공공 도서관",
     "library", -118.1066, 34.0976),
    ("Family Welcome Center", "Centro de Bienvenida para Familias", "가족 환영 센터",
     "community_centre", -118.1088, 34.0895),
    ("Las Flores Community Center", "Centro Comunitario Las Flores", "라스 플로레스 커뮤니티 센터",
     "community_centre", -118.1290, 34.0868),
    ("Eastgate Branch Library", "Biblioteca Eastgate", "이스트게이트 도서관", "library",
     -118.0612, 34.1060),
    ("Post Office", "Oficina de correos", "우체국", "civic", -118.0925, 34.1125),
]


def feature(layer: str, geometry: dict, **props) -> dict:
    return {"type": "Feature", "properties": {"layer": layer, **props}, "geometry": geometry}


def line(points) -> dict:
    return {"type": "LineString", "coordinates": [[round(x, 6), round(y, 6)] for x, y in points]}


def box(west: float, south: float, east: float, north: float) -> dict:
    ring = [(west, south), (east, south), (east, north), (west, north), (west, south)]
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}


# The same places in the app's other languages, keyed as OpenStreetMap keys them.
OTHER_NAMES = {
    # The line keeps "Verde", as the timetable's trips name it.
    "Verde Line": {"zh-Hans": "Verde 线", "zh-Hant": "Verde 線", "vi": "Tuyến Verde", "ru": "Линия Verde",
                   "hy": "Verde գիծ", "ar": "خط Verde", "fa": "خط Verde", "tl": "Verde Line"},
    "Arroyo Park": {"zh-Hans": "阿罗约公园", "zh-Hant": "阿羅約公園", "vi": "Công viên Arroyo",
                    "ru": "Парк Арройо", "hy": "Առոյո այգի", "ar": "حديقة أرويو", "fa": "پارک آرویو",
                    "tl": "Parke ng Arroyo"},
    "Peña Park": {"zh-Hans": "佩尼亚公园", "zh-Hant": "佩尼亞公園", "vi": "Công viên Peña",
                  "ru": "Парк Пенья", "hy": "Պենյա այգի", "ar": "حديقة بينيا", "fa": "پارک پنیا",
                  "tl": "Parke ng Peña"},
    "Walnut Grove Park": {"zh-Hans": "胡桃林公园", "zh-Hant": "胡桃林公園",
                          "vi": "Công viên Walnut Grove", "ru": "Парк Уолнат-Гроув",
                          "hy": "Ուոլնաթ Գրով այգի", "ar": "حديقة وولنت غروف",
                          "fa": "پارک والنات گروو", "tl": "Parke ng Walnut Grove"},
    "Walnut Grove Pond": {"zh-Hans": "胡桃林池塘", "zh-Hant": "胡桃林池塘", "vi": "Hồ Walnut Grove",
                          "ru": "Пруд Уолнат-Гроув", "hy": "Ուոլնաթ Գրով լճակ",
                          "ar": "بركة وولنت غروف", "fa": "برکه والنات گروو",
                          "tl": "Lawa ng Walnut Grove"},
    "Arroyo Verde": {"zh-Hans": "阿罗约韦尔德溪", "zh-Hant": "阿羅約韋爾德溪", "vi": "Suối Arroyo Verde",
                     "ru": "Ручей Арройо-Верде", "hy": "Առոյո Վերդե առվակ",
                     "ar": "جدول أرويو فيردي", "fa": "نهر آرویو ورده", "tl": "Sapa ng Arroyo Verde"},
    "City Hall": {"zh-Hans": "市政厅", "zh-Hant": "市政廳", "vi": "Tòa thị chính", "ru": "Мэрия",
                  "hy": "Քաղաքապետարան", "ar": "مبنى البلدية", "fa": "شهرداری", "tl": "City Hall"},
    "Valle Verde Public Library": {"zh-Hans": "Valle Verde 公共图书馆",
                                   "zh-Hant": "Valle Verde 公共圖書館",
                                   "vi": "Thư viện Công cộng Valle Verde",
                                   "ru": "Публичная библиотека Valle Verde",
                                   "hy": "Valle Verde-ի հանրային գրադարան",
                                   "ar": "مكتبة Valle Verde العامة",
                                   "fa": "کتابخانه عمومی Valle Verde",
                                   "tl": "Pampublikong Aklatan ng Valle Verde"},
    "Family Welcome Center": {"zh-Hans": "家庭接待中心", "zh-Hant": "家庭接待中心",
                              "vi": "Trung tâm Đón tiếp Gia đình", "ru": "Центр приёма семей",
                              "hy": "Ընտանիքների ընդունելության կենտրոն",
                              "ar": "مركز استقبال العائلات", "fa": "مرکز پذیرش خانواده‌ها",
                              "tl": "Family Welcome Center"},
    "Las Flores Community Center": {"zh-Hans": "Las Flores 社区中心", "zh-Hant": "Las Flores 社區中心",
                                    "vi": "Trung tâm Cộng đồng Las Flores",
                                    "ru": "Общественный центр Las Flores",
                                    "hy": "Las Flores համայնքային կենտրոն",
                                    "ar": "مركز Las Flores المجتمعي",
                                    "fa": "مرکز اجتماعی Las Flores",
                                    "tl": "Community Center ng Las Flores"},
    "Eastgate Branch Library": {"zh-Hans": "Eastgate 分馆", "zh-Hant": "Eastgate 分館",
                                "vi": "Thư viện chi nhánh Eastgate", "ru": "Библиотека Eastgate",
                                "hy": "Eastgate մասնաճյուղ գրադարան", "ar": "مكتبة فرع Eastgate",
                                "fa": "کتابخانه شعبه Eastgate", "tl": "Aklatan ng Eastgate"},
    "Post Office": {"zh-Hans": "邮局", "zh-Hant": "郵局", "vi": "Bưu điện", "ru": "Почта",
                    "hy": "Փոստ", "ar": "مكتب البريد", "fa": "اداره پست", "tl": "Post Office"},
}


def named(name: str, es: str, ko: str) -> dict:
    others = {f"name:{lang}": text for lang, text in OTHER_NAMES[name].items()}
    return {"name": name, "name:es": es, "name:ko": ko, **others}


def verde_line() -> list[tuple[float, float]]:
    with open(HERE / "transit" / "shapes.txt", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["shape_id"] == "verde_0"]
    rows.sort(key=lambda r: int(r["shape_pt_sequence"]))
    return [(float(r["shape_pt_lon"]), float(r["shape_pt_lat"])) for r in rows]


def features() -> list[dict]:
    out = []
    for name, kind, lat, west, east in EAST_WEST:
        out.append(feature("streets", line([(west, lat), (east, lat)]), kind=kind, name=name))
    for name, kind, lon, south, north in NORTH_SOUTH:
        out.append(feature("streets", line([(lon, south), (lon, north)]), kind=kind, name=name))
    for name, kind, points in DIAGONALS:
        out.append(feature("streets", line(points), kind=kind, name=name))
    out.append(feature("freeways", line(FREEWAY[1]), kind="freeway", name=FREEWAY[0]))
    out.append(feature("rail", line(verde_line()), kind="light_rail",
                       **named("Verde Line", "Línea Verde", "베르데 선")))
    for name, es, ko, ring in PARKS:
        out.append(feature("parks", box(*ring), kind="park", **named(name, es, ko)))
    out.append(feature("water", box(*POND[3]), kind="pond", **named(*POND[:3])))
    out.append(feature("water", line(CREEK[3]), kind="stream", **named(*CREEK[:3])))
    for name, es, ko, kind, lon, lat in LANDMARKS:
        out.append(feature("landmarks", {"type": "Point", "coordinates": [lon, lat]}, kind=kind,
                           **named(name, es, ko)))
    return out


def main() -> None:
    collection = {
        "type": "FeatureCollection",
        "name": "Valle Verde (demo) streets, parks and landmarks: fictional",
        "features": features(),
    }
    text = json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
    (HERE / "basemap.geojson").write_text(text, encoding="utf-8")
    print(f"wrote {HERE / 'basemap.geojson'} ({len(collection['features'])} features)")


if __name__ == "__main__":
    main()
