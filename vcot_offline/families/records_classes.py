"""Classes that hold records: an inventory, a shopping cart, an editor with undo."""

from __future__ import annotations

from .base import Task, family


def _editor_ops(rng):
    ops = []
    for _ in range(rng.randint(1, 5)):
        r = rng.random()
        ops.append(
            f"insert {rng.choice(['ab', 'c', 'xy'])}"
            if r < 0.5
            else (f"delete {rng.randint(1, 3)}" if r < 0.8 else "undo")
        )
    return ops


FAMILY = family(
    "records",
    "objects that hold records and update them on request",
    "inventory stock cart shopping item items price prices quantity record records editor undo history "
    "object instance update",
    Task(
        name="Inventory",
        family="records",
        difficulty="easy",
        kind="class",
        method="remove",
        instruction="Write a class `Inventory` created with a dict of item name to quantity; its method `remove(name, qty)` takes qty units of an item if enough are in stock and returns True, otherwise changes nothing and returns False.",
        code="""class Inventory:
    def __init__(self, stock: dict[str, int]) -> None:
        self.stock = dict(stock)

    def remove(self, name: str, qty: int) -> bool:
        if self.stock.get(name, 0) < qty:
            return False
        self.stock[name] -= qty
        return True
""",
        gen=lambda rng: (
            ({n: rng.randint(0, 5) for n in rng.sample(["pen", "cup", "hat"], rng.randint(0, 3))},),
            (rng.choice(["pen", "cup", "hat"]), rng.randint(0, 6)),
        ),
        edge=((({"pen": 2},), ("pen", 2)), (({},), ("cup", 1))),
        scenarios=("exactly the stock", "a missing item", "too few units"),
    ),
    Task(
        name="ShoppingCart",
        family="records",
        difficulty="medium",
        kind="class",
        method="total",
        instruction="Write a class `ShoppingCart` created with a dict of item prices in cents; its method `total(items)` returns the price of a list of item names where every third unit of the same item is free; unknown items cost nothing.",
        code="""class ShoppingCart:
    def __init__(self, prices: dict[str, int]) -> None:
        self.prices = prices

    def total(self, items: list[str]) -> int:
        counts = {}
        for item in items:
            counts[item] = counts.get(item, 0) + 1
        amount = 0
        for item, count in counts.items():
            paid = count - count // 3
            amount += paid * self.prices.get(item, 0)
        return amount
""",
        gen=lambda rng: (
            ({"tea": rng.randint(1, 9) * 10, "jam": rng.randint(1, 9) * 10},),
            ([rng.choice(["tea", "jam", "egg"]) for _ in range(rng.randint(0, 6))],),
        ),
        edge=((({"tea": 100},), (["tea", "tea", "tea"],)), (({},), ([],))),
        scenarios=("an empty cart", "three of the same item", "an unknown item"),
    ),
    Task(
        name="TextEditor",
        family="records",
        difficulty="hard",
        kind="class",
        method="run",
        instruction="Write a class `TextEditor` created with an initial text; its method `run(ops)` applies 'insert s' (append s), 'delete n' (remove the last n characters) and 'undo' (revert the last insert or delete, if any) and returns the final text.",
        code="""class TextEditor:
    def __init__(self, text: str) -> None:
        self.text = text
        self.history = []

    def run(self, ops: list[str]) -> str:
        for op in ops:
            if op == "undo":
                if self.history:
                    self.text = self.history.pop()
                continue
            command, arg = op.split(" ", 1)
            self.history.append(self.text)
            if command == "insert":
                self.text += arg
            else:
                self.text = self.text[: max(0, len(self.text) - int(arg))]
        return self.text
""",
        gen=lambda rng: ((rng.choice(["", "hi", "abc"]),), (_editor_ops(rng),)),
        edge=((("",), (["undo"],)), (("ab",), (["insert c", "delete 2", "undo"],))),
        scenarios=("undo with no history", "delete more than the text", "several undos"),
    ),
)
