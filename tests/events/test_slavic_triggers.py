"""Ukrainian and Russian trigger words by lemma, and the rules that set a trigger word aside."""

from __future__ import annotations

import time

import pytest

from components.events.slavic_triggers import scan
from components.records import BATTLES, EXPLOSIONS, PROTESTS, STRATEGIC, VIOLENCE_CIVILIANS

# (language, sentence, event type, kind, the trigger word)
EVENTS = [
    ("uk", "Уранці окупанти обстріляли Бериславщину з мінометів.", EXPLOSIONS, "event", "обстріляли"),
    ("uk", "Над Черкасами пролунали потужні вибухи.", EXPLOSIONS, "event", "вибухи"),
    ("uk", "Ворог скинув дві керовані авіабомби на околиці села.", EXPLOSIONS, "event", "скинув"),
    ("uk", "Противник завдав авіаударів по двох селищах.", EXPLOSIONS, "event", "авіаударів"),
    ("uk", "Вночі Росія випустила по області дев'ять шахедів.", EXPLOSIONS, "event", "шахедів"),
    ("uk", "Сили оборони відбили шість штурмів біля селища.", BATTLES, "event", "відбили"),
    ("uk", "Українські бійці звільнили ще одне село на півдні.", BATTLES, "event", "звільнили"),
    ("uk", "Піхота противника атакувала позиції бригади за підтримки танків.", BATTLES, "event", "атакувала"),
    ("uk", "На лівому березі тривають запеклі бої.", BATTLES, "event", "бої"),
    ("uk", "Окупанти намагалися прорватися до траси, але зазнали невдачі.", BATTLES, "event", "прорватися"),
    ("uk", "У середмісті відбувся мітинг на підтримку полонених.", PROTESTS, "event", "мітинг"),
    ("uk", "Учора відбувся обмін полоненими між сторонами.", STRATEGIC, "event", "обмін полоненими"),
    ("uk", "Під Бахмутом окупанти розстріляли двох полонених.", VIOLENCE_CIVILIANS, "event", "розстріляли"),
    ("uk", "У селі загинула 60-річна жінка.", VIOLENCE_CIVILIANS, "casualty", "загинула"),
    ("uk", "Двоє військовослужбовців дістали поранення, один загинув.", "Battles", "casualty", "загинув"),
    ("uk", "На Салтівці пошкоджено дах багатоповерхівки.", EXPLOSIONS, "aftermath", "пошкоджено"),
    ("uk", "Уламки ракети на подвір'ї приватного будинку в Броварах", EXPLOSIONS, "aftermath", "Уламки"),
    ("uk", "Розбита школа в Куп'янську після влучання КАБу", EXPLOSIONS, "aftermath", "влучання"),
    ("uk", "ППО збила над Києвом вісім ракет.", EXPLOSIONS, "event", "збила"),
    ("ru", "Вечером российские войска обстреляли Херсон из РСЗО.", EXPLOSIONS, "event", "обстреляли"),
    ("ru", "В Энергодаре прогремели два взрыва.", EXPLOSIONS, "event", "взрыва"),
    ("ru", "ВСУ атаковали Белгород беспилотниками.", EXPLOSIONS, "event", "атаковали"),
    ("ru", "Днём был зафиксирован прилёт по подстанции.", EXPLOSIONS, "event", "прилёт"),
    ("ru", "Российские подразделения отразили атаку пехоты на южном участке.", BATTLES, "event", "отразили"),
    ("ru", "Штурмовые отряды продвинулись на два километра.", BATTLES, "event", "Штурмовые"),
    ("ru", "У посёлка продолжаются ожесточённые бои.", BATTLES, "event", "бои"),
    ("ru", "На площади прошла акция протеста против закрытия больницы.", PROTESTS, "event", "протеста"),
    ("ru", "Из прифронтовых сёл продолжается эвакуация детей.", STRATEGIC, "event", "эвакуация"),
    ("ru", "При обстреле погибли двое жителей, ещё пятеро ранены.", EXPLOSIONS, "event", "обстреле"),
    ("ru", "Погиб мирный житель, ещё двое пострадали.", VIOLENCE_CIVILIANS, "casualty", "Погиб"),
    ("ru", "В частном секторе повреждены три дома.", EXPLOSIONS, "aftermath", "повреждены"),
    ("ru", "Сгоревший склад на окраине Макеевки", EXPLOSIONS, "aftermath", "Сгоревший"),
    ("ru", "Разрушенная школа в Волновахе после обстрела", EXPLOSIONS, "aftermath", "обстрела"),
    # A verbless caption: what it shows, then after "після"/"после" the strike that is the event.
    ("uk", "Липці на Харківщині після удару ракетою", EXPLOSIONS, "aftermath", "удару"),
    ("uk", "Дим над морським портом після обстрілу, 5 травня", EXPLOSIONS, "aftermath", "обстрілу"),
    ("ru", "Очередь за хлебом в Николаеве после обстрела", EXPLOSIONS, "aftermath", "обстрела"),
    # Armed forces leaving or entering a named settlement: a battle there.
    ("uk", "Українські війська вийшли з Вугледара.", BATTLES, "event", "вийшли з"),
    ("uk", "Ввечері штурмовики ворога зайшли в Очеретине.", BATTLES, "event", "зайшли в"),
    ("uk", "Бригада відійшла із Марїнки на підготовлені рубежі.", BATTLES, "event", "відійшла із"),
    ("uk", "Окупанти залишили Херсон і правобережжя.", BATTLES, "event", "залишили"),
    ("ru", "Российские подразделения вошли в Угледар.", BATTLES, "event", "вошли в"),
    ("ru", "ВСУ отошли из Работино.", BATTLES, "event", "отошли из"),
    # A caption's clause ends at ";": what comes after it does not make the line a sentence with a verb.
    ("ru", "Пожар в Шебекино после сброса КАБ; о пострадавших не сообщается", EXPLOSIONS, "aftermath", "КАБ"),
    # Air defence at work, an interception, a place under fire, a repelled landing.
    ("ru", "Работа ПВО над Белгородом ночью", EXPLOSIONS, "event", "Работа ПВО"),
    ("uk", "Над Одесою перехопили три ударні дрони.", EXPLOSIONS, "event", "перехопили"),
    ("uk", "Під вогнем опинилися Нікополь і Марганець.", EXPLOSIONS, "event", "Під вогнем"),
    ("ru", "Противник отброшен от окраин села.", BATTLES, "event", "отброшен"),
    # One quoted word is a scare quote, not speech.
    ("ru", "Армия РФ заявила, что «освободила» ещё одно село.", BATTLES, "event", "освободила"),
    # A weapon whose action stands six words before it.
    ("ru", "Ночью оккупанты выпустили по городу не менее 10 ракет.", EXPLOSIONS, "event", "ракет"),
    # Control claimed or taken, a withdrawal told as a noun, a regrouping away from a named town.
    (
        "ru",
        "Штаб объявил об установлении контроля над посёлком Торское.",
        BATTLES,
        "event",
        "установлении контроля над",
    ),
    ("ru", "Армия заявила о полном контроле над Угледаром.", BATTLES, "event", "полном контроле над"),
    ("uk", "Окупанти взяли під контроль Невське.", BATTLES, "event", "взяли під контроль"),
    ("uk", "Бригада завершила вихід з Вугледара вночі.", BATTLES, "event", "вихід з"),
    (
        "ru",
        "Командование сообщило о перегруппировке войск из района Купянска.",
        BATTLES,
        "event",
        "перегруппировке войск из",
    ),
    # Guided bombs that fell; rocket artillery that "beat" a town.
    ("uk", "Дві авіабомби впали на околиці Запоріжжя.", EXPLOSIONS, "event", "авіабомби"),
    ("uk", "Окупанти били з РСЗВ по Нікополю.", EXPLOSIONS, "event", "РСЗВ"),
]

