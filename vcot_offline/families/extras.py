"""More exercises for the families, built from small templates.

Each template turns one idea into several tasks that differ in one operation (a running sum or
a running maximum, counting digits or capitals), so that related concepts in one batch are
posed different exercises. Each generated task has its own name, code and statement.
"""

from __future__ import annotations

from . import gen
from .base import Task

Tasks = tuple[Task, ...]


def _running(name: str, what: str, expr: str, neutral_doc: str) -> Task:
    return Task(
        name=name,
        family="lists",
        difficulty="easy",
        kind="function",
        instruction=(
            f"Write a function `{name}` that returns a list whose i-th element is the {what} of the first "
            f"i + 1 elements of a list of integers ({neutral_doc})."
        ),
        code=f"""def {name}(nums: list[int]) -> list[int]:
    out = []
    for x in nums:
        if out:
            out.append({expr})
        else:
            out.append(x)
    return out
""",
        gen=lambda rng: (gen.ints(rng, -9, 9, 0, 6),),
        edge=(([],), ([3, 1, 4],)),
        scenarios=("an empty list", "a single element", "negative numbers"),
    )


def _run_length(name: str, what: str, op: str) -> Task:
    return Task(
        name=name,
        family="lists",
        difficulty="medium",
        kind="function",
        instruction=(
            f"Write a function `{name}` that returns the length of the longest contiguous run of a list of "
            f"integers in which each element is {what} the one before it (0 for an empty list)."
        ),
        code=f"""def {name}(nums: list[int]) -> int:
    best = 0
    run = 0
    for i in range(len(nums)):
        if i > 0 and nums[i] {op} nums[i - 1]:
            run += 1
        else:
            run = 1
        best = max(best, run)
    return best
""",
        gen=lambda rng: (gen.ints(rng, 0, 4, 0, 7),),
        edge=(([],), ([5],), ([3, 3, 2, 2, 2],)),
        scenarios=("an empty list", "one long run", "runs of equal length"),
    )


def _counting(name: str, what: str, test: str, alphabet: str) -> Task:
    return Task(
        name=name,
        family="strings",
        difficulty="easy",
        kind="function",
        instruction=f"Write a function `{name}` that counts the {what} in a string.",
        code=f"""def {name}(text: str) -> int:
    count = 0
    for ch in text:
        if {test}:
            count += 1
    return count
""",
        gen=lambda rng: (gen.text(rng, alphabet, 0, 9),),
        edge=(("",),),
        scenarios=("an empty string", "no matching character", "only matching characters"),
    )


def _digits(name: str, what: str, start: str, update: str) -> Task:
    return Task(
        name=name,
        family="math",
        difficulty="easy",
        kind="function",
        instruction=f"Write a function `{name}` that returns the {what} of the decimal digits of a non-negative integer.",
        code=f"""def {name}(n: int) -> int:
    result = {start}
    for ch in str(n):
        d = int(ch)
        result = {update}
    return result
""",
        gen=lambda rng: (rng.randint(0, 99999),),
        edge=((0,), (907,)),
        scenarios=("zero", "a single digit", "zeros inside the number"),
    )


def _base(name: str, base: int, label: str) -> Task:
    return Task(
        name=name,
        family="conversions",
        difficulty="easy",
        kind="function",
        instruction=f"Write a function `{name}` that returns the {label} (base {base}) digits of a non-negative integer as a string ('0' for zero).",
        code=f"""def {name}(n: int) -> str:
    if n == 0:
        return "0"
    digits = ""
    while n > 0:
        digits = str(n % {base}) + digits
        n //= {base}
    return digits
""",
        gen=lambda rng: (rng.randint(0, 500),),
        edge=((0,), ({base},)),
        scenarios=("zero", "the base itself", "a large number"),
    )


