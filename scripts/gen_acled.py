#!/usr/bin/env python3
"""Write a synthetic ACLED CSV export (2023 column layout) for import benchmarks.

    python3 scripts/gen_acled.py                          # 1,000,000 rows -> target/acled_1m.csv
    python3 scripts/gen_acled.py --rows 20000 --out /tmp/a.csv --seed 7

Nothing here is real data. Events are clustered in space (a few dozen hotspots in the
Middle East and on the Red Sea coast, each with a Gaussian spread of villages around a
handful of real towns) and in time (2021-01-01..2023-12-31, each hotspot with its own
bursts: the May 2021 Gaza war, the Iran protests of autumn 2022, the Gaza war and the Red
Sea attacks of late 2023, and random local flare-ups). Actors follow a Zipf-like
frequency within each hotspot; notes are 100-300 characters of English with commas,
double quotes, sometimes a line break and some non-ASCII text.

The output is deterministic for a given --seed and --rows. Rows are written newest day
first, as ACLED's export tool does; ids (ISO3 + number) are unique per country. The csv
module's default dialect is used (QUOTE_MINIMAL, CRLF line ends, LF inside notes).
Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import os
import random
import sys
import time
from bisect import bisect_right
from itertools import accumulate

HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
    "source,source_scale,notes,fatalities,tags,timestamp"
).split(",")

FIRST_DAY = dt.date(2021, 1, 1)
LAST_DAY = dt.date(2023, 12, 31)
DAYS = (LAST_DAY - FIRST_DAY).days + 1


def day_index(iso: str) -> int:
    return (dt.date.fromisoformat(iso) - FIRST_DAY).days


# ---------------------------------------------------------------------------------------
# Countries: ISO codes, ACLED region, actors by inter code, associated actors, sources.
# inter codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias,
# 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
# ---------------------------------------------------------------------------------------

US = "Military Forces of the United States (2021-)"
TURKEY = "Military Forces of Turkey (2016-)"
ISRAEL = "Military Forces of Israel (2022-)"
ISRAEL_OLD = "Military Forces of Israel (2021-2022)"
RUSSIA = "Military Forces of Russia (2000-)"
IRGC = "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps"
SAUDI = "Military Forces of Saudi Arabia (2017-)"
UK = "Military Forces of the United Kingdom (2019-)"
HOUTHI = "Military Forces of Yemen (2017-) Houthi"

COUNTRIES = {
    "Iraq": dict(
        iso3="IRQ", iso=368, region="Middle East",
        tribes=["Al Bu Nimr", "Shammar", "Al Bu Mahal", "Al Jubur", "Bani Malik", "Al Ubaid",
                "Bani Lam", "Al Bu Fahd", "Dulaim", "Bani Tamim", "Al Azza", "Bani Hasan",
                "Al Sawaed", "Al Garamsha", "Bani Kaab", "Al Bu Issa"],
        actors={
            1: ["Military Forces of Iraq (2022-)", "Police Forces of Iraq (2022-)",
                "Military Forces of Iraq (2018-2022)", "Police Forces of Iraq (2018-2022)",
                "Military Forces of Iraq (2022-) Popular Mobilization Forces",
                "Military Forces of Iraq (2022-) Counter Terrorism Service",
                "Police Forces of Iraq (2022-) Federal Police",
                "Military Forces of Iraq (2022-) Kurdistan Regional Government Peshmerga",
                "Police Forces of Iraq (2022-) Kurdistan Regional Government Asayish",
                "Government of Iraq (2022-)", "Military Forces of Iraq (2022-) Border Guard"],
            2: ["Islamic State (Iraq)", "PKK: Kurdistan Workers Party"],
            3: ["Unidentified Armed Group (Iraq)", "Islamic Resistance in Iraq",
                "Kataib Hezbollah", "Harakat Hezbollah al-Nujaba", "Asaib Ahl al-Haq",
                "Saraya Awliya al-Dam", "Kataib Sayyid al-Shuhada", "Saraya al-Salam",
                "Ashab al-Kahf", "Alwiyat al-Waʽd al-Haq (ألوية الوعد الحق)",
                "Qasim al-Jabbarin", "Sadrist Movement", "KDP: Kurdistan Democratic Party",
                "PUK: Patriotic Union of Kurdistan"],
            8: [US, TURKEY, IRGC, "Military Forces of Iran (1989-)"],
        },
        assoc={
            6: ["Sadrist Movement", "Labor Group (Iraq)", "Students (Iraq)", "Teachers (Iraq)",
                "Tishreen Movement", "Women (Iraq)", "Health Workers (Iraq)",
                "Farmers (Iraq)", "Journalists (Iraq)", "Yazidi Ethnic Group (Iraq)",
                "Lawyers (Iraq)", "Kurdish Ethnic Group (Iraq)"],
        },
        sources=["Shafaq News", "Rudaw", "Kurdistan 24", "Al Sumaria", "Xinhua",
                 "Iraqi News Agency", "Baghdad Today", "964", "Al Mada", "Alsumaria News",
                 "Twitter", "Kurdistan Human Rights Watch", "AFP", "Reuters"],
    ),
    "Syria": dict(
        iso3="SYR", iso=760, region="Middle East",
        tribes=["Al Uqaydat", "Al Baggara", "Shaitat", "Al Bu Saraya", "Al Bu Kamel",
                "Al Sharabiyin", "Tay", "Jabbour", "Al Bu Chaaban", "Al Marashda",
                "Al Bu Khabur", "Al Hassoun", "Al Mashahda", "Al Naim"],
        actors={
            1: ["Military Forces of Syria (2000-)", "Police Forces of Syria (2000-)",
                "Military Forces of Syria (2000-) National Defence Forces",
                "Military Forces of Syria (2000-) Air Force Intelligence",
                "Military Forces of Syria (2000-) 4th Armoured Division",
                "Government of Syria (2000-)", "Military Forces of Syria (2000-) Tiger Forces"],
            2: ["HTS: Hayat Tahrir al-Sham", "Islamic State (Syria)",
                "QSD: Syrian Democratic Forces", "SNA: Syrian National Army",
                "Hurras al-Din", "Ansar al-Tawhid", "Ahrar al-Sham",
                "Jaysh al-Izza", "Opposition Rebels (Syria)", "Al Hamza Division",
                "Sultan Murad Division", "Jabhat al-Shamiyah", "Faylaq al-Sham"],
            3: ["Unidentified Armed Group (Syria)", "Hezbollah",
                "Fatemiyoun Brigade", "Liwa al-Quds", "Syrian Resistance", "Men of Dignity",
                "Asayish", "YPG: People's Protection Units", "Daraa Central Committee",
                "Eighth Brigade", "Zainebiyoun Brigade"],
            8: [ISRAEL, ISRAEL_OLD, US, TURKEY, RUSSIA, IRGC],
        },
        assoc={
            6: ["Labor Group (Syria)", "Students (Syria)", "Refugees/IDPs (Syria)",
                "Women (Syria)", "Teachers (Syria)", "Druze Religious Group (Syria)",
                "Kurdish Ethnic Group (Syria)", "Farmers (Syria)", "Health Workers (Syria)"],
        },
        sources=["SOHR", "Deir Ezzor 24", "Step News Agency", "Enab Baladi", "North Press Agency",
                 "Hawar News Agency", "SANA", "Suwayda 24", "Horan Free League", "Syria TV",
                 "Euphrates Post", "Sham Network", "Al Watan (Syria)", "Orient News"],
    ),
    "Yemen": dict(
        iso3="YEM", iso=887, region="Middle East",
        tribes=["Murad", "Abidah", "Al Jadaan", "Bani Hushaysh", "Hamdan", "Bakil", "Hashid",
                "Awaliq", "Qaifa", "Bal Harith", "Al Humaiqan", "Bani Dabyan", "Kharif",
                "Jahm", "Al Sawma'ah"],
        actors={
            1: [HOUTHI, "Military Forces of Yemen (2017-) Hadi", "Police Forces of Yemen (2017-) Houthi",
                "Military Forces of Yemen (2022-) Presidential Leadership Council",
                "Police Forces of Yemen (2022-) Presidential Leadership Council",
                "Military Forces of Yemen (2022-) National Resistance Forces",
                "Military Forces of Yemen (2017-) Giants Brigades",
                "Government of Yemen (2017-) Houthi"],
            2: ["AQAP: Al Qaeda in the Arabian Peninsula", "Islamic State (Yemen)"],
            3: ["Unidentified Armed Group (Yemen)", "STC: Southern Transitional Council",
                "Security Belt Forces", "Shabwani Defense Forces", "Hadrami Elite Forces",
                "Popular Resistance", "Tihama Resistance", "Abu al-Abbas Brigades",
                "Islah Party", "Southern Movement"],
            8: [SAUDI, US, UK, "Military Forces of the United Arab Emirates (2004-)",
                "Operation Prosperity Guardian"],
        },
        assoc={
            6: ["STC: Southern Transitional Council", "Southern Movement", "Labor Group (Yemen)",
                "Teachers (Yemen)", "Students (Yemen)", "Women (Yemen)", "Retired Military (Yemen)",
                "Houthi Movement supporters", "Journalists (Yemen)", "Fishers (Yemen)"],
        },
        sources=["Saba News Agency", "Al Masirah", "Yemen Monitor", "Aden al-Ghad", "Al Masdar Online",
                 "South24", "Aden Time", "Al Ayyam", "Yemen Press Agency", "Alwatan (Aden)",
                 "Marib Press", "Al Sahwa Net", "UKMTO", "Ambrey"],
    ),
    "Lebanon": dict(
        iso3="LBN", iso=422, region="Middle East",
        tribes=["Jaafar", "Zeaiter", "Shamas", "Al Masri", "Allouh", "Al Hajj Hassan",
                "Nasreddine", "Dandash"],
        actors={
            1: ["Military Forces of Lebanon (2021-)", "Police Forces of Lebanon (2021-)",
                "Police Forces of Lebanon (2021-) State Security",
                "Military Forces of Lebanon (2021-) Military Intelligence"],
            2: ["Hezbollah", "Al Qassam Brigades", "Saraya al-Quds", "Islamic State (Lebanon)"],
            3: ["Hezbollah", "Amal Movement", "Lebanese Forces", "Hamas Movement",
                "Al Qassam Brigades", "Islamic Jihad", "Fatah Movement",
                "Unidentified Armed Group (Lebanon)", "Saraya al-Quds",
                "Al Jamaa al-Islamiya", "Free Patriotic Movement"],
            8: [ISRAEL, ISRAEL_OLD, "UNIFIL: United Nations Interim Force in Lebanon"],
        },
        assoc={
            6: ["Labor Group (Lebanon)", "Students (Lebanon)", "Depositors (Lebanon)",
                "Women (Lebanon)", "Lawyers (Lebanon)", "Teachers (Lebanon)",
                "Refugees/IDPs (Lebanon)", "Health Workers (Lebanon)", "Lebanese Forces",
                "Free Patriotic Movement", "Taxi Drivers (Lebanon)"],
        },
        sources=["L'Orient-Le Jour", "National News Agency (Lebanon)", "Naharnet", "Al Mayadeen",
                 "Al Akhbar", "MTV Lebanon", "LBCI", "Annahar", "Al Manar", "Daily Star (Lebanon)"],
    ),
    "Palestine": dict(
        iso3="PSE", iso=275, region="Middle East",
        tribes=["Dughmush", "Al Masri", "Abu Samhadana", "Hilles", "Al Jaabari", "Al Tamimi",
                "Abu Sneineh", "Al Atrash"],
        actors={
            1: ["Police Forces of Palestine (2007-) Hamas Government",
                "Police Forces of Palestine (2006-) Palestinian Authority",
                "Military Forces of Palestine (2007-) Hamas Government"],
            2: ["Al Qassam Brigades", "Saraya al-Quds", "Al Aqsa Martyrs Brigade",
                "Lions' Den", "Jenin Brigade", "Tulkarm Brigade", "Nablus Battalion",
                "PFLP: Popular Front for the Liberation of Palestine", "Al Nasser Salah al-Deen Brigades"],
            3: ["Unidentified Armed Group (Palestine)", "Hamas Movement", "Fatah Movement",
                "Islamic Jihad", "Settlers (Israel)"],
            4: ["Settlers (Israel)"],
            8: [ISRAEL, ISRAEL_OLD, "Police Forces of Israel (2022-) Border Police",
                "Police Forces of Israel (2021-2022) Border Police",
                "Police Forces of Israel (2022-)"],
        },
        assoc={
            6: ["Hamas Movement", "Fatah Movement", "Islamic Jihad", "Students (Palestine)",
                "Prisoners (Palestine)", "Women (Palestine)", "Refugees/IDPs (Palestine)",
                "Labor Group (Palestine)", "Journalists (Palestine)", "Teachers (Palestine)",
                "PFLP: Popular Front for the Liberation of Palestine", "Bedouin Ethnic Group (Palestine)"],
        },
        sources=["WAFA", "Ma'an News Agency", "Times of Israel", "Haaretz", "Al Jazeera",
                 "Palestine Chronicle", "Quds News Network", "B'Tselem", "OCHA",
                 "Palestinian Information Center", "Arab 48", "Middle East Eye", "Ynet"],
    ),
    "Israel": dict(
        iso3="ISR", iso=376, region="Middle East",
        tribes=["Al Huzayel", "Abu Kaf", "Al Atrash", "Abu Rabia"],
        actors={
            1: ["Military Forces of Israel (2022-)", "Police Forces of Israel (2022-)",
                "Military Forces of Israel (2021-2022)", "Police Forces of Israel (2021-2022)",
                "Police Forces of Israel (2022-) Border Police", "Government of Israel (2022-)"],
            2: ["Al Qassam Brigades", "Saraya al-Quds", "Al Aqsa Martyrs Brigade"],
            3: ["Hezbollah", "Hamas Movement", "Islamic Jihad", "Unidentified Armed Group (Israel)",
                "La Familia", "Lehava"],
            4: ["Settlers (Israel)", "Jewish Group (Israel)", "Arab Ethnic Group (Israel)"],
            8: ["Military Forces of Lebanon (2021-)", HOUTHI, "Islamic Resistance in Iraq"],
        },
        assoc={
            6: ["Brothers in Arms", "Labor Group (Israel)", "Students (Israel)", "Women (Israel)",
                "Arab Ethnic Group (Israel)", "Haredi Religious Group (Israel)",
                "Hostages and Missing Families Forum", "Black Flag Movement", "Kaplan Force",
                "Teachers (Israel)", "Settlers (Israel)", "Academics (Israel)"],
        },
        sources=["Times of Israel", "Haaretz", "Ynet", "Jerusalem Post", "Arab 48", "Kan",
                 "Channel 12 (Israel)", "Walla!", "Israel Hayom", "Maariv"],
    ),
    "Iran": dict(
        iso3="IRN", iso=364, region="Middle East",
        tribes=["Baloch", "Shahbakhsh", "Rigi", "Naroui", "Kurdish"],
        actors={
            1: ["Police Forces of Iran (1989-)", "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps",
                "Military Forces of Iran (1989-) Basij", "Police Forces of Iran (1989-) Special Units",
                "Military Forces of Iran (1989-)", "Government of Iran (1989-)",
                "Police Forces of Iran (1989-) Ministry of Intelligence"],
            2: ["Jaish al-Adl", "PJAK: Kurdistan Free Life Party", "Islamic State (Iran)",
                "Ansar al-Furqan"],
            3: ["Unidentified Armed Group (Iran)", "KDPI: Kurdistan Democratic Party of Iran",
                "Komala", "PAK: Kurdistan Freedom Party"],
            8: [ISRAEL, "Military Forces of Pakistan (2018-)"],
        },
        assoc={
            6: ["Women (Iran)", "Students (Iran)", "Labor Group (Iran)", "Teachers (Iran)",
                "Retirees (Iran)", "Kurdish Ethnic Group (Iran)", "Baloch Ethnic Group (Iran)",
                "Sunni Muslim Group (Iran)", "Farmers (Iran)", "Bazaar Merchants (Iran)",
                "Truck Drivers (Iran)", "Nurses (Iran)"],
        },
        sources=["HRANA", "Hengaw", "IranWire", "Kurdistan Human Rights Network", "Iran International",
                 "Haalvsh", "Radio Farda", "Kurdpa", "Tasnim News Agency", "IRNA", "1500tasvir",
                 "Campaign for Baloch Activists", "Iran Human Rights"],
    ),
    "Turkey": dict(
        iso3="TUR", iso=792, region="Middle East",
        tribes=["Bucak", "Kiziroğlu"],
        actors={
            1: ["Military Forces of Turkey (2016-)", "Police Forces of Turkey (2016-)",
                "Military Forces of Turkey (2016-) Gendarmerie", "Government of Turkey (2016-)"],
            2: ["PKK: Kurdistan Workers Party", "Islamic State (Turkey)", "TAK: Kurdistan Freedom Falcons"],
            3: ["Unidentified Armed Group (Turkey)", "HDP: Halkların Demokratik Partisi",
                "CHP: Cumhuriyet Halk Partisi", "MHP: Milliyetçi Hareket Partisi"],
            8: ["QSD: Syrian Democratic Forces", "Military Forces of Syria (2000-)"],
        },
        assoc={
            6: ["HDP: Halkların Demokratik Partisi", "CHP: Cumhuriyet Halk Partisi",
                "Labor Group (Turkey)", "Students (Turkey)", "Women (Turkey)",
                "Kurdish Ethnic Group (Turkey)", "Refugees/IDPs (Turkey)", "Saturday Mothers",
                "Farmers (Turkey)", "Lawyers (Turkey)"],
        },
        sources=["Anadolu Ajansı", "Hürriyet", "Cumhuriyet", "Bianet", "Mezopotamya Ajansı",
                 "Duvar English", "Evrensel", "Sözcü", "BirGün", "Daily Sabah"],
    ),
    "Saudi Arabia": dict(
        iso3="SAU", iso=682, region="Middle East",
        tribes=["Al Huwaitat", "Yam"],
        actors={
            1: ["Military Forces of Saudi Arabia (2017-)", "Police Forces of Saudi Arabia (2017-)",
                "Military Forces of Saudi Arabia (2017-) Border Guard"],
            2: ["AQAP: Al Qaeda in the Arabian Peninsula"],
            3: ["Unidentified Armed Group (Saudi Arabia)"],
            8: [HOUTHI, "Military Forces of Ethiopia (2018-)"],
        },
        assoc={6: ["Labor Group (Saudi Arabia)", "Migrants (Ethiopia)", "Women (Saudi Arabia)"]},
        sources=["Al Masirah", "Saudi Press Agency", "Saba News Agency", "Okaz", "Asharq Al-Awsat",
                 "Human Rights Watch"],
    ),
    "Egypt": dict(
        iso3="EGY", iso=818, region="Northern Africa",
        tribes=["Tarabin", "Sawarka", "Rumailat", "Tiyaha"],
        actors={
            1: ["Military Forces of Egypt (2014-)", "Police Forces of Egypt (2014-)",
                "Military Forces of Egypt (2014-) Border Guard"],
            2: ["Islamic State (Egypt) Sinai Province"],
            3: ["Unidentified Armed Group (Egypt)", "Union of Sinai Tribes"],
            8: [ISRAEL, "Al Qassam Brigades"],
        },
        assoc={6: ["Labor Group (Egypt)", "Students (Egypt)", "Refugees/IDPs (Palestine)",
                   "Women (Egypt)", "Lawyers (Egypt)"]},
        sources=["Sinai Foundation for Human Rights", "Ahram Online", "Mada Masr", "Al Masry Al Youm",
                 "Youm7", "Egyptian Streets"],
    ),
    "Sudan": dict(
        iso3="SDN", iso=729, region="Northern Africa",
        tribes=["Beja", "Hadendowa", "Beni Amer"],
        actors={
            1: ["Military Forces of Sudan (2019-)", "Police Forces of Sudan (2019-)"],
            2: ["RSF: Rapid Support Forces"],
            3: ["Unidentified Armed Group (Sudan)", "Beja Congress"],
            8: [],
        },
        assoc={6: ["Beja Ethnic Group (Sudan)", "Resistance Committees", "Labor Group (Sudan)",
                   "Refugees/IDPs (Sudan)", "Women (Sudan)"]},
        sources=["Sudan Tribune", "Radio Dabanga", "Al Taghyeer", "Sudan Daily", "Darfur 24"],
    ),
}

for _name, _c in COUNTRIES.items():
    _c["actors"].setdefault(4, [])
    _c["actors"][4] = _c["actors"][4] + [f"{t} Tribal Militia ({_name})" for t in _c["tribes"][: len(_c["tribes"]) // 2 + 1]] + [
        f"{t} Clan Militia ({_name})" for t in _c["tribes"][len(_c["tribes"]) // 2 + 1 :]
    ] + [f"Unidentified Clan Militia ({_name})"]
    _c["actors"][5] = [f"Rioters ({_name})", f"Rioters ({_name})", f"Mob ({_name})"]
    _c["actors"][6] = [f"Protesters ({_name})"]
    _c["actors"][7] = [f"Civilians ({_name})"]
    if not _c["actors"][8]:
        _c["actors"][8] = [f"Unidentified Armed Group ({_name})"]
    _c["assoc"][7] = [f"Farmers ({_name})", f"Journalists ({_name})", f"Women ({_name})",
                      f"Children ({_name})", f"Refugees/IDPs ({_name})", f"Health Workers ({_name})",
                      f"Fishers ({_name})", f"Labor Group ({_name})", "Aid Workers (International)",
                      f"Government of {_name}", f"Shepherds ({_name})", f"Prisoners ({_name})",
                      f"Teachers ({_name})", f"Students ({_name})"]
    _c["assoc"][5] = _c["assoc"][6]

# ---------------------------------------------------------------------------------------
# Hotspots: country, admin1, centre, spread (degrees, one sigma), weight, profile, real
# places (name, admin2, admin3, lat, lon), actors favoured there, and bursts
# (first day, last day, extra rate: the rate there is multiplied by 1 + extra).
# ---------------------------------------------------------------------------------------

GAZA_WAR = ("2023-10-07", "2023-12-31", 30.0)
GAZA_WAR_NEAR = ("2023-10-07", "2023-12-31", 4.0)
MAY_2021 = ("2021-05-07", "2021-05-24", 6.0)
US_BASES = ("2023-10-17", "2023-12-31", 3.0)
RED_SEA = ("2023-11-14", "2023-12-31", 25.0)
IRAN_PROTESTS = ("2022-09-17", "2022-12-20", 12.0)
YEMEN_TRUCE = ("2022-04-02", "2022-10-02", -0.6)
CLAW_SWORD = ("2022-11-20", "2022-12-15", 3.0)

HOTSPOTS = [
    # Iraq
    dict(country="Iraq", admin1="Baghdad", center=(33.3152, 44.3661), sigma=0.12, weight=5,
         profile="urban", focus=["Police Forces of Iraq (2022-)", "Sadrist Movement", "Saraya al-Salam"],
         bursts=[("2021-10-10", "2021-11-10", 2.0), ("2022-07-27", "2022-09-05", 4.0)],
         places=[("Baghdad - Karrada", "Al Resafa", "", 33.3030, 44.4220),
                 ("Baghdad - Sadr City", "Al Resafa", "", 33.3900, 44.4580),
                 ("Baghdad - Green Zone", "Al Karkh", "", 33.3080, 44.3870),
                 ("Baghdad - Al Adhamiya", "Al Adhamiya", "", 33.3700, 44.3640),
                 ("Baghdad International Airport", "Al Karkh", "", 33.2625, 44.2346),
                 ("Abu Ghraib", "Abu Ghraib", "", 33.2920, 44.0650),
                 ("Al Mahmudiyah", "Al Mahmudiyah", "", 33.0610, 44.3620)]),
    dict(country="Iraq", admin1="Al Anbar", center=(34.37, 41.09), sigma=0.25, weight=2.5,
         profile="insurgency", focus=["Islamic State (Iraq)", "Islamic Resistance in Iraq", US],
         bursts=[US_BASES],
         places=[("القائم", "Al Qaim", "", 34.3690, 41.0945), ("Husaybah", "Al Qaim", "", 34.3940, 40.9960),
                 ("Karabila", "Al Qaim", "", 34.3720, 41.0280), ("Ubaydi", "Al Qaim", "", 34.3640, 41.2230),
                 ("Rawa", "Ana", "", 34.4690, 41.9170), ("Akashat", "Ar Rutba", "", 33.7970, 40.6180)]),
    dict(country="Iraq", admin1="Al Anbar", center=(33.55, 43.10), sigma=0.35, weight=2.5,
         profile="insurgency", focus=["Islamic State (Iraq)", "Islamic Resistance in Iraq", US],
         bursts=[US_BASES],
         places=[("Ramadi", "Ar Ramadi", "", 33.4200, 43.3000), ("الفلوجة", "Al Fallujah", "", 33.3500, 43.7830),
                 ("Hit", "Hit", "", 33.6370, 42.8250), ("Ain al-Asad Airbase", "Hit", "", 33.8000, 42.4410),
                 ("Al Baghdadi", "Hit", "", 33.8650, 42.5480), ("Haditha", "Haditha", "", 34.1390, 42.3780)]),
    dict(country="Iraq", admin1="Ninewa", center=(36.30, 42.80), sigma=0.45, weight=3,
         profile="insurgency", focus=["Islamic State (Iraq)", TURKEY, "PKK: Kurdistan Workers Party"],
         bursts=[CLAW_SWORD],
         places=[("Mosul", "Al Mosul", "", 36.3400, 43.1300), ("Sinjar", "Sinjar", "", 36.3220, 41.8760),
                 ("Tal Afar", "Tal Afar", "", 36.3740, 42.4480), ("Bashiqa", "Al Hamdaniya", "", 36.4560, 43.3530),
                 ("Qayyarah", "Al Mosul", "", 35.8000, 43.2900), ("Makhmur", "Makhmur", "", 35.7760, 43.5800)]),
    dict(country="Iraq", admin1="Kirkuk", center=(35.40, 44.20), sigma=0.30, weight=2,
         profile="insurgency", focus=["Islamic State (Iraq)", "Police Forces of Iraq (2022-)"],
         bursts=[("2023-09-02", "2023-09-10", 5.0)],
         places=[("Kirkuk", "Kirkuk", "", 35.4680, 44.3920), ("Hawija", "Al Hawija", "", 35.3230, 43.7630),
                 ("Daquq", "Daquq", "", 35.1400, 44.4500), ("Dibis", "Dibis", "", 35.6450, 44.0710)]),
    dict(country="Iraq", admin1="Erbil", center=(36.45, 44.30), sigma=0.35, weight=2,
         profile="border", focus=[TURKEY, "PKK: Kurdistan Workers Party", "Islamic Resistance in Iraq"],
         bursts=[US_BASES, CLAW_SWORD, ("2022-04-18", "2022-05-20", 2.0)],
         places=[("Erbil", "Erbil", "", 36.1910, 44.0090), ("Erbil International Airport", "Erbil", "", 36.2376, 43.9632),
                 ("Harir Airbase", "Shaqlawa", "", 36.5410, 44.3490), ("Sidakan", "Soran", "", 36.7950, 44.6730),
                 ("Mergasur", "Mergasur", "", 36.8380, 44.3100), ("Qandil Mountains", "Choman", "", 36.4500, 45.0500)]),
    dict(country="Iraq", admin1="Sulaymaniyah", center=(35.60, 45.40), sigma=0.30, weight=1.2,
         profile="urban", focus=[IRGC, "PUK: Patriotic Union of Kurdistan"],
         bursts=[("2022-09-24", "2022-11-25", 3.0)],
         places=[("Sulaymaniyah", "Sulaymaniyah", "", 35.5610, 45.4330), ("Penjwen", "Penjwen", "", 35.6230, 45.9450),
                 ("Halabja", "Halabja", "", 35.1780, 45.9860), ("Koya", "Koysinjaq", "", 36.0830, 44.6290)]),
    dict(country="Iraq", admin1="Basrah", center=(30.50, 47.75), sigma=0.20, weight=1.5,
         profile="urban", focus=["Protesters (Iraq)", "Police Forces of Iraq (2022-)"],
         bursts=[("2021-06-01", "2021-08-15", 1.5), ("2023-07-01", "2023-08-20", 1.5)],
         places=[("Basrah", "Al Basrah", "", 30.5085, 47.7804), ("Az Zubayr", "Az Zubayr", "", 30.3890, 47.7080),
                 ("Umm Qasr", "Abu Al Khaseeb", "", 30.0360, 47.9190), ("Al Qurnah", "Al Qurnah", "", 31.0160, 47.4330)]),
    dict(country="Iraq", admin1="Diyala", center=(33.90, 44.90), sigma=0.35, weight=1.5,
         profile="insurgency", focus=["Islamic State (Iraq)", "Unidentified Armed Group (Iraq)"],
         bursts=[("2022-01-15", "2022-02-15", 2.0)],
         places=[("Baqubah", "Baquba", "", 33.7500, 44.6400), ("Muqdadiyah", "Al Muqdadiya", "", 33.9780, 44.9370),
                 ("Khanaqin", "Khanaqin", "", 34.3480, 45.3910), ("Jalawla", "Khanaqin", "", 34.2720, 45.1610)]),
    dict(country="Iraq", admin1="Dhi-Qar", center=(31.05, 46.26), sigma=0.20, weight=1.2,
         profile="urban", focus=["Protesters (Iraq)"], bursts=[("2021-02-26", "2021-03-20", 3.0)],
         places=[("Nasiriyah", "An Nasiriya", "", 31.0440, 46.2570), ("Ash Shatra", "Ash Shatra", "", 31.4100, 46.1700),
                 ("Suq ash Shuyukh", "Suq Ash Shoyokh", "", 30.8840, 46.4690)]),
    # Syria
    dict(country="Syria", admin1="Idleb", center=(35.75, 36.55), sigma=0.20, weight=9,
         profile="front", focus=["Military Forces of Syria (2000-)", "HTS: Hayat Tahrir al-Sham", RUSSIA],
         bursts=[("2021-06-01", "2021-07-20", 1.0), ("2023-10-05", "2023-10-31", 3.0)],
         places=[("Idleb", "Idleb", "Idleb", 35.9300, 36.6330), ("Ariha", "Ariha", "Ariha", 35.8130, 36.6080),
                 ("Saraqab", "Idleb", "Saraqab", 35.8620, 36.8030), ("Jisr al-Shughur", "Jisr-Ash-Shugur", "Jisr-Ash-Shugur", 35.8120, 36.3180),
                 ("Maʽarrat al-Nuʽman", "Maarrat An Nu'man", "Maarrat An Nu'man", 35.6440, 36.6700),
                 ("Kansafra", "Ariha", "Ehsem", 35.6860, 36.5060), ("Al Bara", "Ariha", "Ehsem", 35.6830, 36.5370),
                 ("Sarmin", "Idleb", "Sarmin", 35.9020, 36.7240)]),
    dict(country="Syria", admin1="Aleppo", center=(36.40, 37.40), sigma=0.35, weight=6,
         profile="front", focus=["SNA: Syrian National Army", TURKEY, "QSD: Syrian Democratic Forces"],
         bursts=[CLAW_SWORD, ("2023-02-06", "2023-02-20", -0.5)],
         places=[("Aleppo", "Jebel Saman", "Jebel Saman", 36.2020, 37.1340), ("Al Bab", "Al Bab", "Al Bab", 36.3710, 37.5170),
                 ("Azaz", "Azaz", "Azaz", 36.5860, 37.0460), ("Afrin", "Afrin", "Afrin", 36.5120, 36.8690),
                 ("Tal Rifaat", "Azaz", "Tell Refaat", 36.4700, 37.0970), ("Manbij", "Menbij", "Menbij", 36.5280, 37.9550),
                 ("Jarablus", "Jarablus", "Jarablus", 36.8170, 38.0110), ("Atareb", "Jebel Saman", "Atareb", 36.1390, 36.8300)]),
    dict(country="Syria", admin1="Deir-ez-Zor", center=(35.00, 40.40), sigma=0.40, weight=6,
         profile="insurgency", focus=["Islamic State (Syria)", "QSD: Syrian Democratic Forces", US],
         bursts=[US_BASES, ("2023-08-27", "2023-09-20", 5.0)],
         places=[("Deir-ez-Zor", "Deir-ez-Zor", "Deir-ez-Zor", 35.3360, 40.1400), ("الميادين", "Al Mayadin", "Al Mayadin", 35.0190, 40.4510),
                 ("Abu Kamal", "Abu Kamal", "Abu Kamal", 34.4530, 40.9180), ("Thiban", "Al Mayadin", "Thiban", 35.0040, 40.5120),
                 ("Hajin", "Abu Kamal", "Hajin", 34.6940, 40.8280), ("Conoco Gas Field", "Deir-ez-Zor", "Kisreh", 35.3700, 40.2760),
                 ("Al Omar Oil Field", "Al Mayadin", "Thiban", 35.0700, 40.5600), ("Al Busayrah", "Deir-ez-Zor", "Basira", 35.1540, 40.4310)]),
    dict(country="Syria", admin1="Dar'a", center=(32.75, 36.10), sigma=0.18, weight=4.5,
         profile="insurgency", focus=["Unidentified Armed Group (Syria)", "Military Forces of Syria (2000-)"],
         bursts=[("2021-07-25", "2021-09-10", 2.0)],
         places=[("Dar'a", "Dar'a", "Dar'a", 32.6250, 36.1060), ("Tafas", "Dar'a", "Tafas", 32.7370, 36.0660),
                 ("Nawa", "Izra'", "Nawa", 32.8900, 36.0430), ("Jasim", "As-Sanamayn", "Jasim", 32.9920, 36.0600),
                 ("Busra ash-Sham", "Dar'a", "Busra Esh-Sham", 32.5170, 36.4810), ("Inkhil", "As-Sanamayn", "Inkhil", 33.0170, 36.1290)]),
    dict(country="Syria", admin1="Ar-Raqqa", center=(35.90, 38.90), sigma=0.35, weight=2.5,
         profile="insurgency", focus=["QSD: Syrian Democratic Forces", TURKEY],
         bursts=[CLAW_SWORD],
         places=[("Ar-Raqqa", "Ar-Raqqa", "Ar-Raqqa", 35.9500, 39.0100), ("Ain Issa", "Tell Abiad", "Ein Issa", 36.3850, 38.8590),
                 ("Tabqa", "Ath-Thawrah", "Ath-Thawrah", 35.8350, 38.5480), ("Tell Abiad", "Tell Abiad", "Tell Abiad", 36.6970, 38.9560)]),
    dict(country="Syria", admin1="Al-Hasakeh", center=(36.70, 40.80), sigma=0.45, weight=3,
         profile="border", focus=[TURKEY, "QSD: Syrian Democratic Forces", "Islamic State (Syria)"],
         bursts=[CLAW_SWORD, ("2022-01-20", "2022-02-05", 4.0)],
         places=[("Al-Hasakeh", "Al-Hasakeh", "Al-Hasakeh", 36.5020, 40.7480), ("Qamishli", "Quamishli", "Quamishli", 37.0520, 41.2230),
                 ("Al Malikiyah", "Al-Malikeyyeh", "Al-Malikeyyeh", 37.1770, 42.1380), ("Tal Tamer", "Al-Hasakeh", "Tal Tamer", 36.6500, 40.3700),
                 ("Ras al-Ain", "Ras Al Ain", "Ras Al Ain", 36.8500, 40.0700), ("Al Hol Camp", "Al-Hasakeh", "Al-Hole", 36.3770, 41.1400)]),
    dict(country="Syria", admin1="Homs", center=(34.60, 38.30), sigma=0.45, weight=2,
         profile="insurgency", focus=["Islamic State (Syria)", RUSSIA, US],
         bursts=[US_BASES],
         places=[("Tadmor", "Tadmor", "Tadmor", 34.5600, 38.2800), ("As-Sukhneh", "Tadmor", "Sukhneh", 34.8870, 38.8720),
                 ("Al Tanf", "Tadmor", "Tadmor", 33.5000, 38.6600), ("Homs", "Homs", "Homs", 34.7300, 36.7200)]),
    dict(country="Syria", admin1="Damascus", center=(33.50, 36.30), sigma=0.12, weight=2,
         profile="air", focus=[ISRAEL, ISRAEL_OLD, "Military Forces of Syria (2000-)"],
         bursts=[GAZA_WAR_NEAR],
         places=[("Damascus", "Damascus", "Damascus", 33.5130, 36.2920), ("Damascus International Airport", "Rural Damascus", "Babella", 33.4110, 36.5160),
                 ("Mezzeh", "Damascus", "Damascus", 33.5000, 36.2500), ("Sayyida Zeinab", "Rural Damascus", "Babella", 33.4440, 36.3400),
                 ("Douma", "Duma", "Duma", 33.5720, 36.4050), ("Jaramana", "Rural Damascus", "Jaramana", 33.4860, 36.3460)]),
    dict(country="Syria", admin1="As-Sweida", center=(32.70, 36.57), sigma=0.12, weight=1.2,
         profile="urban", focus=["Protesters (Syria)", "Men of Dignity"],
         bursts=[("2023-08-17", "2023-12-31", 6.0)],
         places=[("As-Sweida", "As-Sweida", "As-Sweida", 32.7090, 36.5660), ("Shahba", "Shahba", "Shahba", 32.8550, 36.6290),
                 ("Salkhad", "Salkhad", "Salkhad", 32.4920, 36.7110)]),
    # Yemen
    dict(country="Yemen", admin1="Amanat al Asimah", center=(15.3547, 44.2067), sigma=0.10, weight=2,
         profile="air", focus=[SAUDI, HOUTHI],
         bursts=[("2022-01-15", "2022-03-31", 3.0), YEMEN_TRUCE, ("2023-10-07", "2023-12-31", 1.0)],
         places=[("Sanaʽa", "Sanaʽa City", "Sanaʽa City", 15.3547, 44.2067), ("Sanaa - Al Sabeen", "As Sabain", "As Sabain", 15.3170, 44.2000),
                 ("Sanaa International Airport", "Bani Al Harith", "Bani Al Harith", 15.4760, 44.2190),
                 ("Bani Hushaysh", "Bani Hushaysh", "Bani Hushaysh", 15.4000, 44.3500)]),
    dict(country="Yemen", admin1="Marib", center=(15.45, 45.30), sigma=0.30, weight=6,
         profile="front", focus=[HOUTHI, "Military Forces of Yemen (2017-) Hadi", SAUDI],
         bursts=[("2021-02-07", "2021-12-31", 2.5), YEMEN_TRUCE],
         places=[("Marib", "Marib City", "Marib City", 15.4620, 45.3250), ("صرواح", "Sirwah", "Sirwah", 15.4500, 45.0200),
                 ("Raghwan", "Raghwan", "Raghwan", 15.7700, 45.1400), ("Al Jubah", "Al Jubah", "Al Jubah", 15.2600, 45.3000),
                 ("Harib", "Harib", "Harib", 14.9330, 45.5000), ("Al Kasarah", "Sirwah", "Sirwah", 15.5400, 45.0800)]),
    dict(country="Yemen", admin1="Taizz", center=(13.58, 44.02), sigma=0.20, weight=5,
         profile="front", focus=[HOUTHI, "Military Forces of Yemen (2022-) Presidential Leadership Council"],
         bursts=[YEMEN_TRUCE],
         places=[("Taizz", "Al Qahirah", "Al Qahirah", 13.5790, 44.0210), ("Maqbanah", "Maqbanah", "Maqbanah", 13.4000, 43.7500),
                 ("Jabal Habashi", "Jabal Habashi", "Jabal Habashi", 13.4800, 43.8600), ("Al Waziʽiyah", "Al Wazi'iyah", "Al Wazi'iyah", 13.2000, 43.6800),
                 ("Salah", "Salah", "Salah", 13.5600, 44.0300), ("Al Silw", "As Silw", "As Silw", 13.3600, 44.1500)]),
    dict(country="Yemen", admin1="Al Hudaydah", center=(14.50, 43.10), sigma=0.30, weight=4.5,
         profile="front", focus=[HOUTHI, "Military Forces of Yemen (2022-) National Resistance Forces"],
         bursts=[YEMEN_TRUCE, ("2023-11-19", "2023-12-31", 1.5)],
         places=[("Al Hudaydah", "Al Hawak", "Al Hawak", 14.7980, 42.9540), ("Hays", "Hays", "Hays", 13.9300, 43.4800),
                 ("At Tuhayta", "At Tuhayta", "At Tuhayta", 14.1700, 43.2300), ("Ad Durayhimi", "Ad Durayhimi", "Ad Durayhimi", 14.4300, 43.0000),
                 ("Ras Isa", "As Salif", "As Salif", 15.2200, 42.8400), ("Bayt al Faqih", "Bayt Al Faqih", "Bayt Al Faqih", 14.5170, 43.3170)]),
    dict(country="Yemen", admin1="Sa'dah", center=(16.90, 43.60), sigma=0.25, weight=5,
         profile="border", focus=[SAUDI, HOUTHI],
         bursts=[("2021-01-01", "2022-04-01", 0.5), YEMEN_TRUCE],
         places=[("Saʽdah", "Sa'dah", "Sa'dah", 16.9400, 43.7600), ("Shida", "Shada'a", "Shada'a", 16.8800, 43.4600),
                 ("Razih", "Razih", "Razih", 16.9200, 43.2600), ("Al Dhaher", "Adh Dhahir", "Adh Dhahir", 17.0400, 43.3700),
                 ("Munabbih", "Munabbih", "Munabbih", 17.1600, 43.3800), ("Baqim", "Baqim", "Baqim", 17.3800, 43.6300)]),
    dict(country="Yemen", admin1="Abyan", center=(13.30, 45.60), sigma=0.40, weight=2,
         profile="insurgency", focus=["AQAP: Al Qaeda in the Arabian Peninsula", "STC: Southern Transitional Council", "Security Belt Forces"],
         bursts=[("2022-08-08", "2022-10-15", 3.0)],
         places=[("Aden", "Al Mualla", "Al Mualla", 12.7900, 45.0300), ("Zinjibar", "Zinjibar", "Zinjibar", 13.1280, 45.3800),
                 ("Mudiyah", "Mudiyah", "Mudiyah", 13.9300, 46.0800), ("Ahwar", "Ahwar", "Ahwar", 13.5200, 46.7200),
                 ("Ataq", "Ataq", "Ataq", 14.5370, 46.8310), ("Lawdar", "Lawdar", "Lawdar", 13.8800, 45.8700)]),
    dict(country="Yemen", admin1="Ad Dali", center=(13.75, 44.75), sigma=0.15, weight=2,
         profile="front", focus=[HOUTHI, "STC: Southern Transitional Council"],
         bursts=[YEMEN_TRUCE],
         places=[("Ad Dali'", "Ad Dali'", "Ad Dali'", 13.6960, 44.7310), ("Qatabah", "Qatabah", "Qatabah", 13.8560, 44.7130),
                 ("Murais", "Qatabah", "Qatabah", 13.9000, 44.6900)]),
    dict(country="Yemen", admin1="Al Hudaydah", center=(13.60, 42.90), sigma=0.45, weight=0.6,
         profile="sea", focus=[HOUTHI, "Operation Prosperity Guardian", US],
         bursts=[RED_SEA],
         places=[("Red Sea - off Al Hudaydah", "Al Hawak", "", 14.7500, 42.5000),
                 ("Bab al-Mandab Strait", "Dhubab", "Dhubab", 12.6000, 43.3300),
                 ("Red Sea - off Al Mukha", "Al Mukha", "Al Mukha", 13.3000, 43.0500),
                 ("Gulf of Aden", "Al Buraiqeh", "", 12.4000, 44.5000),
                 ("Kamaran Island", "Kamaran", "Kamaran", 15.3400, 42.6000)]),
    # Lebanon
    dict(country="Lebanon", admin1="South", center=(33.15, 35.40), sigma=0.10, weight=1,
         profile="border", focus=[ISRAEL, "Hezbollah"],
         bursts=[("2023-10-08", "2023-12-31", 60.0)],
         places=[("Bint Jbeil", "Bint Jbeil", "", 33.1210, 35.4330), ("Aita ash-Shaab", "Bint Jbeil", "", 33.0970, 35.3370),
                 ("Naqoura", "Tyre", "", 33.1180, 35.1390), ("Ramyah", "Bint Jbeil", "", 33.0900, 35.3100),
                 ("Yaroun", "Bint Jbeil", "", 33.0830, 35.4230), ("Dhayra", "Tyre", "", 33.0920, 35.2050)]),
    dict(country="Lebanon", admin1="Nabatiyeh", center=(33.28, 35.58), sigma=0.08, weight=0.6,
         profile="border", focus=[ISRAEL, "Hezbollah"],
         bursts=[("2023-10-08", "2023-12-31", 60.0)],
         places=[("Khiam", "Marjaayoun", "", 33.3310, 35.6140), ("Kfar Kila", "Marjaayoun", "", 33.2770, 35.5690),
                 ("Odaisseh", "Marjaayoun", "", 33.2460, 35.5410), ("Meiss el-Jabal", "Marjaayoun", "", 33.1730, 35.5200),
                 ("Kfarchouba Hills", "Hasbaya", "", 33.3300, 35.7100)]),
    dict(country="Lebanon", admin1="Beirut", center=(33.89, 35.50), sigma=0.06, weight=1.5,
         profile="urban", focus=["Protesters (Lebanon)", "Depositors (Lebanon)"],
         bursts=[("2021-06-10", "2021-08-20", 2.0), ("2021-10-14", "2021-10-16", 10.0), ("2023-02-10", "2023-03-20", 1.5)],
         places=[("Beirut", "Beirut", "", 33.8938, 35.5018), ("Beirut - Martyrs' Square", "Beirut", "", 33.8960, 35.5080),
                 ("Beirut - Tayouneh", "Baabda", "", 33.8620, 35.5190), ("Haret Hreik", "Baabda", "", 33.8530, 35.5110),
                 ("Jounieh", "Keserwan", "", 33.9800, 35.6180)]),
    dict(country="Lebanon", admin1="North", center=(34.43, 35.85), sigma=0.08, weight=0.8,
         profile="urban", focus=["Unidentified Armed Group (Lebanon)"], bursts=[("2021-01-25", "2021-02-05", 4.0)],
         places=[("Tripoli", "Tripoli", "", 34.4360, 35.8490), ("Bab al-Tabbaneh", "Tripoli", "", 34.4400, 35.8450),
                 ("Jabal Mohsen", "Tripoli", "", 34.4430, 35.8520), ("Akkar", "Akkar", "", 34.5420, 36.0810)]),
    # Israel / Palestine
    dict(country="Palestine", admin1="Gaza Strip", center=(31.42, 34.38), sigma=0.07, weight=0.8,
         profile="air", focus=[ISRAEL, "Al Qassam Brigades", "Saraya al-Quds"],
         bursts=[MAY_2021, ("2022-08-05", "2022-08-08", 8.0), ("2023-05-09", "2023-05-14", 8.0), GAZA_WAR],
         places=[("Gaza City", "Gaza City", "", 31.5017, 34.4668), ("Khan Yunis", "Khan Yunis", "", 31.3462, 34.3063),
                 ("Rafah", "Rafah", "", 31.2968, 34.2435), ("Deir al-Balah", "Deir al-Balah", "", 31.4180, 34.3500),
                 ("Jabalia", "North Gaza", "", 31.5280, 34.4830), ("Beit Hanoun", "North Gaza", "", 31.5380, 34.5360),
                 ("Nuseirat Camp", "Deir al-Balah", "", 31.4480, 34.3930), ("Bureij Camp", "Deir al-Balah", "", 31.4390, 34.4030)]),
    dict(country="Palestine", admin1="West Bank", center=(32.30, 35.20), sigma=0.10, weight=3,
         profile="westbank", focus=[ISRAEL, "Protesters (Palestine)", "Settlers (Israel)"],
         bursts=[MAY_2021, ("2022-03-22", "2022-05-15", 1.0), ("2023-02-22", "2023-03-05", 2.0),
                 ("2023-07-03", "2023-07-05", 6.0), GAZA_WAR_NEAR],
         places=[("Jenin", "Jenin", "", 32.4610, 35.3000), ("Nablus", "Nablus", "", 32.2210, 35.2540),
                 ("Tulkarm", "Tulkarm", "", 32.3110, 35.0280), ("Huwwara", "Nablus", "", 32.1520, 35.2570),
                 ("Beita", "Nablus", "", 32.1440, 35.2880), ("Qalqiliya", "Qalqiliya", "", 32.1900, 34.9700),
                 ("Kafr Qaddum", "Qalqiliya", "", 32.2200, 35.1000), ("Jenin Camp", "Jenin", "", 32.4640, 35.2910)]),
    dict(country="Palestine", admin1="West Bank", center=(31.70, 35.15), sigma=0.12, weight=2.5,
         profile="westbank", focus=[ISRAEL, "Settlers (Israel)", "Protesters (Palestine)"],
         bursts=[MAY_2021, GAZA_WAR_NEAR],
         places=[("Hebron", "Hebron", "", 31.5326, 35.0998), ("Ramallah", "Ramallah and al-Bireh", "", 31.9038, 35.2034),
                 ("Bethlehem", "Bethlehem", "", 31.7054, 35.2024), ("Masafer Yatta", "Hebron", "", 31.3900, 35.1500),
                 ("Beit Ummar", "Hebron", "", 31.6200, 35.1030), ("Nabi Saleh", "Ramallah and al-Bireh", "", 32.0090, 35.1320),
                 ("East Jerusalem - Sheikh Jarrah", "Jerusalem", "", 31.7890, 35.2320)]),
    dict(country="Israel", admin1="HaDarom", center=(31.45, 34.60), sigma=0.10, weight=0.5,
         profile="border", focus=["Al Qassam Brigades", "Saraya al-Quds", "Military Forces of Israel (2022-)"],
         bursts=[MAY_2021, ("2023-05-09", "2023-05-14", 8.0), GAZA_WAR],
         places=[("Sderot", "Ashqelon", "", 31.5250, 34.5960), ("Ashkelon", "Ashqelon", "", 31.6690, 34.5710),
                 ("Kfar Aza", "Ashqelon", "", 31.4840, 34.5330), ("Be'eri", "Be'er Sheva", "", 31.4240, 34.4930),
                 ("Netivot", "Be'er Sheva", "", 31.4230, 34.5890), ("Beersheba", "Be'er Sheva", "", 31.2520, 34.7910)]),
    dict(country="Israel", admin1="HaZafon", center=(33.10, 35.50), sigma=0.10, weight=0.3,
         profile="border", focus=["Hezbollah", "Military Forces of Israel (2022-)"],
         bursts=[("2023-10-08", "2023-12-31", 40.0)],
         places=[("Kiryat Shmona", "Zefat", "", 33.2070, 35.5700), ("Metula", "Zefat", "", 33.2780, 35.5780),
                 ("Shlomi", "Akko", "", 33.0760, 35.1460), ("Margaliot", "Zefat", "", 33.2170, 35.5440)]),
    dict(country="Israel", admin1="Tel Aviv", center=(32.08, 34.80), sigma=0.12, weight=1.2,
         profile="protest", focus=["Protesters (Israel)", "Police Forces of Israel (2022-)"],
         bursts=[MAY_2021, ("2023-01-07", "2023-09-30", 5.0), ("2023-10-20", "2023-12-31", 2.0)],
         places=[("Tel Aviv-Yafo", "Tel Aviv", "", 32.0853, 34.7818), ("Jerusalem", "Jerusalem", "", 31.7683, 35.2137),
                 ("Haifa", "Haifa", "", 32.7940, 34.9896), ("Lod", "Ramla", "", 31.9510, 34.8950),
                 ("Kfar Saba", "Petah Tiqwa", "", 32.1750, 34.9070)]),
    # Iran
    dict(country="Iran", admin1="Tehran", center=(35.69, 51.39), sigma=0.12, weight=1.2,
         profile="protest", focus=["Protesters (Iran)", "Police Forces of Iran (1989-)"],
         bursts=[IRAN_PROTESTS],
         places=[("Tehran", "Tehran", "", 35.6892, 51.3890), ("Karaj", "Karaj", "", 35.8400, 50.9391),
                 ("Tehran - Evin Prison", "Tehran", "", 35.7960, 51.3880), ("Eslamshahr", "Eslamshahr", "", 35.5520, 51.2350)]),
    dict(country="Iran", admin1="Kurdistan", center=(35.80, 46.60), sigma=0.35, weight=1,
         profile="protest", focus=["Protesters (Iran)", IRGC],
         bursts=[IRAN_PROTESTS],
         places=[("Saqqez", "Saqqez", "", 36.2499, 46.2735), ("Mahabad", "Mahabad", "", 36.7630, 45.7220),
                 ("Sanandaj", "Sanandaj", "", 35.3110, 46.9960), ("Javanrud", "Javanrud", "", 34.8050, 46.4920),
                 ("Piranshahr", "Piranshahr", "", 36.6940, 45.1420), ("Bukan", "Bukan", "", 36.5210, 46.2090)]),
    dict(country="Iran", admin1="Sistan and Baluchestan", center=(29.50, 60.86), sigma=0.40, weight=0.8,
         profile="insurgency", focus=["Jaish al-Adl", "Police Forces of Iran (1989-)"],
         bursts=[IRAN_PROTESTS, ("2022-09-30", "2022-10-01", 10.0)],
         places=[("Zahedan", "Zahedan", "", 29.4960, 60.8620), ("Khash", "Khash", "", 28.2210, 61.2160),
                 ("Saravan", "Saravan", "", 27.3710, 62.3340), ("Rask", "Sarbaz", "", 26.2360, 61.3990)]),
    # Red Sea coast, Turkey, Sinai
    dict(country="Saudi Arabia", admin1="Jizan", center=(16.95, 43.00), sigma=0.25, weight=1.5,
         profile="border", focus=[HOUTHI, "Military Forces of Saudi Arabia (2017-) Border Guard"],
         bursts=[YEMEN_TRUCE],
         places=[("Jizan", "Jizan", "", 16.8890, 42.5510), ("Samtah", "Samtah", "", 16.5960, 42.9440),
                 ("Al Harth", "Al Harth", "", 17.0500, 43.2500), ("Al Raboah", "Al Raboah", "", 17.1300, 43.3900),
                 ("Najran", "Najran", "", 17.5650, 44.2290)]),
    dict(country="Sudan", admin1="Red Sea", center=(19.62, 37.20), sigma=0.20, weight=0.4,
         profile="urban", focus=["Protesters (Sudan)", "Beja Congress"],
         bursts=[("2021-09-17", "2021-11-01", 4.0), ("2023-04-15", "2023-12-31", 1.0)],
         places=[("Port Sudan", "Bur Sudan", "", 19.6158, 37.2164), ("Suakin", "Sawakin", "", 19.1060, 37.3300),
                 ("Tokar", "Tawkar", "", 18.4270, 37.7290)]),
    dict(country="Turkey", admin1="Şanlıurfa", center=(37.00, 39.00), sigma=0.35, weight=0.8,
         profile="urban", focus=["Police Forces of Turkey (2016-)", "HDP: Halkların Demokratik Partisi"],
         bursts=[("2023-02-06", "2023-03-15", 1.5), ("2023-04-20", "2023-05-28", 2.0)],
         places=[("Şanlıurfa", "Eyyübiye", "", 37.1591, 38.7969), ("Ceylanpınar", "Ceylanpınar", "", 36.8480, 40.0500),
                 ("Akçakale", "Akçakale", "", 36.7110, 38.9470), ("Suruç", "Suruç", "", 36.9760, 38.4250),
                 ("Viranşehir", "Viranşehir", "", 37.2350, 39.7630)]),
    dict(country="Turkey", admin1="Hakkâri", center=(37.40, 43.90), sigma=0.35, weight=0.6,
         profile="front", focus=["Military Forces of Turkey (2016-)", "PKK: Kurdistan Workers Party"],
         bursts=[("2022-04-18", "2022-06-30", 1.5)],
         places=[("Hakkâri", "Merkez", "", 37.5740, 43.7400), ("Yüksekova", "Yüksekova", "", 37.5700, 44.2830),
                 ("Şemdinli", "Şemdinli", "", 37.3050, 44.5740), ("Çukurca", "Çukurca", "", 37.2470, 43.6140)]),
    dict(country="Egypt", admin1="North Sinai", center=(31.05, 33.90), sigma=0.20, weight=0.5,
         profile="insurgency", focus=["Islamic State (Egypt) Sinai Province", "Military Forces of Egypt (2014-)"],
         bursts=[("2021-01-01", "2022-12-31", 0.8), ("2023-10-15", "2023-12-31", 1.5)],
         places=[("El Arish", "El Arish", "", 31.1320, 33.8030), ("Sheikh Zuweid", "Sheikh Zuweid", "", 31.2160, 34.1100),
                 ("Rafah (Egypt)", "Rafah", "", 31.2800, 34.2400), ("Bir al-Abd", "Bir al-Abd", "", 31.0180, 33.0100)]),
]

# ---------------------------------------------------------------------------------------
# Event types (ACLED codebook): sub-event type -> event type, disorder type, actor pairs
# (weight, inter1, inter2; 0 = no second actor).
# ---------------------------------------------------------------------------------------

PV, DEM, SD = "Political violence", "Demonstrations", "Strategic developments"
PVD = "Political violence; Demonstrations"

SUB_EVENTS = {
    "Armed clash": ("Battles", PV, [(4, 1, 2), (3, 1, 3), (3, 3, 3), (2, 4, 4), (2, 2, 2), (2, 8, 2), (1, 1, 4), (1, 3, 4), (1, 2, 3)]),
    "Government regains territory": ("Battles", PV, [(1, 1, 2)]),
    "Non-state actor overtakes territory": ("Battles", PV, [(1, 2, 1), (1, 2, 2)]),
    "Air/drone strike": ("Explosions/Remote violence", PV, [(5, 8, 2), (4, 1, 2), (3, 8, 3), (2, 1, 7), (2, 8, 7), (2, 3, 8), (1, 8, 0)]),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", PV, [(5, 1, 2), (4, 2, 1), (2, 1, 7), (2, 8, 1), (2, 3, 8), (1, 2, 7), (1, 3, 0)]),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", PV, [(4, 3, 1), (3, 2, 1), (3, 3, 7), (2, 3, 0), (1, 2, 7)]),
    "Grenade": ("Explosions/Remote violence", PV, [(3, 3, 7), (1, 3, 1), (1, 4, 4)]),
    "Suicide bomb": ("Explosions/Remote violence", PV, [(2, 2, 7), (1, 2, 1)]),
    "Chemical weapon": ("Explosions/Remote violence", PV, [(1, 1, 7)]),
    "Attack": ("Violence against civilians", PV, [(6, 3, 7), (4, 1, 7), (3, 4, 7), (2, 2, 7), (2, 8, 7)]),
    "Abduction/forced disappearance": ("Violence against civilians", PV, [(3, 3, 7), (3, 1, 7), (2, 2, 7)]),
    "Sexual violence": ("Violence against civilians", PV, [(1, 3, 7), (1, 1, 7)]),
    "Peaceful protest": ("Protests", DEM, [(1, 6, 0)]),
    "Protest with intervention": ("Protests", DEM, [(4, 6, 1), (1, 6, 8)]),
    "Excessive force against protesters": ("Protests", PVD, [(3, 1, 6), (1, 8, 6)]),
    "Violent demonstration": ("Riots", DEM, [(3, 5, 0), (3, 5, 1), (1, 5, 8), (1, 5, 7)]),
    "Mob violence": ("Riots", PVD, [(3, 5, 7), (1, 5, 5)]),
    "Arrests": ("Strategic developments", SD, [(5, 1, 7), (2, 1, 6), (2, 8, 7), (1, 1, 3), (1, 3, 7)]),
    "Looting/property destruction": ("Strategic developments", SD, [(3, 8, 7), (3, 3, 7), (2, 1, 7), (2, 4, 7)]),
    "Disrupted weapons use": ("Strategic developments", SD, [(4, 1, 2), (3, 8, 3), (2, 1, 0), (2, 8, 1)]),
    "Change to group/activity": ("Strategic developments", SD, [(2, 2, 0), (2, 3, 0), (1, 1, 0)]),
    "Headquarters or base established": ("Strategic developments", SD, [(1, 3, 0), (1, 2, 0)]),
    "Agreement": ("Strategic developments", SD, [(1, 1, 2), (1, 3, 4)]),
    "Non-violent transfer of territory": ("Strategic developments", SD, [(1, 2, 0), (1, 1, 0)]),
    "Other": ("Strategic developments", SD, [(3, 3, 0), (1, 8, 0), (1, 1, 0)]),
}

PROFILES = {
    "front": {"Armed clash": 30, "Shelling/artillery/missile attack": 28, "Air/drone strike": 7,
              "Remote explosive/landmine/IED": 6, "Attack": 7, "Abduction/forced disappearance": 2,
              "Government regains territory": 0.6, "Non-state actor overtakes territory": 0.6,
              "Disrupted weapons use": 4, "Looting/property destruction": 2, "Other": 2, "Grenade": 1,
              "Arrests": 2, "Peaceful protest": 4, "Change to group/activity": 1,
              "Headquarters or base established": 0.5, "Non-violent transfer of territory": 0.3,
              "Suicide bomb": 0.1, "Chemical weapon": 0.02, "Agreement": 0.3},
    "insurgency": {"Armed clash": 14, "Remote explosive/landmine/IED": 18, "Attack": 18,
                   "Abduction/forced disappearance": 6, "Arrests": 14, "Shelling/artillery/missile attack": 4,
                   "Air/drone strike": 7, "Peaceful protest": 9, "Violent demonstration": 2, "Grenade": 3,
                   "Looting/property destruction": 3, "Other": 2, "Disrupted weapons use": 4,
                   "Suicide bomb": 0.4, "Change to group/activity": 2, "Sexual violence": 0.3,
                   "Mob violence": 0.5, "Agreement": 0.3},
    "urban": {"Peaceful protest": 45, "Protest with intervention": 6, "Excessive force against protesters": 1,
              "Violent demonstration": 8, "Mob violence": 2, "Arrests": 10, "Attack": 8, "Armed clash": 4,
              "Grenade": 2, "Remote explosive/landmine/IED": 3, "Looting/property destruction": 2,
              "Other": 3, "Agreement": 0.5, "Sexual violence": 0.3, "Abduction/forced disappearance": 3,
              "Change to group/activity": 1},
    "air": {"Air/drone strike": 35, "Shelling/artillery/missile attack": 22, "Armed clash": 10, "Attack": 6,
            "Disrupted weapons use": 8, "Looting/property destruction": 4, "Remote explosive/landmine/IED": 2,
            "Other": 2, "Peaceful protest": 6, "Arrests": 3, "Protest with intervention": 1},
    "border": {"Shelling/artillery/missile attack": 40, "Air/drone strike": 22, "Armed clash": 6,
               "Disrupted weapons use": 10, "Attack": 5, "Other": 3, "Peaceful protest": 3, "Arrests": 2,
               "Remote explosive/landmine/IED": 1, "Looting/property destruction": 1},
    "sea": {"Disrupted weapons use": 25, "Shelling/artillery/missile attack": 22, "Air/drone strike": 25,
            "Other": 15, "Armed clash": 3, "Looting/property destruction": 3, "Attack": 2},
    "westbank": {"Armed clash": 20, "Protest with intervention": 15, "Violent demonstration": 18, "Attack": 15,
                 "Arrests": 14, "Looting/property destruction": 10, "Remote explosive/landmine/IED": 3,
                 "Air/drone strike": 2, "Peaceful protest": 8, "Abduction/forced disappearance": 2,
                 "Excessive force against protesters": 1, "Mob violence": 2, "Grenade": 1},
    "protest": {"Peaceful protest": 55, "Protest with intervention": 12, "Excessive force against protesters": 4,
                "Violent demonstration": 12, "Arrests": 10, "Attack": 3, "Armed clash": 2, "Mob violence": 1,
                "Other": 1, "Looting/property destruction": 0.5},
}

# ---------------------------------------------------------------------------------------
# Text pools.
# ---------------------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

VILLAGE_PREFIX = ["Al ", "Tal ", "Ain ", "Kafr ", "Deir ", "Beit ", "Khirbet ", "Bir ", "Jabal ",
                  "Wadi ", "Umm ", "Abu ", "Ras ", "Qaryat ", "Hawsh ", "Mazraat ", "Bani ", "Suq "]
VILLAGE_ROOT = ["Hamra", "Sawda", "Kabir", "Jadida", "Sharqi", "Gharbi", "Zaytun", "Nakhil", "Hajar",
                "Rumman", "Safa", "Tuyur", "Sultan", "Ghazal", "Qasr", "Hilal", "Jisr", "Burj", "Raml",
                "Shams", "Nur", "Mashhad", "Hussein", "Dahr", "Kharab", "Mahmud", "Salam", "Qurna",
                "Bustan", "Fawqa", "Tahta", "Mansura", "Hadid", "Shaykh", "Zahra", "Sabil", "Ghadir",
                "ʽAbbas", "Naʽim", "Ḥasan", "Ṣalih", "Muʽadh"]

FAMILY = {
    "Battles": "battle", "Explosions/Remote violence": "remote", "Violence against civilians": "vac",
    "Protests": "protest", "Riots": "riot", "Strategic developments": "sd",
}

# {0} date phrase, {1} actor 1, {2} actor 2 (or a stand-in), {3} location, {4} admin1,
# {5} fatality sentence, {6} admin2. Keyed by sub-event type.
TEMPLATES = {
    "Armed clash": [
        "{0}, {1} clashed with {2} in {3} ({6}, {4}). {5}",
        "{0}, {1} and {2} exchanged fire near {3} ({4}), using medium and heavy weapons. {5}",
        "{0}, fighting broke out between {1} and {2} on the outskirts of {3} ({4}). {5}",
        "{0}, {1} attacked positions of {2} in {3}, {6} district ({4}). {5}",
    ],
    "Government regains territory": ["{0}, {1} regained control of {3} ({4}) from {2} after days of fighting. {5}"],
    "Non-state actor overtakes territory": ["{0}, {1} took control of {3} ({6}, {4}) after {2} withdrew. {5}"],
    "Air/drone strike": [
        "{0}, {1} targeted {2} with a drone strike in {3} ({4}). {5}",
        "{0}, warplanes of {1} carried out air strikes on {2} positions in {3} ({6}, {4}). {5}",
        "{0}, a drone operated by {1} struck a vehicle of {2} near {3} ({4}). {5}",
    ],
    "Shelling/artillery/missile attack": [
        "{0}, {1} shelled {2} positions in and around {3} ({6}, {4}). {5}",
        "{0}, {1} fired rockets at {2} in {3} ({4}); the projectiles landed in open areas. {5}",
        "{0}, {1} launched a missile attack on {3} ({6}, {4}), targeting {2}. {5}",
    ],
    "Remote explosive/landmine/IED": [
        "{0}, an IED planted by {1} exploded near a vehicle of {2} in {3} ({4}). {5}",
        "{0}, a landmine left by {1} exploded in {3} ({6}, {4}), hitting {2}. {5}",
    ],
    "Grenade": ["{0}, {1} threw a hand grenade at the house of {2} in {3} ({4}). {5}"],
    "Suicide bomb": ["{0}, a suicide bomber from {1} blew himself up among {2} in {3} ({4}). {5}"],
    "Chemical weapon": ["{0}, {1} reportedly used chlorine gas against {2} in {3} ({4}). {5}"],
    "Attack": [
        "{0}, {1} shot at {2} in {3} ({4}) after a dispute, according to relatives. {5}",
        "{0}, {1} attacked {2} in {3} ({6}, {4}). {5}",
        "{0}, gunmen from {1} opened fire on a car carrying {2} on the road to {3} ({4}). {5}",
    ],
    "Abduction/forced disappearance": [
        "{0}, {1} abducted a man from his house in {3} ({4}); his whereabouts remain unknown. {5}",
    ],
    "Sexual violence": ["{0}, members of {1} assaulted a woman at a checkpoint near {3} ({4}). {5}"],
    "Peaceful protest": [
        "{0}, {1} gathered in {3} ({4}) to demand better public services, electricity and jobs. {5}",
        "{0}, {1} held a demonstration in front of the governorate building in {3} ({4}). {5}",
        "{0}, {1} marched in {3} ({6}, {4}) in solidarity with Gaza, chanting slogans. {5}",
    ],
    "Protest with intervention": [
        "{0}, {1} protested in {3} ({6}, {4}) against rising prices; {2} dispersed them. {5}",
    ],
    "Excessive force against protesters": [
        "{0}, {1} fired live ammunition at {2} in {3} ({4}), wounding several people. {5}",
    ],
    "Violent demonstration": [
        "{0}, {1} blocked roads with burning tyres in {3} ({4}) and clashed with {2}. {5}",
        "{0}, {1} threw stones at {2} near {3} ({6}, {4}). {5}",
        "{0}, {1} stormed a government office in {3} ({4}) and set part of it on fire. {5}",
    ],
    "Mob violence": ["{0}, a mob beat {2} accused of theft in {3} ({4}). {5}"],
    "Arrests": ["{0}, {1} arrested several people in {3} ({4}), accusing them of links to {2}. {5}"],
    "Looting/property destruction": [
        "{0}, {1} burned farmland and destroyed property of {2} in {3} ({4}). {5}",
        "{0}, {1} demolished two houses in {3} ({6}, {4}). {5}",
    ],
    "Disrupted weapons use": [
        "{0}, {1} intercepted a drone launched by {2} over {3} ({6}, {4}). {5}",
        "{0}, {1} defused an explosive device near {3} ({4}). {5}",
    ],
    "Change to group/activity": ["{0}, {1} announced a new brigade and redeployed fighters to {3} ({4}). {5}"],
    "Headquarters or base established": ["{0}, {1} set up a new base at the entrance of {3} ({4}). {5}"],
    "Agreement": ["{0}, {1} and {2} agreed to a ceasefire and a prisoner exchange in {3} ({4}). {5}"],
    "Non-violent transfer of territory": ["{0}, {1} handed over positions in {3} ({6}, {4}) without fighting. {5}"],
    "Other": [
        "{0}, {1} held a military parade in {3} ({4}). {5}",
        "{0}, ships reported suspicious approaches by small boats near {3} ({4}). {5}",
    ],
}

EXTRAS = [
    'Local media described it as "the heaviest in weeks".',
    'A spokesperson said the group acted "in response to the massacres in Gaza".',
    'Residents told reporters: "We could not sleep all night."',
    "Several houses and a school were damaged.",
    "The area has seen repeated incidents since the start of the year.",
    "Security forces cordoned off the area and opened an investigation.",
    "Casualty figures vary between sources; the lowest reported figure is coded.",
    "The victim was a 34-year-old man, a father of three.",
    'The statement called it a "legitimate response", without giving details.',
    "A curfew was imposed on the town for 24 hours.",
    'Witnesses said the crowd chanted "الشعب يريد" (the people want).',
    "Medics at the hospital in the city confirmed the toll.",
    "Two days later, the same group claimed responsibility online.",
    "The road between the two towns was closed until the evening.",
    "A local official — speaking on condition of anonymity — confirmed the report.",
    'Sources reported "dozens" of arrests; no exact number is known.',
    "Electricity was cut off in several neighbourhoods as a result.",
    "The attack coincided with the anniversary of the founding of the group.",
    'The ministry said the detainees were "outlaws", a claim their families deny.',
    "Traffic on the highway resumed after about three hours.",
]

SOURCE_SCALES = ["National", "Subnational", "International", "National-International",
                 "Local partner-National", "New media", "Other-National", "Subnational-National",
                 "New media-National", "Other"]
SCALE_WEIGHTS = [30, 20, 8, 10, 6, 8, 4, 8, 4, 2]

CROWD = ["crowd size=no report"] * 12 + ["crowd size=around 50", "crowd size=dozens", "crowd size=hundreds",
                                          "crowd size=more than 1,000", "crowd size=thousands",
                                          "crowd size=around 200", "crowd size=tens of thousands"]
OTHER_TAGS = [""] * 40 + ["local administrators", "women targeted: girls", "women targeted: candidates for office",
                          "armed presence", "counter-demonstration", "journalists targeted"]


def zipf_cum(n: int, s: float = 1.1) -> list[float]:
    return list(accumulate(1.0 / (k + 1) ** s for k in range(n)))


class Pick:
    """Draws from a fixed pool with fixed weights (bisect on cumulative weights)."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items, weights):
        self.items = list(items)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def __call__(self, rnd):
        return self.items[bisect_right(self.cum, rnd() * self.total)]


