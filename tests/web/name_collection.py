"""A test collection of names in several spellings and scripts, and small documents that use them.

Each name is written the ways archives of translated documents write it: Russian names in the
English (Yemelyanov), Library of Congress (Emel'ianov) and soft-sign-apostrophe (Yemel’yanov)
conventions and in Cyrillic; Persian and Arabic names in Russian-mediated (Dzhavid, Kavam),
French (Djavid, Nouri) and scholarly (Qavam) spellings, with and without a silent h; Spanish
with and without accents; German with umlauts typed, written out or dropped; Korean, Chinese
and Vietnamese romanisations joined, hyphenated or apart. ``SPELLINGS`` are joined by the strict
transliteration key alone; ``LISTED`` spellings only through the persons list given at ingest
(a historian's authority list), because no transliteration rule joins them (Wade-Giles and
pinyin, a vowel that differs). Every document is written here for the test, in the manner of a
telegram, a memorandum or a Soviet cable; none is copied from a published text.
"""

from __future__ import annotations

from pathlib import Path

# (name, convention, spellings the strict key joins)
SPELLINGS: list[tuple[str, str, tuple[str, ...]]] = [
    ("Yemelyanov", "Russian", ("Yemelyanov", "Emelyanov", "Yemel’yanov", "Emel'ianov", "Емельянов")),
    ("Lavrentev", "Russian", ("Lavrentev", "Lavrent'ev", "Lavrentyev", "Lavrentiev", "Lavrentʹev", "Лаврентьев")),
    ("Beria", "Russian", ("Beria", "Beriya", "Берия")),
    ("Vyshinsky", "Russian", ("Vyshinsky", "Vyshinskii", "Vyshinskiy", "Vishinsky", "Вышинский")),
    ("Yezhov", "Russian", ("Yezhov", "Ezhov", "Ежов")),
    ("Dekanozov", "Russian", ("Dekanozov", "DEKANOZOV", "Деканозов")),
    ("Bagirov", "Russian", ("Bagirov", "Багиров")),
    ("Maslennikov", "Russian", ("Maslennikov", "Масленников")),
    ("Grigoryev", "Russian", ("Grigoryev", "Grigor'ev", "Grigoriev", "Григорьев")),
    ("Kuliyev", "Azerbaijani via Russian", ("Kuliyev", "Kuliev", "Кулиев")),
    ("Semichastny", "Russian", ("Semichastny", "Semichastnyy", "Semichastnyi", "Семичастный")),
    ("Yuri Andropov", "Russian", ("Yuri Andropov", "Yury Andropov", "Iurii Andropov", "Юрий Андропов")),
    ("Molotov", "Russian, German transliteration", ("Molotov", "Molotow", "Молотов")),
    ("Chuikov", "Russian, French transliteration", ("Chuikov", "Chuykov", "Tchuikov", "Чуйков")),
    ("Khrushchev", "Russian", ("Khrushchev", "Хрущёв", "Хрущев")),
    ("Vasilevsky", "Russian, ISO 9", ("Vasilevsky", "Vasilevskii", "Vasilevskij", "Василевский")),
    ("Georgii Malenkov", "Russian", ("Georgii Malenkov", "Georgy Malenkov", "Georgiy Malenkov", "Георгий Маленков")),
    ("Dmitry Ustinov", "Russian", ("Dmitry Ustinov", "Dmitrii Ustinov", "Dmitriy Ustinov", "Дмитрий Устинов")),
    ("Aleksandr Shelepin", "Russian", ("Aleksandr Shelepin", "Alexandr Shelepin", "Александр Шелепин")),
    ("Sadchikov", "Russian", ("Sadchikov", "Садчиков")),
    ("Pishevari", "Persian", ("Pishevari", "Pishehvari", "PISHEVARI", "Пишевари")),
    ("Javid", "Persian, Russian-mediated and French", ("Javid", "Dzhavid", "Djavid", "Джавид")),
    ("Qavam", "Persian", ("Qavam", "Ghavam", "Kavam", "Кавам")),
    ("Mossadegh", "Persian", ("Mossadegh", "Mosaddeq", "Mossadeq", "Mosadegh")),
    ("Hoveyda", "Persian", ("Hoveyda", "Hoveida", "HOVEYDA")),
    ("Daneshyan", "Persian via Russian", ("Daneshyan", "Daneshian", "Данешьян")),
    ("Teymurtash", "Persian, French", ("Teymurtash", "Teimurtash", "Teymourtash")),
    ("Esmaeil Zanjani", "Persian", ("Esmaeil Zanjani", "Esma'il Zandjani", "Esmail Zanjani")),
    ("Dehqan", "Persian", ("Dehqan", "Dehghan", "DEHQAN")),
    ("Khomeini", "Persian", ("Khomeini", "Khomeyni", "Хомейни")),
    ("Mahmoud Afshar", "Persian, French", ("Mahmoud Afshar", "Mahmud Afshar", "MAHMOUD AFSHAR")),
    ("Nuri al-Said", "Arabic", ("Nuri al-Said", "Nouri as-Said", "Nuri es-Said")),
    ("Faisal", "Arabic", ("Faisal", "Faysal", "FAISAL")),
    ("Abdullah", "Arabic", ("Abdullah", "Abdulla")),
    ("Qasim", "Arabic", ("Qasim", "Kasim", "Qassim")),
    ("Tawfiq", "Arabic", ("Tawfiq", "Tawfik")),
    ("Husaini", "Arabic", ("Husaini", "Hussaini", "Husainy")),
    ("Arbenz", "Spanish", ("Árbenz", "Arbenz", "ARBENZ")),
    ("Castillo Armas", "Spanish", ("Castillo Armas", "Castillo-Armas", "CASTILLO ARMAS")),
    ("Ydigoras", "Spanish", ("Ydígoras", "Ydigoras", "Idígoras", "Idigoras")),
    ("Müller", "German", ("Müller", "Mueller", "Muller")),
    ("Goebbels", "German", ("Goebbels", "Göbbels")),
    ("Weizsäcker", "German", ("Weizsäcker", "Weizsaecker", "Weizsacker")),
    ("Schröder", "German", ("Schröder", "Schroeder", "Schroder")),
    ("Kim Il Sung", "Korean", ("Kim Il Sung", "Kim Il-sung", "Kim Ilsung", "KIM IL SUNG")),
    ("Pak Hon Yong", "Korean, McCune-Reischauer", ("Pak Hon Yong", "Pak Hŏn-yŏng", "Pak Honyong")),
    ("Chiang Kai-shek", "Chinese, Wade-Giles", ("Chiang Kai-shek", "Chiang Kai Shek", "Chiang Kaishek")),
    ("Chou En-lai", "Chinese, Wade-Giles", ("Chou En-lai", "Chou Enlai", "Chou En Lai")),
    ("Mao Tse-tung", "Chinese, Wade-Giles", ("Mao Tse-tung", "Mao Tse Tung", "Mao Tsetung")),
    ("Ngo Dinh Diem", "Vietnamese", ("Ngo Dinh Diem", "Ngô Đình Diệm", "NGO DINH DIEM")),
    ("Ben-Gurion", "Hebrew", ("Ben-Gurion", "Ben Gurion", "Bengurion")),
    # names that sound like others of the collection, and names a looser key joined to English words
    ("Biriya", "Persian", ("Biriya",)),
    ("Lampton Berry", "English", ("Lampton Berry",)),
    ("Dulles", "English", ("Dulles",)),
    ("Peurifoy", "English", ("Peurifoy",)),
    ("fedai", "Persian word", ("fedai",)),
]