# (language, sentence, the start of the reason)
NONEVENTS = [
    ("uk", "Окупанти можуть вдарити по енергетиці вже цієї зими.", "hypothetical or forecast (можуть)"),
    ("uk", "Росіяни готуються до нового наступу на півночі.", "hypothetical or forecast"),
    ("uk", "Якщо ППО не впорається, удар по місту буде руйнівним.", "hypothetical or forecast (якщо)"),
    ("uk", "Ймовірно, противник накопичує ракети для масованої атаки.", "hypothetical or forecast"),
    ("uk", "Окупанти обстрілюватимуть прикордоння й надалі.", "future or negated"),
    ("uk", "Ніч у громаді минула без обстрілів.", "future or negated"),
    ("uk", "Вибухів у районі порту не чути вже третю добу.", "future or negated"),
    ("uk", "Протягом дня обстрілів громади не зафіксовано.", "future or negated"),
    ("uk", "Міноборони РФ спростувало інформацію, що їхні війська обстріляли школу.", "denied"),
    ("uk", "Загиблих під час удару по ТЦ вшанували хвилиною мовчання.", "back-reference"),
    ("uk", "У відповідь на атаку дронів Москва погрожує Києву.", "back-reference: у відповідь на"),
    ("uk", "Дві роки тому окупанти захопили місто.", "back-reference"),
    ("uk", "Суд заочно засудив командира за обстріл лікарні.", "back-reference"),
    ("uk", "У Сумах оголосили повітряну тривогу.", "air-raid alert"),
    ("uk", "У Полтаві повітряна тривога через загрозу атаки ударних дронів.", "hypothetical or forecast"),
    ("uk", "«Ми будемо штурмувати це місто», — заявив командир.", "only quoted trigger words"),
    ("uk", "Кількість загиблих після атаки на Одесу зросла до дев'яти.", "back-reference"),
    ("uk", "Ще одна з поранених померла в лікарні.", "back-reference"),
    ("uk", "Росія отримала нову партію ракет від союзників.", "weapon without an action"),
    ("ru", "Противник может возобновить наступление весной.", "hypothetical or forecast (может)"),
    ("ru", "Эксперты ожидают, что армия попытается штурмовать город.", "hypothetical or forecast"),
    ("ru", "Обстрелов за минувшие сутки не зафиксировано.", "future or negated"),
    ("ru", "Взрывов в городе больше не слышно.", "future or negated"),
    ("ru", "В Минобороны опровергли сообщения, что ВСУ прорвали фронт.", "denied"),
    ("ru", "В ответ на удар по Севастополю Москва вызвала посла.", "back-reference: в ответ на"),
    ("ru", "Годовщина освобождения города прошла без торжеств.", "back-reference"),
    ("ru", "В Брянске объявлена воздушная тревога.", "air-raid alert"),
    ("ru", "Данные о пострадавших уточняются.", "casualties being counted"),
    ("ru", "Жителей призывают уехать до наступления морозов.", "no trigger word"),
    ("ru", "Число погибших в результате атаки возросло до пяти.", "back-reference"),
    # A line with a finite verb keeps "після" a back-reference; so does a time span before it.
    ("uk", "У Сумах після обстрілу відновили водопостачання.", "back-reference"),
    ("uk", "Бородянка через два роки після бомбардування", "back-reference"),
    ("ru", "В Изюме после обстрела открылась школа.", "back-reference"),
    # Leaving or entering without armed forces, or towards no named place.
    ("uk", "Мешканці вийшли з Куп'янська пішки.", "movement of no armed force"),
    ("uk", "Противник залишив окопи.", "movement to or from no named place"),
    ("ru", "Беженцы вышли из Мариуполя колонной.", "movement of no armed force"),
    # Places and buildings that suffered: damage, not casualties.
    ("uk", "Найбільше постраждали села вздовж річки.", "damage, not casualties"),
    ("ru", "Сильнее всего пострадали дома в частном секторе.", "damage, not casualties"),
    # Only considering, or a count over a whole year.
    ("uk", "Влада громади обговорює можливість евакуації дітей.", "hypothetical or forecast"),
    ("ru", "Власти рассматривают возможность эвакуации из прифронтовых сёл.", "hypothetical or forecast"),
    ("uk", "За 2022 рік унаслідок обстрілів у громаді загинули 40 людей.", "tally over a year"),
    ("uk", "Протягом 2023 року ворог обстріляв місто понад тисячу разів.", "tally over a year"),
    ("ru", "За 2024 год в результате ударов погибли 120 жителей области.", "tally over a year"),
    # A condition ("в случае", "у разі"), a claim said to be untrue, an offensive not conducted.
    ("ru", "В случае наступления противника жителей сёл вывезут.", "hypothetical or forecast (в случае)"),
    ("uk", "У разі прориву фронту місто евакуюють.", "hypothetical or forecast (у разі)"),
    ("ru", "Сообщения о взятии Угледара не соответствуют действительности.", "denied"),
    ("uk", "Чутки про захоплення Торецька не відповідають дійсності.", "denied"),
    ("uk", "За добу ворог наступальних дій не вів.", "future or negated"),
    # Bodies handed over: deaths of before. A visit is no event.
    ("uk", "Родинам передали тіла 40 загиблих воїнів.", "back-reference: bodies handed over"),
    ("ru", "Премьер посетил прифронтовой госпиталь.", "no trigger word"),
    # An assault adjective naming a kind of unit is no assault.
    ("uk", "Міністр нагородив бійців штурмових бригад.", "no trigger word"),
]