def zipf_pick(items, focus=(), s=1.1):
    items = list(items)
    focused = [a for a in focus if a in items]
    ordered = focused + [a for a in items if a not in focused]
    weights = [w * (4.0 if a in focused else 1.0) for a, w in zip(ordered, (1.0 / (k + 1) ** s for k in range(len(ordered))))]
    return Pick(ordered, weights)


def build(rng: random.Random):
    hotspots = []
    for h in HOTSPOTS:
        c = COUNTRIES[h["country"]]
        lat0, lon0 = h["center"]
        sigma = h["sigma"]
        places = []
        for name, admin2, admin3, lat, lon in h["places"]:
            places.append((name, admin2, admin3, f"{lat:.4f}", f"{lon:.4f}"))
        admin2s = [p[1] for p in h["places"]]
        # Villages around the hotspot, Gaussian around its centre.
        for _ in range(int(20 + 12 * h["weight"])):
            name = rng.choice(VILLAGE_PREFIX) + rng.choice(VILLAGE_ROOT)
            if rng.random() < 0.15:
                name += " " + rng.choice(["al-Kabira", "al-Saghira", "al-Sharqiya", "al-Gharbiya", "al-Fawqani"])
            lat = lat0 + rng.gauss(0.0, sigma)
            lon = lon0 + rng.gauss(0.0, sigma)
            admin2 = rng.choice(admin2s)
            admin3 = name if h["places"][0][2] else ""
            places.append((name, admin2, admin3, f"{lat:.4f}", f"{lon:.4f}"))
        # The real towns come first and are the most frequent.
        place_pick = Pick(places, [3.0 / (k + 1) ** 0.9 if k < len(h["places"]) else 1.0 / (k + 1) ** 0.8
                                   for k in range(len(places))])
        actors = {i: zipf_pick(c["actors"][i], h.get("focus", ())) for i in range(1, 9)}
        assoc = {
            3: zipf_pick(c["actors"][3]),
            6: zipf_pick(c["assoc"][6]),
            5: zipf_pick(c["assoc"][5]),
            7: zipf_pick(c["assoc"][7]),
            1: zipf_pick(c["actors"][1]),
            2: zipf_pick(c["actors"][2] + c["actors"][3]),
            4: zipf_pick(c["actors"][4]),
            8: zipf_pick(c["actors"][8]),
        }
        profile = PROFILES[h["profile"]]
        subs = Pick(list(profile), list(profile.values()))
        sources = zipf_pick(c["sources"], s=0.9)
        hotspots.append(dict(
            spec=h, country=h["country"], iso3=c["iso3"], iso=str(c["iso"]), region=c["region"],
            admin1=h["admin1"], places=place_pick, actors=actors, assoc=assoc, subs=subs, sources=sources,
        ))
    return hotspots


