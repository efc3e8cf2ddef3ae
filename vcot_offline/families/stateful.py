"""Classes that keep state between method calls."""

from __future__ import annotations

from . import gen
from .base import Task, family


def _stack_ops(rng):
    ops = []
    for _ in range(rng.randint(1, 5)):
        r = rng.random()
        ops.append(f"push {rng.randint(-5, 9)}" if r < 0.5 else ("pop" if r < 0.75 else "min"))
    return ops


FAMILY = family(
    "stateful",
    "objects that keep state between method calls",
    "class classes object objects instance instances state stateful attribute attributes method "
    "methods constructor counter account balance stack push pop",
    Task(
        name="Counter",
        family="stateful",
        difficulty="easy",
        kind="class",
        method="add",
        instruction=(
            "Write a class `Counter` that starts from a given integer; its method `add(n)` adds n to the "
            "current value and returns the new value."
        ),
        code="""class Counter:
    def __init__(self, start: int) -> None:
        self.value = start

    def add(self, n: int) -> int:
        self.value += n
        return self.value
""",
        gen=lambda rng: ((rng.randint(-20, 20),), (rng.randint(-20, 20),)),
        edge=(((0,), (0,)), ((3,), (2,))),
        bugs=(
            """class Counter:
    def __init__(self, start: int) -> None:
        self.value = start

    def add(self, n: int) -> int:
        self.value = n
        return self.value
""",
        ),
        scenarios=("adding zero", "a negative start", "adding a negative number"),
    ),
    Task(
        name="BankAccount",
        family="stateful",
        difficulty="medium",
        kind="class",
        method="apply",
        instruction=(
            "Write a class `BankAccount` created with an opening balance; its method `apply(amounts)` applies a "
            "list of deposits (positive) and withdrawals (negative) in order, skipping any withdrawal that "
            "would make the balance negative, and returns the final balance."
        ),
        code="""class BankAccount:
    def __init__(self, balance: int) -> None:
        self.balance = balance

    def apply(self, amounts: list[int]) -> int:
        for amount in amounts:
            if self.balance + amount >= 0:
                self.balance += amount
        return self.balance
""",
        gen=lambda rng: ((rng.randint(0, 10),), (gen.ints(rng, -8, 8, 0, 5),)),
        edge=(((0,), ([],)), ((5,), ([-10, 3],)), ((2,), ([-2],))),
        bugs=(
            """class BankAccount:
    def __init__(self, balance: int) -> None:
        self.balance = balance

    def apply(self, amounts: list[int]) -> int:
        for amount in amounts:
            self.balance += amount
        return self.balance
""",
            """class BankAccount:
    def __init__(self, balance: int) -> None:
        self.balance = balance

    def apply(self, amounts: list[int]) -> int:
        for amount in amounts:
            if self.balance + amount > 0:
                self.balance += amount
        return self.balance
""",
        ),
        scenarios=("no operations", "a withdrawal larger than the balance", "a withdrawal to exactly zero"),
    ),
    Task(
        name="MinStack",
        family="stateful",
        difficulty="hard",
        kind="class",
        method="run",
        instruction=(
            "Write a class `MinStack` created with initial values (pushed in order); its method `run(ops)` executes "
            "operations 'push x', 'pop' and 'min' and returns the list of results of every 'min' (None when "
            "the stack is empty); 'pop' on an empty stack does nothing."
        ),
        code="""class MinStack:
    def __init__(self, values: list[int]) -> None:
        self.items = []
        self.mins = []
        for v in values:
            self.push(v)

    def run(self, ops: list[str]) -> list:
        results = []
        for op in ops:
            if op.startswith("push"):
                self.push(int(op.split()[1]))
            elif op == "pop":
                if self.items:
                    self.items.pop()
                    self.mins.pop()
            else:
                results.append(self.mins[-1] if self.mins else None)
        return results

    def push(self, value: int) -> None:
        self.items.append(value)
        self.mins.append(min(value, self.mins[-1]) if self.mins else value)
""",
        gen=lambda rng: ((gen.ints(rng, -5, 9, 0, 3),), (_stack_ops(rng),)),
        edge=((([],), (["min"],)), (([3, 1],), (["pop", "min"],)), (([2],), (["push 1", "min", "pop", "min"],))),
        bugs=(
            """class MinStack:
    def __init__(self, values: list[int]) -> None:
        self.items = list(values)

    def run(self, ops: list[str]) -> list:
        results = []
        for op in ops:
            if op.startswith("push"):
                self.items.append(int(op.split()[1]))
            elif op == "pop":
                if self.items:
                    self.items.pop(0)
            else:
                results.append(min(self.items) if self.items else None)
        return results

    def push(self, value: int) -> None:
        self.items.append(value)
""",
            """class MinStack:
    def __init__(self, values: list[int]) -> None:
        self.items = []
        self.low = None
        for v in values:
            self.push(v)

    def run(self, ops: list[str]) -> list:
        results = []
        for op in ops:
            if op.startswith("push"):
                self.push(int(op.split()[1]))
            elif op == "pop":
                if self.items:
                    self.items.pop()
            else:
                results.append(self.low)
        return results

    def push(self, value: int) -> None:
        self.items.append(value)
        self.low = value if self.low is None else min(self.low, value)
""",
        ),
        scenarios=("min of an empty stack", "pop then min", "pop on an empty stack"),
    ),
)
