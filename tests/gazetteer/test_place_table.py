"""Place resolution on sentences written in the manner of the collections' documents (FRUS
telegrams and memoranda of three decades, translated Soviet papers): each named place is found
as a place and linked to the place meant, kind and point right; names of persons and code words
are not places. Sentences are linked together as one collection, so the collection's most
named country weighs on every name, as it does in an archive."""

from __future__ import annotations

import math

import pytest

from kartoteka.gazetteer import places
from kartoteka.linking import link
from kartoteka.model import MentionKind
from kartoteka.pipeline import parse_text

C, N, S, R = "city", "country", "state", "region"
# sentence, name, kind (None: no place), latitude, longitude, km within which the point is right
# (50 for a town; an area's point may lie anywhere in it, so its radius for a state or country)
TABLE: list[tuple[str, str, str | None, float, float, float]] = [
    # Europe
    ("Ambassador Bohlen reported from Moscow that Khrushchev had returned from the Crimea.", "Moscow", C, 55.75, 37.62, 50),
    ("The Foreign Ministers will meet in Vienna on May 15 to sign the State Treaty.", "Vienna", C, 48.21, 16.37, 50),
    ("The Secretary flew to Paris for the NATO Council meeting.", "Paris", C, 48.86, 2.35, 50),
    ("The Embassy in Rome reports that the Italian Government will not object.", "Rome", C, 41.90, 12.50, 50),
    ("The conference of Heads of Government opened at Geneva on July 18.", "Geneva", C, 46.20, 6.15, 50),
    ("Karamanlis told the Ambassador in Athens that his Government would not yield on Cyprus.", "Athens", C, 37.98, 23.73, 50),
    ("The British Cabinet met in London to consider the Soviet note.", "London", C, 51.51, -0.13, 50),
    ("Adenauer returned to Bonn after his talks with Bulganin.", "Bonn", C, 50.73, 7.10, 50),
    ("Gomulka addressed the Central Committee plenum in Warsaw.", "Warsaw", C, 52.23, 21.01, 50),
    ("Soviet troops re-entered Budapest on November 4.", "Budapest", C, 47.50, 19.04, 50),
    ("The Czechoslovak Government in Prague protested against the balloon leaflets.", "Prague", C, 50.09, 14.42, 50),
    ("Tito received the Soviet delegation in Belgrade.", "Belgrade", C, 44.80, 20.47, 50),
    ("The Legation in Bucharest reported a new trade agreement.", "Bucharest", C, 44.43, 26.10, 50),
    ("A Bulgarian delegation left Sofia on Tuesday.", "Sofia", C, 42.70, 23.32, 50),
    ("Hoxha spoke at a rally in Tirana against revisionism.", "Tirana", C, 41.33, 19.82, 50),
    ("The four powers could not agree on the status of Berlin.", "Berlin", C, 52.52, 13.40, 50),
    ("The Finnish President received the Soviet Ambassador in Helsinki.", "Helsinki", C, 60.17, 24.94, 50),
    ("The Swedish Foreign Office in Stockholm denied the report.", "Stockholm", C, 59.33, 18.07, 50),
    ("The Norwegian Government in Oslo objected to the overflights.", "Oslo", C, 59.91, 10.75, 50),
    ("Danish officials in Copenhagen expressed concern about Greenland.", "Copenhagen", C, 55.68, 12.57, 50),
    ("The Netherlands delegation arrived from Amsterdam by train.", "Amsterdam", C, 52.37, 4.89, 50),
    ("The Belgian Cabinet met in Brussels to discuss the Congo.", "Brussels", C, 50.85, 4.35, 50),
    ("Salazar received the Ambassador in Lisbon on Monday.", "Lisbon", C, 38.72, -9.14, 50),
    ("Franco told the American Ambassador in Madrid that Spain wanted more aid.", "Madrid", C, 40.42, -3.70, 50),
    ("The Swiss Federal Council in Bern agreed to act as protecting power.", "Bern", C, 46.95, 7.45, 50),
    ("The Irish Government in Dublin declined the invitation.", "Dublin", C, 53.35, -6.26, 50),
    ("Tass announced that a British squadron would visit Leningrad in October.", "Leningrad", C, 59.94, 30.31, 50),
    ("Workers rioted in Poznan on June 28 and troops were called in.", "Poznan", C, 52.41, 16.93, 50),
    ("The tractor plant at Stalingrad exceeded its plan.", "Stalingrad", C, 48.71, 44.51, 50),
    ("Khrushchev spoke at a collective farm near Kiev.", "Kiev", C, 50.45, 30.52, 50),
    ("The delegation visited the tractor works in Kharkov.", "Kharkov", C, 49.99, 36.23, 50),
    ("Soviet grain ships loaded at Odessa for Egypt.", "Odessa", C, 46.48, 30.73, 50),
    ("Mikoyan flew to Tiflis after the disturbances of March.", "Tiflis", C, 41.69, 44.83, 50),
    ("The Azerbaijani party leaders met in Baku to discuss the oil plan.", "Baku", C, 40.38, 49.89, 50),
    ("The American group was taken from Tashkent to Samarkand.", "Tashkent", C, 41.26, 69.22, 50),
    ("The American group was taken from Tashkent to Samarkand.", "Samarkand", C, 39.65, 66.96, 50),
    ("The Vice President visited a machine plant in Sverdlovsk.", "Sverdlovsk", C, 56.84, 60.61, 50),
    ("The Consulate General in Istanbul reported Soviet ships passing the Straits.", "Istanbul", C, 41.01, 28.98, 50),
    ("Menderes met the Ambassador in Ankara and asked for more aid.", "Ankara", C, 39.93, 32.86, 50),
    ("Makarios was deported from Nicosia to the Seychelles.", "Nicosia", C, 35.17, 33.36, 50),
    ("The Byelorussian delegation returned to Minsk on Friday.", "Minsk", C, 53.90, 27.57, 50),
    ("Soviet authorities in Riga arrested three former ministers.", "Riga", C, 56.95, 24.11, 50),
    ("The Lithuanian party chief spoke in Vilnius about the harvest.", "Vilnius", C, 54.69, 25.28, 50),
    ("A Finnish ferry resumed service to Tallinn in May.", "Tallinn", C, 59.44, 24.75, 50),
    ("The Catholicos received the American visitors at Erevan.", "Erevan", C, 40.18, 44.51, 50),
    ("The virgin lands conference was held in Alma-Ata.", "Alma-Ata", C, 43.26, 76.93, 50),
    ("The convoy reached Murmansk after a week at sea.", "Murmansk", C, 68.97, 33.09, 50),
    ("The Pacific Fleet at Vladivostok was put on alert.", "Vladivostok", C, 43.12, 131.89, 50),
    ("Scientists in Novosibirsk opened a new institute.", "Novosibirsk", C, 55.04, 82.93, 50),
    ("The Sixth Fleet put in at Naples for a week.", "Naples", C, 40.85, 14.27, 50),
    ("Dockers in Marseille refused to unload the arms.", "Marseille", C, 43.30, 5.37, 50),
    ("The Consul in Frankfurt reported a rise in refugees.", "Frankfurt", C, 50.11, 8.68, 50),
    ("Radio Liberty broadcasts from Munich angered the Soviet leaders.", "Munich", C, 48.14, 11.58, 50),
    ("A Soviet freighter docked at Hamburg with timber.", "Hamburg", C, 53.55, 9.99, 50),
    # the Middle East and North Africa
    ("The Shah received the Ambassador in Teheran on Sunday.", "Teheran", C, 35.69, 51.42, 50),
    ("Demonstrators in Tabriz demanded autonomy for the province.", "Tabriz", C, 38.08, 46.29, 50),
    ("Nasser announced in Cairo that the canal company was nationalized.", "Cairo", C, 30.04, 31.24, 50),
    ("Nasser announced in Cairo that the canal company was nationalized.", "Nasser", None, 0, 0, 0),
    ("The Iraqi Government in Baghdad decided to join the pact.", "Baghdad", C, 33.34, 44.40, 50),
    ("The coup in Damascus brought a new group of officers to power.", "Damascus", C, 33.51, 36.29, 50),
    ("King Hussein dismissed the Prime Minister in Amman.", "Amman", C, 31.96, 35.95, 50),
    ("Hussein told the Ambassador that he would not join the pact.", "Hussein", None, 0, 0, 0),
    ("The Lebanese President in Beirut asked for American help.", "Beirut", C, 33.89, 35.50, 50),
    ("Ben Gurion told the Ambassador in Tel Aviv that Israel would not withdraw.", "Tel Aviv", C, 32.08, 34.78, 50),
    ("The Consul General in Jerusalem reported two border incidents.", "Jerusalem", C, 31.77, 35.22, 50),
    ("King Saud left Riyadh for Dhahran on Thursday.", "Riyadh", C, 24.69, 46.72, 50),
    ("King Saud left Riyadh for Dhahran on Thursday.", "Dhahran", C, 26.29, 50.11, 50),
    ("The Embassy at Jidda forwarded the King's message.", "Jidda", C, 21.54, 39.17, 50),
    ("Faisal said that Saudi Arabia would not break with Britain.", "Faisal", None, 0, 0, 0),
    ("The Embassy learned that Kuwait would offer a loan to the Arab states.", "Kuwait", N, 29.30, 47.60, 150),
    ("British forces in Aden were reinforced by two battalions.", "Aden", C, 12.78, 45.04, 50),
    ("Daud received the Soviet Ambassador in Kabul.", "Kabul", C, 34.53, 69.17, 50),
    ("The Pakistani Government in Karachi protested against the statement.", "Karachi", C, 24.86, 67.01, 50),
    ("The aircraft took off from Peshawar at dawn.", "Peshawar", C, 34.01, 71.58, 50),
    ("Disturbances in Mosul were put down by the army.", "Mosul", C, 36.34, 43.13, 50),
    ("Oil exports from Basra resumed last week.", "Basra", C, 30.51, 47.81, 50),
    ("The refinery at Abadan was shut down by the strike.", "Abadan", C, 30.34, 48.30, 50),
    ("Egyptian naval units left Alexandria on Monday.", "Alexandria", C, 31.20, 29.92, 50),
    ("Anglo-French forces landed at Port Said on November 6.", "Port Said", C, 31.26, 32.30, 50),
    ("The American air base near Tripoli was to remain open.", "Tripoli", C, 32.89, 13.19, 50),
    ("The Sudanese Government in Khartoum recognized the new regime.", "Khartoum", C, 15.55, 32.53, 50),
    ("Bourguiba told the Ambassador in Tunis that he needed arms.", "Tunis", C, 36.82, 10.17, 50),
    ("The Sultan received the American delegation in Rabat.", "Rabat", C, 34.01, -6.83, 50),
    ("French troops in Algiers were placed on alert.", "Algiers", C, 36.74, 3.09, 50),
    ("The NATO headquarters at Izmir was expanded.", "Izmir", C, 38.42, 27.14, 50),
    # Asia
    ("Chou En-lai told the Indian Ambassador in Peking that China would intervene.", "Peking", C, 39.91, 116.40, 50),
    ("Foreign firms in Shanghai were taken over by the state.", "Shanghai", C, 31.22, 121.46, 50),
    ("The trade fair at Canton drew many Japanese buyers.", "Canton", C, 23.13, 113.26, 50),
    ("Nehru told the Ambassador in New Delhi that India would stay neutral.", "New Delhi", C, 28.61, 77.21, 50),
    ("The Soviet leaders were greeted by large crowds in Bombay.", "Bombay", C, 19.07, 72.88, 50),
    ("The Consul General in Calcutta reported food riots.", "Calcutta", C, 22.57, 88.36, 50),
    ("The last Dutch troops left Batavia in December.", "Batavia", C, -6.21, 106.85, 50),
    ("Sukarno spoke to a mass rally in Djakarta.", "Djakarta", C, -6.21, 106.85, 50),
    ("The Embassy in Saigon reported fighting with the sects.", "Saigon", C, 10.82, 106.63, 50),
    ("The International Commission met in Hanoi on Friday.", "Hanoi", C, 21.03, 105.85, 50),
    ("U Nu told the Ambassador in Rangoon that Burma would accept the rice deal.", "Rangoon", C, 16.80, 96.16, 50),
    ("The SEATO Council met in Bangkok in February.", "Bangkok", C, 13.75, 100.50, 50),
    ("Magsaysay received the Secretary in Manila.", "Manila", C, 14.60, 120.98, 50),
    ("The Japanese Government in Tokyo asked for the return of the islands.", "Tokyo", C, 35.69, 139.69, 50),
    ("Rhee told the Ambassador in Seoul that he would march north.", "Seoul", C, 37.57, 126.98, 50),
    ("The Chinese delegation flew on to Pyongyang.", "Pyongyang", C, 39.03, 125.75, 50),
    ("Enemy ships shelled the coast near Inchon on 13 September.", "Inchon", C, 37.46, 126.71, 50),
    ("Chiang received the Ambassador in Taipei.", "Taipei", C, 25.05, 121.53, 50),
    ("Refugees continued to cross into Hong Kong.", "Hong Kong", C, 22.30, 114.17, 50),
    ("A Mongolian delegation left Ulan Bator for Moscow.", "Ulan Bator", C, 47.91, 106.88, 50),
    ("The Colombo Plan ministers met in Colombo in October.", "Colombo", C, 6.93, 79.85, 50),
    ("Labor unrest in Singapore worried the British.", "Singapore", C, 1.29, 103.85, 50),
    ("The Royal Lao Government in Vientiane asked for help.", "Vientiane", C, 17.97, 102.60, 50),
    ("Sihanouk received the Chinese Premier in Phnom Penh.", "Phnom Penh", C, 11.56, 104.92, 50),
    # the Americas
    ("Arbenz addressed a rally in Guatemala City on the anniversary.", "Guatemala City", C, 14.64, -90.51, 50),
    ("The Embassy in Tegucigalpa reported rebel activity at the border.", "Tegucigalpa", C, 14.08, -87.21, 50),
    ("The Salvadoran President in San Salvador denied the charge.", "San Salvador", C, 13.69, -89.19, 50),
    ("Somoza told the Ambassador in Managua that he would help.", "Managua", C, 12.13, -86.25, 50),
    ("Figueres received the Ambassador in San Jose.", "San Jose", C, 9.93, -84.08, 50),
    ("The Foreign Ministers met in Mexico City in March.", "Mexico City", C, 19.43, -99.13, 50),
    ("The Embassy in Havana reported arrests of students.", "Havana", C, 23.13, -82.38, 50),
    ("The Venezuelan Government in Caracas offered oil at a discount.", "Caracas", C, 10.49, -66.88, 50),
    ("The Inter-American Conference met at Bogota in 1948.", "Bogota", C, 4.61, -74.08, 50),
    ("The Peruvian Foreign Minister spoke in Lima on Tuesday.", "Lima", C, -12.04, -77.03, 50),
    ("The Chilean Government in Santiago protested against the copper quota.", "Santiago", C, -33.46, -70.65, 50),
    ("Peron spoke from the balcony in Buenos Aires.", "Buenos Aires", C, -34.61, -58.38, 50),
    ("The Rio Treaty was signed at Rio de Janeiro in 1947.", "Rio de Janeiro", C, -22.91, -43.18, 50),
    ("The Uruguayan Government in Montevideo agreed to the proposal.", "Montevideo", C, -34.90, -56.19, 50),
    ("The Canadian Cabinet in Ottawa approved the radar line.", "Ottawa", C, 45.42, -75.70, 50),
    ("Arms from the Alfhem were unloaded at Puerto Barrios.", "Puerto Barrios", C, 15.73, -88.59, 50),
    ("The rebel column from Honduras advanced on Zacapa in eastern Guatemala.", "Zacapa", C, 14.97, -89.53, 50),
    ("Army units at Quezaltenango remained loyal to the Guatemalan Government.", "Quezaltenango", C, 14.83, -91.52, 50),
    # the United States
    ("The Secretary returned to Washington on Friday.", "Washington", C, 38.90, -77.04, 50),
    ("Lodge raised the matter at the United Nations in New York.", "New York", C, 40.71, -74.01, 50),
    ("The President spent the weekend at his ranch in Texas.", "Texas", S, 31.0, -99.5, 600),
    ("The Vice President flew to California after the talks.", "California", S, 37.0, -120.0, 700),
    ("Senator Russell said that the people of Georgia and Alabama opposed the bill.", "Georgia", S, 32.7, -83.4, 350),
    ("Kennedy returned to Massachusetts for the weekend.", "Massachusetts", S, 42.3, -71.8, 200),
    ("The Agency moved its headquarters to Virginia.", "Virginia", S, 37.5, -78.8, 400),
    ("Cuban exiles in Florida were training for the landing.", "Florida", S, 28.5, -82.0, 600),
    ("Senator Church asked for the documents on his return to Idaho.", "Idaho", S, 44.4, -114.6, 500),
    ("The steel strike spread to Illinois and Indiana.", "Illinois", S, 40.0, -89.2, 450),
    ("Eisenhower rested at his farm in Pennsylvania.", "Pennsylvania", S, 40.9, -77.8, 350),
    ("The talks at Camp David in Maryland lasted three days.", "Camp David", C, 39.65, -77.46, 50),
    ("The talks at Camp David in Maryland lasted three days.", "Maryland", S, 39.0, -76.8, 250),
    ("Khrushchev toured a meat packing plant in Chicago.", "Chicago", C, 41.88, -87.63, 50),
    ("The United Nations Charter was signed in San Francisco.", "San Francisco", C, 37.77, -122.42, 50),
    ("The President received the Secretary at Gettysburg on Sunday.", "Gettysburg", C, 39.83, -77.23, 50),
    ("Kissinger briefed the President at Key Biscayne.", "Key Biscayne", C, 25.69, -80.16, 50),
    ("The President met Brezhnev at San Clemente in June.", "San Clemente", C, 33.43, -117.61, 50),
    # Soviet republics, Soviet and Iranian Azerbaijan
    ("Grain deliveries in the Ukrainian SSR fell short of the plan.", "Ukrainian SSR", S, 49.0, 31.4, 600),
    ("The Byelorussian SSR has its own seat in the General Assembly.", "Byelorussian SSR", S, 53.7, 27.9, 300),
    ("The Azerbaijan SSR sent oil workers to the Caspian fields.", "Azerbaijan SSR", S, 40.3, 47.7, 250),
    ("The Georgian SSR was shaken by the riots of March 1956.", "Georgian SSR", S, 42.3, 43.4, 250),
    ("Refugees from Turkey were settled in the Armenian SSR.", "Armenian SSR", S, 40.1, 45.0, 150),
    ("The virgin lands of the Kazakh SSR were ploughed in 1954.", "Kazakh SSR", S, 48.0, 67.0, 1100),
    ("Cotton output of the Uzbek SSR rose again.", "Uzbek SSR", S, 41.4, 64.6, 600),
    ("Deportations from the Lithuanian SSR continued until 1953.", "Lithuanian SSR", S, 55.2, 23.9, 200),
    ("Bagirov ruled Soviet Azerbaijan until 1953.", "Soviet Azerbaijan", S, 40.3, 47.7, 250),
    ("The Democrats of Iranian Azerbaijan seized Tabriz in December 1945.", "Iranian Azerbaijan", R, 38.0, 46.5, 250),
    ("The Iranian army entered Azerbaijan and took Tabriz without a fight.", "Azerbaijan", R, 38.0, 46.5, 250),
    ("Mzhavanadze, the party chief of Georgia, spoke in Tbilisi of Stalin's birthday.", "Georgia", N, 42.3, 43.4, 250),
    # countries, by today's and historic names
    ("The British subsidy to Jordan was cut by half.", "Jordan", N, 31.2, 36.5, 200),
    ("The Soviet note to Iran demanded an oil concession.", "Iran", N, 32.5, 54.0, 900),
    ("Soviet pressure on Turkey over the Straits continued.", "Turkey", N, 39.0, 35.0, 800),
    ("Economic aid to Greece was raised by a third.", "Greece", N, 39.0, 22.0, 400),
    ("The arms shipment to Guatemala came from Stettin.", "Guatemala", N, 15.5, -90.3, 200),
    ("The rebels gathered in Honduras near the border.", "Honduras", N, 14.8, -86.6, 300),
    ("The Soviet troops in Poland would stay, Gomulka said.", "Poland", N, 52.0, 19.4, 500),
    ("The revolt in Hungary was crushed by Soviet tanks.", "Hungary", N, 47.2, 19.5, 300),
    ("Relations with Yugoslavia improved after the visit.", "Yugoslavia", N, 44.0, 20.5, 500),
    ("The arms came from Czechoslovakia by way of Poland.", "Czechoslovakia", N, 49.5, 16.5, 400),
    ("The Soviet offer to Egypt included a steel mill.", "Egypt", N, 26.8, 30.8, 600),
    ("The armistice line between Israel and Syria was quiet.", "Israel", N, 31.5, 34.9, 200),
    ("The armistice line between Israel and Syria was quiet.", "Syria", N, 35.0, 38.5, 400),
    ("Chamoun asked for troops to be sent to Lebanon.", "Lebanon", N, 33.9, 35.9, 150),
    ("The revolution in Iraq ended the monarchy.", "Iraq", N, 33.2, 43.7, 500),
    ("Soviet aid to Afghanistan included a road through the Salang.", "Afghanistan", N, 33.9, 67.7, 600),
    ("Arms for Pakistan were delivered under the pact.", "Pakistan", N, 30.0, 69.3, 900),
    ("Food shipments to India were increased.", "India", N, 22.0, 79.0, 1500),
    ("The peace treaty with Japan was signed in 1951.", "Japan", N, 36.2, 138.3, 800),
    ("Sugar imports from Cuba were cut.", "Cuba", N, 21.5, -79.5, 600),
    ("Oil concessions in Persia were the subject of the talks.", "Persia", N, 32.5, 54.0, 900),
    ("The Chinese Nationalist troops in Burma were to be evacuated.", "Burma", N, 21.0, 96.0, 700),
    ("Ceylon sold rubber to China under a five-year agreement.", "Ceylon", N, 7.9, 80.7, 200),
    ("Siam joined the pact in 1954.", "Siam", N, 15.5, 101.0, 700),
    ("The Seventh Fleet was ordered to defend Formosa.", "Formosa", N, 23.7, 121.0, 200),
    ("The Soviet Union proposed a conference on Germany.", "Soviet Union", N, 55.75, 37.62, 3500),
    # persons and code words: no place
    ("Stalin received the delegation in the Kremlin.", "Stalin", None, 0, 0, 0),
    ("Molotov said that the Soviet Government would reply in writing.", "Molotov", None, 0, 0, 0),
    ("The speech quoted Marx and Lenin at length.", "Lenin", None, 0, 0, 0),
    ("ADAM reported that the shipment had arrived at the port.", "ADAM", None, 0, 0, 0),
    ("CAT aircraft will carry the supplies to the airstrip.", "CAT", None, 0, 0, 0),
    ("LINC advised that the operation would proceed on schedule.", "LINC", None, 0, 0, 0),
    ("Jackson said that the committee would meet again on Monday.", "Jackson", None, 0, 0, 0),
    ("The Agrarian Law was applied to the fincas of the United Fruit Company.", "Agrarian Law", None, 0, 0, 0),
]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def linked() -> list[tuple[str, str, str | None, float, float, float, str]]:
    """Each row with what the pipeline made of its name: "" when no place, else kind@lat,lon."""
    records = link([parse_text(row[0] + "\n") for row in TABLE])
    out = []
    for row, r in zip(TABLE, records, strict=True):
        sentence, name = row[0], row[1]
        start = sentence.index(name)
        entities = {e.id: e for e in r.entities}
        got = ""
        for m in r.mentions:
            if m.kind is MentionKind.PLACE and m.span.start == start and m.span.text == name:
                e = entities.get(m.entity or "")
                place = _gazetted(e.authority) if e is not None else None
                if e is not None and e.latitude is not None and e.longitude is not None:
                    got = f"{place.kind.value if place else '?'}@{e.latitude},{e.longitude}"
                else:
                    got = "unresolved"
        out.append((*row, got))
    return out