def day_weights(rng: random.Random, hotspots) -> list[float]:
    """The rate of events for every (day, hotspot), flattened as day * H + hotspot."""
    H = len(hotspots)
    weights = [0.0] * (DAYS * H)
    for hi, h in enumerate(hotspots):
        spec = h["spec"]
        rate = [1.0] * DAYS
        bursts = list(spec["bursts"])
        # A few random local flare-ups per hotspot, each lasting days to weeks.
        for _ in range(rng.randrange(4, 10)):
            start = rng.randrange(DAYS)
            length = rng.randrange(2, 25)
            bursts.append((start, min(DAYS - 1, start + length), rng.uniform(0.8, 4.0)))
        for first, last, extra in bursts:
            a = day_index(first) if isinstance(first, str) else first
            b = day_index(last) if isinstance(last, str) else last
            span = max(1, b - a)
            for d in range(max(0, a), min(DAYS, b + 1)):
                # Sharp onset, slow decay over the burst.
                decay = 1.0 - 0.6 * (d - a) / span if extra > 0 else 1.0
                rate[d] *= max(0.05, 1.0 + extra * decay)
        base = spec["weight"]
        protest = spec["profile"] in ("urban", "protest")
        for d in range(DAYS):
            noise = rng.lognormvariate(0.0, 0.45)
            weekly = 1.35 if protest and (FIRST_DAY.toordinal() + d) % 7 == 4 else 1.0  # Fridays
            weights[d * H + hi] = base * rate[d] * noise * weekly
    return weights