# a document of capitalised English words that looser keys took for spellings of names
DECOY = ("Memorandum for the Chief, Psychological Warfare Staff\n\nSUBJECT: Psywar Planning\n\n"
         "1. Delays in the shipment of leaflets continue. Food for the teams is short.\n"
         "2. Proof copies went to the Bureau on Monday. Berries, Beer and Bureaus were not discussed.\n")

# spellings joined only by the persons list: (name, id, listed name, more spellings)
LISTED: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("Mossadegh", "p_mossadegh", "Mossadegh, Mohammad", ("Musaddiq",)),
]

_CITIES = ("Tehran", "Baghdad", "Guatemala City", "Bonn", "Seoul", "Saigon", "Tel Aviv", "Ankara", "Vienna")
_MONTHS = ("January", "March", "April", "June", "August", "October", "November")
_RU_MONTHS = ("января", "марта", "апреля", "июня", "августа", "октября", "ноября")


def all_spellings(name: str) -> tuple[str, ...]:
    """Every spelling of a name in the collection: the key's and the persons list's."""
    listed = tuple(s for n, _, _, more in LISTED if n == name for s in more)
    return next(sp for n, _, sp in SPELLINGS if n == name) + listed


def _english(i: int, spelling: str) -> str:
    city, month, day, year = _CITIES[i % len(_CITIES)], _MONTHS[i % len(_MONTHS)], 3 + i % 25, 1946 + i % 24
    if i % 3 == 0:
        return (f"Telegram From the Embassy in {city} to the Department of State\n\n"
                f"{city}, {month} {day}, {year}.\n\n"
                f"{400 + i}. 1. {spelling} received me this morning at his own request and spoke for an hour "
                f"about the grain deliveries promised last spring.\n"
                f"2. He asked that his views be passed on without delay. Full report follows by pouch.\n\n"
                f"Source: Central Files, {700 + i}.00/{month[:3]}. Secret. Repeated to London.\n")
    if i % 3 == 1:
        return (f"Memorandum for the Record\n\n{city}, {month} {day}, {year}.\n\n"
                f"SUBJECT: Conversation on the frontier incidents\n\n"
                f"1. The undersigned called on {spelling} at the ministry on {month} {day - 1}. "
                f"The conversation concerned the exchange of prisoners and the return of livestock.\n"
                f"2. No commitments were made on either side.\n\nConfidential.\n")
    return (f"Intelligence Report No. {1200 + i}\n\nDate of information: {month} {year}.\n\n"
            f"According to a reliable source, {spelling} left the capital for the northern provinces "
            f"on {month} {day} accompanied by two officers and a driver. His purpose is not known.\n\n"
            f"Evaluation: B-2. Distribution limited.\n")


