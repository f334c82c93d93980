from apps.network.similarity import is_near_duplicate, normalise, similarity


def test_normalising_ignores_case_punctuation_and_spacing() -> None:
    assert normalise("  Hallo,  ANNA!\nWie geht's? ") == "hallo anna wie geht s"


def test_a_changed_greeting_is_still_a_near_duplicate() -> None:
    template = "ich biete Ihnen eine Kooperation mit großen Synergien für Ihr Business an."
    assert is_near_duplicate(f"Hallo Anna, {template}", f"Hallo Ben, {template}")


def test_different_texts_are_not_near_duplicates() -> None:
    a = "Ich plane einen Teamtag für eine Klinik in Köln und suche eine Outdoor-Trainerin."
    b = "Für eine Mediation in einem Familienunternehmen in Wien suche ich eine Co-Mediatorin."
    assert similarity(a, b) < 0.85
    assert not is_near_duplicate(a, b)