def _bound(name: str, side: str, op: str) -> Task:
    return Task(
        name=name,
        family="searching",
        difficulty="medium",
        kind="function",
        instruction=(
            f"Write a function `{name}` that returns, by binary search in an ascending list of integers, the "
            f"first index whose value is {side} a target (the list length if there is none)."
        ),
        code=f"""def {name}(nums: list[int], target: int) -> int:
    lo = 0
    hi = len(nums)
    while lo < hi:
        mid = (lo + hi) // 2
        if nums[mid] {op} target:
            lo = mid + 1
        else:
            hi = mid
    return lo
""",
        gen=lambda rng: (sorted(gen.ints(rng, 0, 9, 0, 6)), rng.randint(-1, 10)),
        edge=(([], 3), ([1, 2, 2, 3], 2)),
        scenarios=("an empty list", "duplicates of the target", "a target beyond the end"),
    )


def _sort_key(name: str, what: str, key: str) -> Task:
    return Task(
        name=name,
        family="sorting",
        difficulty="easy",
        kind="function",
        instruction=f"Write a function `{name}` that returns the words of a list ordered by {what}, keeping the original order of ties.",
        code=f"""def {name}(words: list[str]) -> list[str]:
    return sorted(words, key=lambda w: {key})
""",
        gen=lambda rng: (gen.words(rng, "abcd", 0, 5),),
        edge=(([],), (["bd", "ca", "ab"],)),
        scenarios=("an empty list", "ties", "already ordered"),
    )


def _window(name: str, what: str, pick: str) -> Task:
    return Task(
        name=name,
        family="windows",
        difficulty="easy",
        kind="function",
        instruction=f"Write a function `{name}` that returns the {what} sum of k consecutive integers of a list, or 0 if the list is shorter than k.",
        code=f"""def {name}(nums: list[int], k: int) -> int:
    if k <= 0 or len(nums) < k:
        return 0
    window = sum(nums[:k])
    result = window
    for i in range(k, len(nums)):
        window += nums[i] - nums[i - k]
        result = {pick}(result, window)
    return result
""",
        gen=lambda rng: (gen.ints(rng, -5, 9, 0, 6), rng.randint(1, 3)),
        edge=(([], 2), ([1, 4, 2, 10], 2)),
        scenarios=("a list shorter than k", "k of one", "negative numbers"),
    )


def _frequency(name: str, what: str, source: str, key: str, gen_fn) -> Task:
    return Task(
        name=name,
        family="dicts",
        difficulty="easy",
        kind="function",
        instruction=f"Write a function `{name}` that maps each {what} to how many times it occurs.",
        code=f"""def {name}({source}) -> dict:
    counts = {{}}
    for item in {source.split(":")[0]}:
        k = {key}
        counts[k] = counts.get(k, 0) + 1
    return counts
""",
        gen=gen_fn,
        scenarios=("empty input", "one repeated value", "all values distinct"),
    )


def _bookings(rng):
    out = []
    for _ in range(rng.randint(1, 4)):
        a = rng.randint(0, 10)
        out.append([a, a + rng.randint(1, 4)])
    return out


