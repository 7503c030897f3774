"""Registration number formats and display name rules (pure functions, no database)."""

import string

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from auscult.members.display_names import (
    MAX_LENGTH,
    MIN_LENGTH,
    display_name_key,
    is_reserved,
    validate_display_name,
)
from auscult.members.registration_numbers import (
    Profession,
    Regulator,
    check_profession_regulator,
    normalise_registration_number,
)

DIGIT = st.sampled_from(string.digits)
LETTER = st.sampled_from(string.ascii_letters)
SEPARATORS = st.text(alphabet=" -\t", max_size=3)


def digits(n):
    return st.text(alphabet=string.digits, min_size=n, max_size=n)


def with_separators(text):
    """A strategy for ``text`` with runs of spaces, hyphens and tabs inserted anywhere."""
    return st.lists(SEPARATORS, min_size=len(text) + 1, max_size=len(text) + 1).map(
        lambda seps: "".join(sep + ch for sep, ch in zip(seps, text, strict=False)) + seps[-1]
    )


def assert_refused(regulator, raw, code="invalid_format"):
    with pytest.raises(ValidationError) as excinfo:
        normalise_registration_number(regulator, raw)
    assert excinfo.value.code == code
    return excinfo.value.message


# Registration numbers: GMC and GPhC


@pytest.mark.parametrize("regulator", [Regulator.GMC, Regulator.GPHC])
@given(number=digits(7))
def test_seven_digits_are_a_valid_gmc_or_gphc_number(regulator, number):
    assert normalise_registration_number(regulator, number) == number


@pytest.mark.parametrize("regulator", [Regulator.GMC, Regulator.GPHC])
@given(data=st.data(), number=digits(7))
def test_spaces_and_hyphens_anywhere_in_a_gmc_or_gphc_number_are_dropped(regulator, data, number):
    raw = data.draw(with_separators(number))

    assert normalise_registration_number(regulator, raw) == number


@pytest.mark.parametrize("regulator", [Regulator.GMC, Regulator.GPHC])
@given(number=st.text(alphabet=string.digits, max_size=20).filter(lambda s: len(s) != 7))
def test_other_numbers_of_digits_are_refused_for_gmc_and_gphc(regulator, number):
    message = assert_refused(regulator, number)

    assert "7 digits" in message
    assert ("GMC" if regulator == Regulator.GMC else "GPhC") in message


def test_gmc_error_message_names_the_regulator_and_the_format():
    assert assert_refused(Regulator.GMC, "123456") == "A GMC number is 7 digits, e.g. 1234567."


def test_regulator_may_be_given_as_its_stored_value():
    assert normalise_registration_number("gmc", "1234567") == "1234567"


def test_unknown_regulator_is_a_validation_error():
    assert_refused("", "1234567", code="invalid_regulator")


@pytest.mark.parametrize(
    "raw",
    [
        "١٢٣٤٥٦٧",  # Arabic-Indic digits
        "۱۲۳۴۵۶۷",  # Extended Arabic-Indic digits
        "１２３４５６７",  # full-width digits
        "१२३४५६७",  # Devanagari digits
        "123456７",
    ],
)
def test_non_ascii_digits_are_refused_for_gmc(raw):
    assert_refused(Regulator.GMC, raw)


def test_unicode_spaces_and_dashes_are_dropped():
    assert normalise_registration_number(Regulator.GMC, "\u00a0123\u2013456\u20117 ") == "1234567"


# Registration numbers: NMC PIN


def nmc_pins():
    return st.tuples(digits(2), LETTER, digits(4), LETTER).map("".join)


@given(pin=nmc_pins())
def test_nmc_pin_in_any_case_is_valid_and_upper_cased(pin):
    assert normalise_registration_number(Regulator.NMC, pin) == pin.upper()


@given(data=st.data(), pin=nmc_pins())
def test_spaces_and_hyphens_in_an_nmc_pin_are_dropped(data, pin):
    assert normalise_registration_number(Regulator.NMC, data.draw(with_separators(pin))) == pin.upper()