def fatalities(rnd, family: str) -> int:
    r = rnd()
    if family in ("protest",):
        return 0
    p_zero = {"battle": 0.55, "remote": 0.7, "vac": 0.35, "riot": 0.93, "sd": 0.985}[family]
    if r < p_zero:
        return 0
    x = (1.0 - rnd()) ** (-1.0 / 1.15)  # Pareto, alpha 1.15
    return min(int(x), 900)


def fatality_sentence(n: int, family: str, tag: str) -> str:
    if family == "protest":
        return f"[{tag.replace('crowd size', 'size')}]" if tag else "[size=no report]"
    if n == 0:
        return "No fatalities were reported." if family != "sd" else "No casualties were reported."
    if n == 1:
        return "1 person was killed."
    if n >= 10:
        return f"{n} fatalities, according to the ministry of health, including women and children."
    return f"{n} people were killed, including a commander."


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="rows to write (default 1,000,000)")
    ap.add_argument("--out", default="target/acled_1m.csv", help="output path (default target/acled_1m.csv)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = ap.parse_args()
    if args.rows < 0:
        ap.error("--rows must be 0 or more")

    started = time.monotonic()
    rng = random.Random(args.seed)
    rnd = rng.random
    hotspots = build(rng)
    H = len(hotspots)

    # Which (day, hotspot) each event falls on; rows go newest day first.
    cells = rng.choices(range(DAYS * H), cum_weights=list(accumulate(day_weights(rng, hotspots))), k=args.rows)
    cells.sort(reverse=True)

    # Ids count down per country, so that the oldest event has the smallest number.
    per_country = {}
    for cell in cells:
        iso3 = hotspots[cell % H]["iso3"]
        per_country[iso3] = per_country.get(iso3, 0) + 1
    next_id = {iso3: 1000 + n for iso3, n in per_country.items()}

    # Per day: ISO date, year, the date as notes write it, the epoch of midnight UTC.
    day_info = []
    for d in range(DAYS):
        date = FIRST_DAY + dt.timedelta(days=d)
        long_form = f"{date.day} {MONTHS[date.month - 1]} {date.year}"
        epoch = int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc).timestamp())
        day_info.append((date.isoformat(), str(date.year), f"On {long_form}",
                         f"Around {long_form} (week of)", f"In {MONTHS[date.month - 1]} {date.year}", epoch))

    sub_info = {name: (etype, disorder, FAMILY[etype], Pick([(a, b) for _, a, b in pairs], [w for w, _, _ in pairs]))
                for name, (etype, disorder, pairs) in SUB_EVENTS.items()}
    templates = TEMPLATES
    scale_pick = Pick(SOURCE_SCALES, SCALE_WEIGHTS)
    n_extras = len(EXTRAS)
    stand_in = {"battle": "unidentified gunmen", "remote": "unknown targets", "vac": "civilians",
                "protest": "police", "riot": "security forces", "sd": "an armed group"}

    out_dir = os.path.dirname(args.out)
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)
    with open(args.out, "w", newline="", encoding="utf-8", buffering=1 << 20) as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        batch = []
        for cell in cells:
            d, hi = divmod(cell, H)
            h = hotspots[hi]
            iso_date, year, on_day, around_day, in_month, epoch = day_info[d]
            sub = h["subs"](rnd)
            etype, disorder, family, pairs = sub_info[sub]
            inter1, inter2 = pairs(rnd)
            actors = h["actors"]
            a1 = actors[inter1](rnd)
            a2 = actors[inter2](rnd) if inter2 else ""
            if a2 == a1 and inter1 not in (5, 6, 7):
                a2 = actors[inter2](rnd)
            assoc = h["assoc"]
            assoc1 = assoc2 = ""
            r = rnd()
            if r < (0.45 if inter1 in (5, 6) else 0.12):
                pool = assoc.get(inter1)
                if pool is not None:
                    names = [pool(rnd)]
                    while rnd() < 0.3 and len(names) < 4:
                        name = pool(rnd)
                        if name not in names:
                            names.append(name)
                    names = [n for n in names if n != a1]
                    assoc1 = "; ".join(names)
            if inter2 and rnd() < (0.3 if inter2 == 7 else 0.08):
                pool = assoc.get(inter2)
                if pool is not None:
                    names = [pool(rnd)]
                    if rnd() < 0.25:
                        name = pool(rnd)
                        if name != names[0]:
                            names.append(name)
                    names = [n for n in names if n != a2]
                    assoc2 = "; ".join(names)
            interaction = str(10 * min(inter1, inter2) + max(inter1, inter2)) if inter2 else str(10 * inter1)

            r = rnd()
            tp = "1" if r < 0.85 else ("2" if r < 0.96 else "3")
            when = on_day if tp == "1" else (around_day if tp == "2" else in_month)

            name, admin2, admin3, lat, lon = h["places"](rnd)
            r = rnd()
            if r < 0.70:
                gp = "1"
            elif r < 0.92:
                gp = "2"
            elif r < 0.998:
                gp = "3"
            else:  # known only to the country: ACLED names the country as the location
                gp = "3"
                name, admin2, admin3 = h["country"], "", ""
            admin1 = h["admin1"] if gp != "3" or name != h["country"] else ""

            killed = fatalities(rnd, family)
            if family == "protest" or sub == "Violent demonstration":
                tags = CROWD[int(rnd() * len(CROWD))]
            else:
                tags = OTHER_TAGS[int(rnd() * len(OTHER_TAGS))]

            src_pick = h["sources"]
            source = src_pick(rnd)
            r = rnd()
            if r < 0.35:
                second = src_pick(rnd)
                if second != source:
                    source = f"{source}; {second}"
                if r < 0.08:
                    third = src_pick(rnd)
                    if third not in source:
                        source = f"{source}; {third}"

            tmpl_list = templates[sub]
            tmpl = tmpl_list[int(rnd() * len(tmpl_list))]
            place_text = name if name != h["country"] else f"an unspecified location in {name}"
            notes = tmpl.format(when, a1, a2 or stand_in[family], place_text, admin1 or h["country"],
                                fatality_sentence(killed, family, tags), admin2 or admin1 or h["country"])
            while len(notes) < 100:
                notes = notes + " " + EXTRAS[int(rnd() * n_extras)]
            if rnd() < 0.55:
                extra = EXTRAS[int(rnd() * n_extras)]
                if len(notes) + len(extra) < 300:
                    notes = notes + ("\n" if rnd() < 0.06 else " ") + extra
            if len(notes) > 300:
                notes = notes[:297].rstrip() + "..."

            iso3 = h["iso3"]
            n = next_id[iso3]
            next_id[iso3] = n - 1
            civ = "Civilian targeting" if inter2 == 7 or etype == "Violence against civilians" else ""

            batch.append((
                f"{iso3}{n}", iso_date, year, tp, disorder, etype, sub,
                a1, assoc1, inter1, a2, assoc2, inter2 if inter2 else "", interaction, civ,
                h["iso"], h["region"], h["country"], admin1, admin2, admin3, name, lat, lon, gp,
                source, scale_pick(rnd), notes, killed, tags, epoch + int(rnd() * 40 * 86400) + 3 * 86400,
            ))
            if len(batch) >= 20_000:
                writer.writerows(batch)
                batch.clear()
        writer.writerows(batch)
    size = os.path.getsize(args.out)

    elapsed = time.monotonic() - started
    print(f"{args.out}: {args.rows} rows, {size} bytes ({size / 1e6:.1f} MB) in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
