from vcot_assets.core.verifier.number_words import numbers_in_digits


def test_number_words_are_written_in_digits():
    assert numbers_in_digits("seven words, minus two, twenty-one and Forty five") == "7 words, -2, 21 and 45"
    # (words that only hold a number word are left alone)
    assert numbers_in_digits("someone tended the stone, often") == "someone tended the stone, often"
