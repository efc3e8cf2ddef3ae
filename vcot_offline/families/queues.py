"""Queues: first in, first out, with collections.deque."""

from __future__ import annotations

from . import gen
from .base import Task, family

FAMILY = family(
    "queues",
    "processing items first in, first out with a queue",
    "queue queues deque fifo first in out enqueue dequeue buffer rotate round robin window ping",
    Task(
        name="RotatingQueue",
        family="queues",
        difficulty="easy",
        kind="class",
        method="rotate",
        instruction="Write a class `RotatingQueue` created with a list of integers; its method `rotate(k)` moves the front item to the back k times and returns the items in queue order.",
        code="""from collections import deque


class RotatingQueue:
    def __init__(self, items: list[int]) -> None:
        self.items = deque(items)

    def rotate(self, k: int) -> list[int]:
        for _ in range(k):
            if self.items:
                self.items.append(self.items.popleft())
        return list(self.items)
""",
        gen=lambda rng: ((gen.ints(rng, 0, 9, 0, 4),), (rng.randint(0, 5),)),
        edge=((([],), (3,)), (([1, 2, 3],), (1,))),
        scenarios=("an empty queue", "k of zero", "k larger than the queue"),
    ),
    Task(
        name="hot_potato",
        family="queues",
        difficulty="medium",
        kind="function",
        instruction="Write a function `hot_potato` that seats the given names in a circle, repeatedly passes a potato k times and removes whoever holds it, and returns the last name left (the empty string for no names).",
        code="""from collections import deque


def hot_potato(names: list[str], k: int) -> str:
    circle = deque(names)
    while len(circle) > 1:
        for _ in range(k):
            circle.append(circle.popleft())
        circle.popleft()
    return circle[0] if circle else ""
""",
        gen=lambda rng: (["ann", "bob", "cy", "dee", "eve"][: rng.randint(0, 5)], rng.randint(0, 4)),
        edge=(([], 2), (["ann"], 3)),
        scenarios=("no names", "one name", "k of zero"),
    ),
    Task(
        name="RecentCounter",
        family="queues",
        difficulty="hard",
        kind="class",
        method="ping_all",
        instruction="Write a class `RecentCounter` created with a window length w; its method `ping_all(times)` records each increasing timestamp t in turn and returns, for each, how many recorded pings fall in [t - w, t].",
        code="""from collections import deque


class RecentCounter:
    def __init__(self, window: int) -> None:
        self.window = window
        self.pings = deque()

    def ping_all(self, times: list[int]) -> list[int]:
        counts = []
        for t in times:
            self.pings.append(t)
            while self.pings[0] < t - self.window:
                self.pings.popleft()
            counts.append(len(self.pings))
        return counts
""",
        gen=lambda rng: ((rng.randint(0, 5),), (sorted(set(gen.ints(rng, 0, 15, 0, 5))),)),
        edge=(((3,), ([1, 2, 5, 9],)), ((0,), ([],))),
        scenarios=("no pings", "a window of zero", "pings far apart"),
    ),
)