@pytest.mark.parametrize(("lang", "sentence", "etype", "kind", "word"), EVENTS)
def test_event_sentences(lang: str, sentence: str, etype: str, kind: str, word: str) -> None:
    trigger, why = scan(sentence, lang)
    assert trigger is not None, why
    assert (trigger.event_type, trigger.kind, trigger.word) == (etype, kind, word)
    assert sentence[trigger.start : trigger.end] == word


@pytest.mark.parametrize(("lang", "sentence", "reason"), NONEVENTS)
def test_nonevent_sentences(lang: str, sentence: str, reason: str) -> None:
    trigger, why = scan(sentence, lang)
    assert trigger is None, trigger
    assert why.startswith(reason)


def test_no_trigger_word() -> None:
    assert scan("Енергетики полагодили лінію до обіду.", "uk") == (None, "no trigger word")


def test_speed_after_warm_up() -> None:
    sentences = [s for _, s, *_ in EVENTS + NONEVENTS]
    langs = [lang for lang, *_ in EVENTS + NONEVENTS]
    for s, lang in zip(sentences, langs, strict=True):
        scan(s, lang)
    start = time.perf_counter()
    for _ in range(3):
        for s, lang in zip(sentences, langs, strict=True):
            scan(s, lang)
    per_sentence = (time.perf_counter() - start) / (3 * len(sentences))
    assert per_sentence < 0.002  # measured about 0.15 ms; generous for a shared CPU