def _gazetted(authority: tuple[tuple[str, str], ...]) -> places.Gazetted | None:
    for scheme, value in authority:
        found = places.get(f"geonames:{value}" if scheme == "geonames" else value)
        if found is not None:
            return found
    return None


def _right(row: tuple[str, str, str | None, float, float, float, str]) -> bool:
    _, _, kind, lat, lon, km, got = row
    if kind is None:
        return got == ""
    if "@" not in got:
        return False
    got_kind, point = got.split("@")
    la, lo = map(float, point.split(","))
    return got_kind == kind and _km((lat, lon), (la, lo)) <= km


def test_table_is_large_enough() -> None:
    assert len(TABLE) >= 150
    assert sum(1 for row in TABLE if row[2] is None) >= 8


def test_kind_and_point_right_for_nearly_all(linked: list[tuple[str, str, str | None, float, float, float, str]]) -> None:
    wrong = [f"{row[1]} ({row[2]}): {row[6] or 'no place'}" for row in linked if not _right(row)]
    assert 1 - len(wrong) / len(linked) >= 0.97, "\n".join(wrong)


def test_no_resolved_place_without_coordinates(
        linked: list[tuple[str, str, str | None, float, float, float, str]]) -> None:
    records = link([parse_text(row[0] + "\n") for row in TABLE[:40]])
    for r in records:
        for e in r.entities:
            if e.kind is MentionKind.PLACE and _gazetted(e.authority) is not None:
                assert e.latitude is not None and e.longitude is not None, e
                assert (e.latitude, e.longitude) != (0.0, 0.0), e
    assert all(got != "unresolved" or kind is None for *_, kind, _, _, _, got in
               [(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in linked])
