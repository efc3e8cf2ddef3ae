import pytest

from vcot_assets.core.verifier.claims import canonical, extract_entities
from vcot_assets.core.verifier.sentences import split_sentences

KNOWN = frozenset({"arr", "target", "lo", "hi", "mid", "total", "self.n", "x", "text", "i"})


def kinds(sentence, known=KNOWN):
    return [(e.kind, e.name, e.value) for e in extract_entities(sentence, known)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the offline teacher's conventions
        ("total = 6", [("value", "total", "6")]),
        ("total becomes 6", [("value", "total", "6")]),
        ("arr[2] is 5", [("index", "arr[2]", "5")]),
        ("3 < 5 is true, so we take the if branch", [("comparison", "3 < 5", "True"), ("branch", "", "if")]),
        ("the loop runs 3 times", [("loop", "", "3")]),
        ("the function returns [4, 3, 6]", [("return", "", "[4, 3, 6]")]),
        ("The loop ends after 2 iterations", [("loop", "", "2")]),
        (
            "'a' == 'b' is false, so the elif branch is skipped",
            [("comparison", "'a' == 'b'", "False"), ("branch", "", "skip")],
        ),
        # other phrasings
        ("We store 7 in total.", [("value", "total", "7")]),
        ("assign [1, 2] to x", [("value", "x", "[1, 2]")]),
        ("the value of mid changes to 2", [("value", "mid", "2")]),
        ("self.n is updated to 5", [("value", "self.n", "5")]),
        ("the element at index 2 of arr is 5", [("index", "arr[2]", "5")]),
        ("arr at position 0 holds 1", [("index", "arr[0]", "1")]),
        ("Since lo is less than or equal to hi, we continue", [("comparison", "lo <= hi", "True")]),
        ("The condition lo <= hi does not hold, so the loop ends.", [("comparison", "lo <= hi", "False")]),
        ("The test 5 > 3 evaluates to False.", [("comparison", "5 > 3", "False")]),
        ("control moves to the else block", [("branch", "", "else")]),
        ("The for loop makes 4 iterations in total.", [("loop", "", "4")]),
        ("The loop body executes twice.", [("loop", "", "2")]),
        ("len(arr) = 4", [("index", "len(arr)", "4")]),
        ("[1, 2] is returned", [("return", "", "[1, 2]")]),
        ("f gives back b'ab'", [("return", "", "b'ab'")]),
        ("so total increases to 7", [("value", "total", "7")]),
        ("total becomes 0 + 4 = 4", [("comparison", "total == 0 + 4", "True"), ("index", "0 + 4", "4")]),
        ("i = 0: arr[0] = 4 > 3", [("value", "i", "0"), ("index", "arr[0]", "4"), ("comparison", "4 > 3", "True")]),
        ("The condition `i < len(text)` is True", [("comparison", "i < len(text)", "True")]),
    ],
)
def test_extracts_claims(sentence, expected):
    assert kinds(sentence) == expected


def test_questions_and_prose_are_not_claims():
    assert kinds("We check whether lo <= hi.") == []
    assert kinds("The result is 5.") == []  # `result` is not a variable of this program
    assert kinds("The answer is obvious from the loop.") == []


def test_string_values_are_never_rewritten():
    sentence = "text = 'String matching ** is the value of x'"
    assert canonical(sentence) == sentence
    assert kinds(sentence) == [("value", "text", "'String matching ** is the value of x'")]


def test_a_made_up_variable_in_assignment_form_is_still_a_claim():
    assert kinds("ghost = 3") == [("value", "ghost", "3")]


def test_split_sentences_respects_numbers_brackets_and_quotes():
    text = "First, x = 2.5. Then arr = [1. , 2]. It's 'a. b' ok!\nnew line"
    assert split_sentences(text) == ["First, x = 2.5.", "Then arr = [1. , 2].", "It's 'a. b' ok!", "new line"]
    # an ellipsis inside arithmetic does not end the sentence; one before a new sentence does
    assert split_sentences("It runs 1 + 2 + ... + 10 = 55 times. And so on... Then 3.") == [
        "It runs 1 + 2 + ... + 10 = 55 times.",
        "And so on...",
        "Then 3.",
    ]


