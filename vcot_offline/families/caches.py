"""Caching: memoized recursion, key-value stores, least-recently-used eviction."""

from __future__ import annotations

from .base import Task, family


def _kv_ops(rng):
    ops = []
    for _ in range(rng.randint(1, 5)):
        key = rng.choice("abc")
        r = rng.random()
        ops.append(f"set {key} {rng.randint(0, 9)}" if r < 0.4 else (f"get {key}" if r < 0.8 else f"delete {key}"))
    return ops


def _lru_ops(rng):
    ops = []
    for _ in range(rng.randint(1, 6)):
        key = rng.randint(1, 4)
        ops.append(f"put {key} {rng.randint(0, 9)}" if rng.random() < 0.5 else f"get {key}")
    return ops


FAMILY = family(
    "caches",
    "remembering results in a cache keyed by their inputs",
    "cache caching memo memoize memoization lru least recently used evict eviction store key value lookup",
    Task(
        name="memo_fib",
        family="caches",
        difficulty="easy",
        kind="function",
        instruction="Write a function `memo_fib` that returns the n-th Fibonacci number (memo_fib(0) is 0, memo_fib(1) is 1) using a dictionary of already computed values.",
        code="""def memo_fib(n: int) -> int:
    memo = {0: 0, 1: 1}
    for i in range(2, n + 1):
        memo[i] = memo[i - 1] + memo[i - 2]
    return memo[n]
""",
        gen=lambda rng: (rng.randint(0, 30),),
        edge=((0,), (1,), (10,)),
        scenarios=("zero", "one", "a larger index"),
    ),
    Task(
        name="KeyValueStore",
        family="caches",
        difficulty="medium",
        kind="class",
        method="run",
        instruction="Write a class `KeyValueStore` created with an initial dict of string keys to integers; its method `run(ops)` executes 'set k v', 'get k' and 'delete k' commands and returns the results of the 'get' commands (None for a missing key).",
        code="""class KeyValueStore:
    def __init__(self, data: dict[str, int]) -> None:
        self.data = dict(data)

    def run(self, ops: list[str]) -> list:
        results = []
        for op in ops:
            parts = op.split()
            if parts[0] == "set":
                self.data[parts[1]] = int(parts[2])
            elif parts[0] == "get":
                results.append(self.data.get(parts[1]))
            else:
                self.data.pop(parts[1], None)
        return results
""",
        gen=lambda rng: (({k: rng.randint(0, 9) for k in rng.sample("abc", rng.randint(0, 2))},), (_kv_ops(rng),)),
        edge=((({},), (["get a"],)), (({"a": 1},), (["delete a", "get a"],))),
        scenarios=("a missing key", "delete then get", "overwrite a key"),
    ),
    Task(
        name="LRUCache",
        family="caches",
        difficulty="hard",
        kind="class",
        method="run",
        instruction="Write a class `LRUCache` created with a capacity; its method `run(ops)` executes 'put k v' and 'get k' commands (integer keys and values), evicting the least recently used key when full, and returns the results of the 'get' commands (-1 for a missing key).",
        code="""from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.items = OrderedDict()

    def run(self, ops: list[str]) -> list[int]:
        results = []
        for op in ops:
            parts = op.split()
            key = int(parts[1])
            if parts[0] == "get":
                if key in self.items:
                    self.items.move_to_end(key)
                    results.append(self.items[key])
                else:
                    results.append(-1)
            else:
                self.items[key] = int(parts[2])
                self.items.move_to_end(key)
                if len(self.items) > self.capacity:
                    self.items.popitem(last=False)
        return results
""",
        gen=lambda rng: ((rng.randint(1, 3),), (_lru_ops(rng),)),
        edge=(((2,), (["put 1 1", "put 2 2", "get 1", "put 3 3", "get 2"],)), ((1,), (["get 1"],))),
        scenarios=("eviction order", "get refreshes a key", "capacity of one"),
    ),
)