def _russian(i: int, spelling: str) -> str:
    month, day, year = _RU_MONTHS[i % len(_RU_MONTHS)], 3 + i % 25, 1946 + i % 24
    return (f"Совершенно секретно\nЭкз. № 2\n\nТелеграмма\n\nБаку, {day} {month} {year} г.\n\n"
            f"Сегодня утром {spelling} прибыл в город и провёл совещание с руководителями партии. "
            f"Подробности сообщу дополнительно.\n\nНачальник управления\n")


def write_collection(folder: Path) -> tuple[dict[str, str], Path]:
    """The documents (one per spelling: spelling → file name) and the persons list (CSV)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    spellings = [s for n, _, _ in SPELLINGS for s in all_spellings(n)]
    for i, spelling in enumerate(spellings):
        cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in spelling)
        name = f"n{i:03d}.txt"
        (folder / name).write_text(_russian(i, spelling) if cyrillic else _english(i, spelling), encoding="utf-8")
        files[spelling] = name
    (folder / "decoy.txt").write_text(DECOY, encoding="utf-8")
    persons = folder.parent / "persons.csv"
    rows = ["id,name,variants,description"]
    for name, ident, listed, _ in LISTED:
        rows.append(f'{ident},"{listed}","{"|".join(all_spellings(name))}",listed for the test')
    persons.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return files, persons
