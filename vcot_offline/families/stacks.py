"""Stacks: matching brackets, evaluating postfix expressions, next greater element."""

from __future__ import annotations

from . import gen
from .base import Task, family


def _rpn(rng):
    tokens = [str(rng.randint(1, 9))]
    for _ in range(rng.randint(0, 3)):
        tokens.append(str(rng.randint(1, 9)))
        tokens.append(rng.choice("+-*"))
    return (tokens,)


FAMILY = family(
    "stacks",
    "pushing and popping items on a stack",
    "stack stacks push pop last lifo bracket brackets parentheses balanced postfix expression expressions token tokens",
    Task(
        name="balanced_brackets",
        family="stacks",
        difficulty="easy",
        kind="function",
        instruction="Write a function `balanced_brackets` that tells whether the brackets ()[]{} in a string are balanced and properly nested.",
        code="""def balanced_brackets(text: str) -> bool:
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in text:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack
""",
        gen=lambda rng: (gen.word(rng, "()[]", 0, 6),),
        edge=(("",), ("([])",), ("(]",)),
        scenarios=("an empty string", "wrong nesting", "an unclosed bracket"),
    ),
    Task(
        name="eval_postfix",
        family="stacks",
        difficulty="medium",
        kind="function",
        instruction="Write a function `eval_postfix` that evaluates a postfix (reverse Polish) expression given as a list of tokens: integers and the operators +, - and *.",
        code="""def eval_postfix(tokens: list[str]) -> int:
    stack = []
    for tok in tokens:
        if tok in "+-*":
            b = stack.pop()
            a = stack.pop()
            if tok == "+":
                stack.append(a + b)
            elif tok == "-":
                stack.append(a - b)
            else:
                stack.append(a * b)
        else:
            stack.append(int(tok))
    return stack[-1]
""",
        gen=_rpn,
        edge=((["3"],), (["2", "3", "-"],)),
        scenarios=("a single number", "subtraction order", "several operators"),
    ),
    Task(
        name="next_greater",
        family="stacks",
        difficulty="hard",
        kind="function",
        instruction="Write a function `next_greater` that returns, for each element of a list, the next element to its right that is strictly greater, or -1 if there is none, using a stack.",
        code="""def next_greater(nums: list[int]) -> list[int]:
    result = [-1] * len(nums)
    stack = []
    for i, x in enumerate(nums):
        while stack and nums[stack[-1]] < x:
            result[stack.pop()] = x
        stack.append(i)
    return result
""",
        gen=lambda rng: (gen.ints(rng, 0, 9, 0, 6),),
        edge=(([],), ([2, 1, 3],)),
        scenarios=("an empty list", "a decreasing list", "equal neighbours"),
    ),
)
