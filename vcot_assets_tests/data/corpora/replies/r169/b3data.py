I1 = "Write a function that run-length encodes a string, returning a list of (character, count) tuples for each run of equal adjacent characters."
I2 = "Create a class TaskQueue whose constructor takes no arguments; push(name: str, priority: int) adds a task and pop() returns the name with the smallest priority, ties broken by insertion order, or None if empty."
I3 = "Given a string, return the character that occurs most often; break ties by choosing the character that appears first in the string. Return None for an empty string."
I4 = "Write a function that takes two integers num and den (den != 0) and returns a tuple (n, d) with the fraction in lowest terms and the sign carried by n."
I5 = "Implement a class Tally with add(item: str) that records one occurrence and returns the item's new count."
I6 = "Write a function that merges several sorted lists of integers into one sorted list without calling sort."
S1 = "Function: run_length_encode(s: str) -> list[tuple[str, int]]"
S2 = "Class: TaskQueue; __init__(self) -> None; pop(self) -> str | None; push(self, name: str, priority: int) -> None"
S3 = "Function: most_common_char(s: str) -> str | None"
S4 = "Function: reduce_fraction(num: int, den: int) -> tuple[int, int]"
S5 = "Class: Tally; __init__(self) -> None; add(self, item: str) -> int"
S6 = "Function: merge_sorted(lists: list[list[int]]) -> list[int]"

C1 = '''def run_length_encode(s: str) -> list[tuple[str, int]]:
    result: list[tuple[str, int]] = []
    for ch in s:
        if result and result[-1][0] == ch:
            result[-1] = (ch, result[-1][1] + 1)
        else:
            result.append((ch, 1))
    return result'''
C2 = '''import heapq
import itertools


class TaskQueue:
    def __init__(self) -> None:
        self._heap: list[tuple[int, int, str]] = []
        self._counter = itertools.count()

    def pop(self) -> str | None:
        if not self._heap:
            return None
        return heapq.heappop(self._heap)[2]

    def push(self, name: str, priority: int) -> None:
        heapq.heappush(self._heap, (priority, next(self._counter), name))'''
C3 = '''def most_common_char(s: str) -> str | None:
    if not s:
        return None
    counts = {}
    for ch in s:
        counts[ch] = counts.get(ch, 0) + 1
    best = s[0]
    for ch in s:
        if counts[ch] > counts[best]:
            best = ch
    return best'''
C4 = '''from math import gcd


def reduce_fraction(num: int, den: int) -> tuple[int, int]:
    g = gcd(num, den)
    n, d = num // g, den // g
    if d < 0:
        n, d = -n, -d
    return (n, d)'''
C5 = '''class Tally:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def add(self, item: str) -> int:
        self.counts[item] = self.counts.get(item, 0) + 1
        return self.counts[item]'''
SC1 = ["A string with several runs such as 'aaabcc'.", "An empty string returns an empty list.", "A single character returns one tuple with count 1.", "A string with no repeated neighbours gives all counts of 1.", "Runs of the same character separated by others are kept as separate runs."]
SC2 = ["Pop from an empty queue returns None.", "Push one task and pop it back.", "Tasks with different priorities pop in ascending priority order.", "Tasks with equal priority pop in insertion order.", "Negative priorities come before zero."]
SC3 = ["Empty string returns None.", "Single character string returns that character.", "Clear winner among several characters.", "Tie between two characters returns the one that appears first.", "Uppercase and lowercase letters are counted separately."]
SC4 = ["Already reduced fraction is unchanged.", "Both values share a common factor.", "Negative denominator moves the sign to the numerator.", "Both negative gives a positive result.", "Zero numerator reduces to (0, 1)."]
SC5 = ["Adding a new item returns 1.", "Adding the same item twice returns 2.", "Different items are counted independently.", "The empty string is a valid item."]
SC6 = ["Merging two interleaved lists.", "An empty outer list returns an empty list.", "Some inner lists are empty.", "Duplicates across lists are all kept."]