def test_teacher_replies_become_entities():
    from vcot_assets.core.synthesis.parsing import ParseError
    from vcot_assets.core.verifier.teacher_claims import TeacherExtractor, parse_claims_reply

    def read(reply: str) -> list[tuple[str, str, str]]:
        return [(e.kind, e.name, e.value) for e in parse_claims_reply(reply)]

    reply = 'Claims:\n```json\n[{"kind": "value", "name": "total", "value": 6}, {"kind": "return", "value": null}]\n```'
    assert read(reply) == [("value", "total", "6"), ("return", "", "None")]
    # a loop or branch decision with no value states nothing (a return of null is a return of None)
    assert read(
        '{"claims": [{"kind": "value", "name": "i", "value": "3"}, {"kind": "loop", "name": "loop", "value": null}]}'
    ) == [("value", "i", "3")]
    assert parse_claims_reply('{"claims": []}') == []
    table = "| kind | name | value |\n|------|------|-------|\n| index | text[4] | 'c' |\n| comparison | text[4] != prev | true |"
    assert read(table) == [("index", "text[4]", "'c'"), ("comparison", "text[4] != prev", "true")]
    bullets = "Three claims:\n\n- **index** — `arr[0]` = `1`\n- **value** — `swapped` = `True`\n\n(No branches.)"
    assert read(bullets) == [("index", "arr[0]", "1"), ("value", "swapped", "True")]
    # a comparison's own `>=` is part of its name, not the separator before the value
    assert read("- comparison: len(s) >= width -> False\n- return: pad -> '..ab'") == [
        ("comparison", "len(s) >= width", "False"),
        ("return", "pad", "'..ab'"),
    ]
    # a small model looping on its last claim until the token limit: the repeats add nothing
    looping = (
        '[{"kind": "value", "name": "best", "value": "4"}, ' + '{"kind": "value", "name": "best", "value": "5"}, ' * 3
    )
    assert [(e.kind, e.name, e.value) for e in parse_claims_reply(looping + '{"kind": "va', truncated=True)] == [
        ("value", "best", "4"),
        ("value", "best", "5"),
    ]
    illustrated = 'Each claim reads:\n```\n{"kind": ..., "name": ..., "value": ...}\n```\n\n' + reply
    assert read(illustrated) == read(reply)  # (the block that holds claims, not the first block)
    # Unreadable is loud: a false claim must not pass as "no claims"; a row of the wrong width or
    # a bullet of no known kind is not skipped.
    unreadable = ("no json here", '[{"kind": "bogus"}]', '{"note": "nothing"}', table + "\n| value | count |")
    for text in unreadable + (bullets + "\n- **guess** — `x` = `2`",):
        with pytest.raises(ParseError):
            parse_claims_reply(text)
    extract = TeacherExtractor({"total = 6.": reply})
    assert len(extract("total = 6.")) == 2
    with pytest.raises(ParseError):
        extract("a sentence whose call failed")


def test_a_value_the_sentence_never_writes_is_an_invented_claim():
    from vcot_assets.core.synthesis.reading import read_teacher_text
    from vcot_assets.core.verifier.teacher_claims import TeacherExtractor

    # (r33-extract_entities-02 and r112-extract_entities-06: `s = 'queue'`, a return of [2, 5, 7], from elsewhere)
    sentence = "At the start count = 0, and since ch = 'q' is not a vowel, ch in 'aeiou' is false, so count stays zero."
    reply = (
        '{"claims": [{"kind": "value", "name": "count", "value": 0}, {"kind": "value", "name": "ch", "value": "\'q\'"},'
        ' {"kind": "comparison", "name": "ch in \'aeiou\'", "value": false},'
        ' {"kind": "value", "name": "s", "value": "\'queue\'"}, {"kind": "return", "name": "result", "value": "[2, 5]"}]}'
    )
    reading = read_teacher_text("extract_entities", reply, sentence=sentence)
    assert [(e.kind, e.name, e.value) for e in reading.value] == [
        ("value", "count", "0"),
        ("value", "ch", "'q'"),
        ("comparison", "ch in 'aeiou'", "False"),
    ]
    assert reading.item_rejections == ["invented: s 'queue'", "invented: result [2, 5]"]
    # names and tests may be the reader's own words for what the sentence says (`ch` for "the character")
    told = "The character ')' lowers depth to 2, and x is negative."
    named = (
        '[{"kind": "value", "name": "ch", "value": "\')\'"}, {"kind": "comparison", "name": "x < 0", "value": true}]'
    )
    assert len(read_teacher_text("extract_entities", named, sentence=told).value) == 2
    # the verifier's extractor leaves them out too, and keeps them for the asset to count
    extract = TeacherExtractor({sentence: reply})
    assert len(extract(sentence)) == 3
    assert [entity.name for _, entity in extract.invented] == ["s", "result"]