CLASS_TASKS: Tasks = (
    Task(
        name="TopK",
        family="heaps",
        difficulty="medium",
        kind="class",
        method="add_all",
        instruction="Write a class `TopK` created with a positive k; its method `add_all(nums)` adds integers and returns the k largest seen so far in descending order, keeping only k of them in a min-heap.",
        code="""import heapq


class TopK:
    def __init__(self, k: int) -> None:
        self.k = k
        self.heap = []

    def add_all(self, nums: list[int]) -> list[int]:
        for x in nums:
            heapq.heappush(self.heap, x)
            if len(self.heap) > self.k:
                heapq.heappop(self.heap)
        return sorted(self.heap, reverse=True)
""",
        gen=lambda rng: ((rng.randint(1, 3),), (gen.ints(rng, -5, 9, 0, 6),)),
        edge=(((2,), ([5, 1, 9, 3],)), ((3,), ([],))),
        scenarios=("fewer numbers than k", "duplicates", "negative numbers"),
    ),
    Task(
        name="WordFilter",
        family="strings",
        difficulty="medium",
        kind="class",
        method="clean",
        instruction="Write a class `WordFilter` created with a list of banned words; its method `clean(text)` replaces every banned word of a space-separated text (compared in lower case) with asterisks of the same length.",
        code="""class WordFilter:
    def __init__(self, banned: list[str]) -> None:
        self.banned = {w.lower() for w in banned}

    def clean(self, text: str) -> str:
        words = []
        for word in text.split(" "):
            if word.lower() in self.banned:
                words.append("*" * len(word))
            else:
                words.append(word)
        return " ".join(words)
""",
        gen=lambda rng: ((gen.words(rng, "ab", 0, 2),), (" ".join(gen.words(rng, "abAB", 0, 4)),)),
        edge=(((["bad"],), ("a Bad day",)), (([],), ("",))),
        scenarios=("no banned words", "upper-case banned word", "an empty text"),
    ),
    Task(
        name="Calendar",
        family="intervals",
        difficulty="hard",
        kind="class",
        method="book_all",
        instruction="Write a class `Calendar` that starts empty; its method `book_all(requests)` tries to book each half-open interval [start, end) in turn and returns, for each, whether it was booked (it is refused when it overlaps an earlier booking).",
        code="""class Calendar:
    def __init__(self) -> None:
        self.booked = []

    def book_all(self, requests: list[list[int]]) -> list[bool]:
        results = []
        for start, end in requests:
            ok = all(end <= s or start >= e for s, e in self.booked)
            if ok:
                self.booked.append((start, end))
            results.append(ok)
        return results
""",
        gen=lambda rng: ((), (_bookings(rng),)),
        edge=(((), ([[1, 3], [2, 4], [3, 5]],)), ((), ([[0, 1]],))),
        scenarios=("touching bookings", "an overlap", "a single request"),
    ),
    Task(
        name="GraphIndex",
        family="graphs",
        difficulty="easy",
        kind="class",
        method="neighbors",
        instruction="Write a class `GraphIndex` created with a list of undirected edges [u, v]; its method `neighbors(node)` returns the sorted neighbours of a node (an empty list for an unknown node).",
        code="""class GraphIndex:
    def __init__(self, edges: list[list[str]]) -> None:
        self.adjacent = {}
        for u, v in edges:
            self.adjacent.setdefault(u, set()).add(v)
            self.adjacent.setdefault(v, set()).add(u)

    def neighbors(self, node: str) -> list[str]:
        return sorted(self.adjacent.get(node, set()))
""",
        gen=lambda rng: (
            ([[rng.choice("abcd"), rng.choice("abcd")] for _ in range(rng.randint(0, 4))],),
            (rng.choice("abcde"),),
        ),
        edge=((([["a", "b"], ["a", "c"]],), ("a",)), (([],), ("a",))),
        scenarios=("an unknown node", "a self loop", "several neighbours"),
    ),
)


EXTRA_TASKS: Tasks = CLASS_TASKS + (
    _running("running_max", "largest", "max(out[-1], x)", "the running maximum"),
    _running("running_min", "smallest", "min(out[-1], x)", "the running minimum"),
    _running("running_product", "product", "out[-1] * x", "a running product"),
    _run_length("longest_equal_run", "equal to", "=="),
    _run_length("longest_decreasing_run", "strictly smaller than", "<"),
    _run_length("longest_non_decreasing_run", "at least", ">="),
    _counting("count_digits", "decimal digit characters", "ch.isdigit()", "ab12 3x9"),
    _counting("count_uppercase", "upper-case letters", "ch.isupper()", "abAB c"),
    _counting("count_spaces", "space characters", 'ch == " "', "ab  c"),
    _digits("digit_product", "product", "1", "result * d"),
    _digits("max_digit", "largest", "0", "max(result, d)"),
    _digits("digit_square_sum", "sum of the squares", "0", "result + d * d"),
    _base("to_octal", 8, "octal"),
    _base("to_ternary", 3, "ternary"),
    _bound("lower_bound", "at least", "<"),
    _bound("upper_bound", "greater than", "<="),
    _sort_key("sort_by_last_letter", "their last letter", "w[-1] if w else ''"),
    _sort_key("sort_by_vowel_count", "how many vowels they contain", "sum(ch in 'aeiou' for ch in w)"),
    _window("min_window_sum", "smallest", "min"),
    _frequency(
        "char_frequencies", "character of a string", "text: str", "item", lambda rng: (gen.word(rng, "abc", 0, 6),)
    ),
    _frequency(
        "length_histogram",
        "word length of a list of words",
        "words: list[str]",
        "len(item)",
        lambda rng: (gen.words(rng, "ab", 0, 5),),
    ),
)