@given(pin=nmc_pins(), position=st.sampled_from([0, 1, 3, 4, 5, 6]), letter=LETTER)
def test_nmc_pin_with_a_letter_in_a_digit_position_is_refused(pin, position, letter):
    message = assert_refused(Regulator.NMC, pin[:position] + letter + pin[position + 1 :])

    assert message == "An NMC PIN is 2 digits, a letter, 4 digits and a letter, e.g. 12A3456B."


@given(pin=nmc_pins(), position=st.sampled_from([2, 7]), digit=DIGIT)
def test_nmc_pin_with_a_digit_in_a_letter_position_is_refused(pin, position, digit):
    assert_refused(Regulator.NMC, pin[:position] + digit + pin[position + 1 :])


@given(pin=nmc_pins(), data=st.data())
def test_nmc_pin_of_the_wrong_length_is_refused(pin, data):
    cut = data.draw(st.integers(min_value=0, max_value=len(pin) - 1))
    extra = data.draw(st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=3))

    assert_refused(Regulator.NMC, pin[:cut] + pin[cut + 1 :])  # one character short
    assert_refused(Regulator.NMC, pin + extra)  # too long


def test_nmc_pin_example_is_valid():
    assert normalise_registration_number(Regulator.NMC, "12a 3456-b") == "12A3456B"


# Registration numbers: HCPC


@pytest.mark.parametrize("number", ["PA12345", "PYL123456", "pa12345", "PA 12345", "OT1234", "CH1234567"])
def test_hcpc_examples_are_valid(number):
    assert normalise_registration_number(Regulator.HCPC, number) == number.upper().replace(" ", "")


@given(
    prefix=st.text(alphabet=string.ascii_letters, min_size=2, max_size=3),
    number=st.text(alphabet=string.digits, min_size=4, max_size=7),
)
def test_hcpc_prefix_of_two_or_three_letters_and_four_to_seven_digits_is_valid(prefix, number):
    assert normalise_registration_number(Regulator.HCPC, prefix + number) == (prefix + number).upper()


@given(
    prefix=st.one_of(
        st.text(alphabet=string.ascii_letters, min_size=1, max_size=1),
        st.text(alphabet=string.ascii_letters, min_size=4, max_size=6),
    ),
    number=st.text(alphabet=string.digits, min_size=4, max_size=7),
)
def test_hcpc_prefix_of_one_or_four_letters_is_refused(prefix, number):
    message = assert_refused(Regulator.HCPC, prefix + number)

    assert "HCPC" in message and "PA12345" in message


@given(
    prefix=st.text(alphabet=string.ascii_letters, min_size=2, max_size=3),
    number=st.one_of(st.just(""), st.text(alphabet=string.digits, min_size=1, max_size=3), digits(8)),
)
def test_hcpc_with_no_or_too_few_or_too_many_digits_is_refused(prefix, number):
    assert_refused(Regulator.HCPC, prefix + number)


# Registration numbers: other regulator, or none


def test_other_regulator_number_is_optional():
    assert normalise_registration_number(Regulator.OTHER, "") == ""
    assert normalise_registration_number(Regulator.OTHER, "  - ") == ""


@given(number=st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=20))
def test_other_regulator_number_is_up_to_20_letters_and_digits(number):
    assert normalise_registration_number(Regulator.OTHER, number) == number.upper()


@pytest.mark.parametrize("number", ["A" * 21, "AB/123", "ß123", "ſ123", "ＡＢ123"])
def test_other_regulator_number_with_other_characters_or_too_long_is_refused(number):
    assert_refused(Regulator.OTHER, number)


@pytest.mark.parametrize("regulator", [Regulator.GMC, Regulator.NMC, Regulator.GPHC, Regulator.HCPC])
@pytest.mark.parametrize("raw", ["", "   ", "-"])
def test_empty_number_is_refused_for_named_regulators(regulator, raw):
    assert_refused(regulator, raw)


@pytest.mark.parametrize("regulator", list(Regulator))
@given(raw=st.text())
def test_arbitrary_text_raises_nothing_but_validation_error(regulator, raw):
    try:
        result = normalise_registration_number(regulator, raw)
    except ValidationError as error:
        assert error.code == "invalid_format"
    else:
        assert result.isascii() and result == result.upper() and " " not in result


