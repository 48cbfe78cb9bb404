"""The language of a text by script, letters and function words: short captions, long reports, mixed text."""

from __future__ import annotations

import pytest

from components.nlp.language import Language, detect, main_script

UK_LONG = (
    "У ніч на середу російські війська атакували Запоріжжя ударними дронами. Унаслідок атаки "
    "пошкоджено приватні будинки та лінію електропередачі, повідомив голова обласної адміністрації. "
    "Інформація про постраждалих уточнюється."
)
RU_LONG = (
    "Вечером в понедельник беспилотник атаковал нефтебазу в Белгородской области. По словам губернатора, "
    "возник пожар, который удалось потушить через два часа. Пострадавших нет, сообщили в оперативном штабе."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Ukrainian
        ("Вибухів не чути.", "uk"),
        ("Наслідки обстрілу Херсона, 3 листопада", "uk"),  # a caption: і decides
        ("Ворог ударив по Нікополю з артилерії.", "uk"),
        ("Після обстрілу біля школи виникла пожежа, яку загасили рятувальники.", "uk"),
        ("Росіяни скинули КАБ на Куп'янськ, є поранені.", "uk"),
        (UK_LONG, "uk"),
        ("Ракета влучила в житловий будинок, що стоїть біля залізниці", "uk"),
        # Russian
        ("Данные о пострадавших уточняются.", "ru"),
        ("Последствия удара по Харькову", "ru"),  # a caption: the ending -ия decides
        ("Сбиты два беспилотника над Курском.", "ru"),
        ("Обстрел Горловки: погиб один человек, ещё трое ранены", "ru"),
        ("ВСУ отошли от Авдеевки, сообщили в штабе, который координирует оборону.", "ru"),
        (RU_LONG, "ru"),
        # English
        ("Russian artillery shelled Nikopol on Tuesday, damaging homes.", "en"),
        ("Explosions reported in Melitopol", "en"),
        ("The aftermath of a strike on Kharkiv, 3 November", "en"),
        (
            "A drone hit an oil depot near Belgorod, the governor said, and firefighters were sent to it.",
            "en",
        ),
        # other Latin-script languages
        ("Russische Truppen haben die Stadt in der Nacht beschossen, wie die Behörden mitteilten.", "de"),
        ("Die Lage in Charkiw ist nach dem Angriff weiter angespannt.", "de"),
        ("Les forces russes ont bombardé la ville pendant la nuit, selon les autorités locales.", "fr"),
        ("Une frappe de drone a touché un dépôt près de Kharkiv.", "fr"),
        ("Las tropas rusas bombardearon la ciudad durante la noche, según las autoridades.", "es"),
        ("Un dron impactó en un depósito de combustible cerca de Járkov.", "es"),
        ("Rosyjskie wojska ostrzelały miasto w nocy, poinformowały władze.", "pl"),
        ("Dron uderzył w magazyn paliwa pod Charkowem, nie ma rannych.", "pl"),
        (
            "Le truppe russe hanno bombardato la città durante la notte, secondo le autorità della regione.",
            "it",
        ),
        ("As tropas russas bombardearam a cidade durante a noite, segundo as autoridades.", "pt"),
        ("Russische troepen hebben de stad in de nacht beschoten, meldden de autoriteiten.", "nl"),
        # mixed text goes by its main language
        (UK_LONG + " Губернатор заявил: «Данные о пострадавших уточняются».", "uk"),
        (RU_LONG + " «Вибухів не чути», — написав мер.", "ru"),
        (
            "Officials in Kharkiv said the strike hit a school. The sign on the gate read «Школа №3».",
            "en",
        ),
        (UK_LONG + " The governor said the situation was under control.", "uk"),
        # nothing decides
        ("Херсон", "und"),
        ("Kherson", "und"),
        ("12:40 — 14:05", "und"),
        ("", "und"),
        # scripts that name their language
        ("Οι ρωσικές δυνάμεις βομβάρδισαν την πόλη.", "el"),
    ],
)
def test_detect(text: str, code: str) -> None:
    assert detect(text).code == code


def test_the_record_carries_its_evidence() -> None:
    found = detect("Їхні позиції обстріляли.")
    assert isinstance(found, Language) and found.script == "Cyrillic"
    assert any("ї" in item for item in found.evidence)
    assert any("the" in item for item in detect("The strike on the port of Odesa").evidence)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Вибухів не чути.", "uk"),  # і is Belarusian too: the dictionary knows "вибухів" as Ukrainian only
        ("Разбитая улица в Бахмуте", "ru"),  # no letter of its own, no function word: the dictionary decides
        ("Разрушенная больница в Мариуполе", "ru"),
        ("Удар по Харкову", "uk"),
    ],
)
def test_a_short_cyrillic_report_is_told_by_the_dictionaries(text: str, code: str) -> None:
    found = detect(text)
    assert found.code == code
    assert any(code in item and "dictionary" in item for item in found.evidence)


def test_belarusian_is_told_apart() -> None:
    found = detect("Уначы расійскія войскі абстралялі Харкаў, паведаміў губернатар. Пацярпелі тры чалавекі.")
    assert found.code == "be" and any("ў" in item for item in found.evidence)


def test_undetermined_says_why() -> None:
    assert "no letter or word decides" in detect("Херсон").evidence


def test_main_script_share() -> None:
    assert main_script("abcж") == ("Latin", 0.75)
    assert main_script("") == ("None", 0.0)


def test_detect_is_frozen_and_deterministic() -> None:
    first, second = detect(UK_LONG), detect(UK_LONG)
    assert first == second
    with pytest.raises(AttributeError):
        first.code = "ru"  # type: ignore[misc]


@pytest.mark.parametrize(
    "headline",
    [
        "Two shot dead as police storm a protest camp",
        "Rebels pay as missiles kill 23 soldiers",
        "Government expands 'anti-terrorism' op against pro-Russian groups",
        "IL-76 Downing",
    ],
)
def test_one_word_another_language_also_writes_does_not_make_an_english_headline_foreign(
    headline: str,
) -> None:
    """One word another language also writes does not make a headline foreign: a wrong skip loses a report
    (undetermined Latin text is read as English)."""
    assert detect(headline).code in ("en", "und")
