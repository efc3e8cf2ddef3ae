"""Splitting a rationale into the sentences the verifier reads one at a time."""

from vcot_assets.core.verifier.sentences import split_sentences


def test_a_sentence_ends_at_a_stop_but_not_inside_numbers_brackets_or_quotes():
    assert split_sentences("x is 2.5 (a.b). Then 'end. here' holds.\nNext") == [
        "x is 2.5 (a.b).",
        "Then 'end. here' holds.",
        "Next",
    ]


def test_an_abbreviation_does_not_end_a_sentence():
    # `i.e. 6 flips` belongs to the run of values before it
    assert split_sentences("j goes 3, 6, 18, i.e. 3 flips. Then, e.g. x, ends.") == [
        "j goes 3, 6, 18, i.e. 3 flips.",
        "Then, e.g. x, ends.",
    ]