# Profession and regulator


@pytest.mark.parametrize(
    ("profession", "regulator", "message"),
    [
        (Profession.GP, Regulator.NMC, "GPs register with the GMC: choose GMC and give your GMC number."),
        (Profession.GP, Regulator.OTHER, "GPs register with the GMC: choose GMC and give your GMC number."),
        (Profession.NURSE, Regulator.HCPC, "Nurses register with the NMC: choose NMC and give your NMC PIN."),
        (
            Profession.PHARMACIST,
            Regulator.GMC,
            "Pharmacists register with the GPhC: choose GPhC and give your GPhC registration number.",
        ),
    ],
)
def test_regulated_profession_with_another_regulator_is_refused(profession, regulator, message):
    with pytest.raises(ValidationError) as excinfo:
        check_profession_regulator(profession, regulator)

    assert excinfo.value.code == "wrong_regulator"
    assert excinfo.value.message == message


@pytest.mark.parametrize(
    ("profession", "regulator"),
    [
        (Profession.GP, Regulator.GMC),
        (Profession.NURSE, Regulator.NMC),
        (Profession.PHARMACIST, Regulator.GPHC),
        ("gp", "gmc"),
        (Profession.PRACTICE_MANAGER, Regulator.OTHER),
        (Profession.OTHER_CLINICIAN, Regulator.HCPC),
        (Profession.OTHER, Regulator.GMC),
    ],
)
def test_matching_or_unrestricted_profession_and_regulator_are_accepted(profession, regulator):
    check_profession_regulator(profession, regulator)


def test_gp_given_as_stored_value_with_another_regulator_is_refused():
    with pytest.raises(ValidationError):
        check_profession_regulator("gp", "nmc")


# Display names: the comparison key


def test_case_punctuation_and_cyrillic_look_alikes_give_one_key():
    names = ["Dr S Khan", "dr s khan", "Dr. S. Khan", "DR S KHAN", "Dr S Кhan", "Dr S Kh4n", "Dr S Khаn"]

    assert len({display_name_key(name) for name in names}) == 1


def test_an_extra_initial_gives_a_different_key():
    assert display_name_key("Dr S J Khan") != display_name_key("Dr S Khan")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Seán", "Sean"),
        ("Søren", "Soren"),
        ("Modern", "Modem"),
        ("Vvilliam", "William"),
        ("Clara", "Dara"),
        ("B0b", "Bob"),
        ("Ｂｏｂ", "Bob"),  # full-width
        ("Ρaul", "Paul"),  # Greek capital rho
    ],
)
def test_look_alike_names_share_a_key(a, b):
    assert display_name_key(a) == display_name_key(b)


@given(text=st.text())
def test_key_of_a_key_is_the_key(text):
    key = display_name_key(text)

    assert display_name_key(key) == key
    assert set(key) <= set(string.ascii_lowercase)


LATIN_NAMES = st.text(alphabet=st.sampled_from(string.ascii_letters + "áéíóúñçøåäöüß "), max_size=MAX_LENGTH)


@given(name=LATIN_NAMES)
def test_key_ignores_case(name):
    assert display_name_key(name.upper()) == display_name_key(name.lower())


# Display names: reserved


@pytest.mark.parametrize(
    "name",
    [
        "Editor",
        "the editor",
        "EDITOR",
        "Ed1tor",
        "Ed Itor",
        "Editor Jane",
        "Moderator Mike",
        "Auscult team",
        "Admin",
        "Deleted Member",
        "A deleted member",
        "Аdmin",  # Cyrillic А
        "Anonymous",
        "Anon-ymous",
    ],
)
def test_reserved_names_are_refused(name):
    assert is_reserved(name)


@pytest.mark.parametrize("name", ["Creditor", "Dr Ada Lovelace", "Dr S Khan", "Adminah Shah", "Sue Port-Smith"])
def test_ordinary_names_are_not_reserved(name):
    assert not is_reserved(name)


def test_extra_names_are_reserved_ignoring_case_and_punctuation():
    assert is_reserved("dr jane smith", extra_names=["Dr Jane Smith"])
    assert is_reserved("Dr. Jane Smith", extra_names=["Dr Jane Smith"])
    assert not is_reserved("dr jane smith")
    assert not is_reserved("Dr Jane Smithson", extra_names=["Dr Jane Smith"])


# Display names: validation


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "too_short"),
        ("Jo", "too_short"),
        ("  Jo \n", "too_short"),
        ("J" * (MAX_LENGTH + 1), "too_long"),
        ("1st Doctor", "must_start_with_letter"),
        ("-Jane", "must_start_with_letter"),
        ("'Jane", "must_start_with_letter"),
        ("Jane 😀", "invalid_characters"),
        ("Дмитрий", "invalid_characters"),
        ("Dr S Кhan", "invalid_characters"),  # one Cyrillic letter
        ("Αlpha", "invalid_characters"),  # Greek capital alpha
        ("Jane\u200dSmith", "invalid_characters"),  # zero-width joiner
        ("Jane\u200bSmith", "invalid_characters"),  # zero-width space
        ("Jane\x00Smith", "invalid_characters"),
        ("Jane_Smith", "invalid_characters"),
        ("Jane@Smith", "invalid_characters"),
        ("Ｊａｎｅ", "invalid_characters"),  # full-width
        ("李小龍 Lee", "invalid_characters"),
        ("Ruﬃan", "invalid_characters"),  # ligature ffi
        ("Dr S Kɦan", "invalid_characters"),  # IPA h with hook, which the key cannot fold
        ("Dr ʙob", "invalid_characters"),  # small capital B
    ],
)
def test_invalid_display_names_are_refused_with_a_code(name, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_display_name(name)

    assert excinfo.value.code == code


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("Seán O’Brien", "Seán O’Brien"),
        ("Dr S J Khan", "Dr S J Khan"),
        ("  Dr   S\tKhan \n", "Dr S Khan"),
        ("Sea\u0301n", "Seán"),  # decomposed accent is composed (NFC)
        ("Søren Nørgaard-Ærø", "Søren Nørgaard-Ærø"),
        ("Nguyễn Thị", "Nguyễn Thị"),
        ("Kwabena Ɔsɛi", "Kwabena Ɔsɛi"),
        ("Dr. Mary-Jane O'Neil", "Dr. Mary-Jane O'Neil"),
        ("Abc", "Abc"),
        ("J" * MAX_LENGTH, "J" * MAX_LENGTH),
    ],
)
def test_valid_display_names_are_cleaned(name, cleaned):
    assert validate_display_name(name) == cleaned


@given(name=st.text())
def test_validate_display_name_returns_a_clean_name_or_raises_validation_error(name):
    try:
        cleaned = validate_display_name(name)
    except ValidationError:
        return
    assert MIN_LENGTH <= len(cleaned) <= MAX_LENGTH
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert cleaned[0].isalpha()


@settings(max_examples=50)
@given(name=st.text(alphabet=string.ascii_letters + " ", min_size=MIN_LENGTH, max_size=MAX_LENGTH))
def test_ascii_letter_names_are_valid_unless_too_short_after_trimming(name):
    assume(len(" ".join(name.split())) >= MIN_LENGTH)

    assert validate_display_name(name) == " ".join(name.split())


LATIN_ISH = st.characters(codec="utf-8", min_codepoint=0x20, max_codepoint=0x24F) | st.sampled_from("ﬀﬁﬂﬃﬄǈŉ’")


@given(name=st.text(alphabet=LATIN_ISH, min_size=MIN_LENGTH, max_size=MAX_LENGTH + 5))
def test_key_of_a_valid_name_is_not_empty_and_at_most_twice_the_longest_name(name):
    try:
        cleaned = validate_display_name(name)
    except ValidationError:
        return
    assert 1 <= len(display_name_key(cleaned)) <= 2 * MAX_LENGTH


def test_key_of_the_longest_expanding_name_fills_twice_the_length():
    assert display_name_key(validate_display_name("ß" * MAX_LENGTH)) == "s" * 2 * MAX_LENGTH


def test_staff_as_a_word_is_allowed_in_a_job_like_name():
    from auscult.members.display_names import is_reserved

    assert not is_reserved("Staff Nurse Jones")
    assert is_reserved("Staff")
