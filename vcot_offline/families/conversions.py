"""Converting numbers between notations: binary, Roman numerals, time strings."""

from __future__ import annotations

from .base import Task, family

FAMILY = family(
    "conversions",
    "converting values between representations (bases, numerals, formats)",
    "conversion convert format formatting base binary hexadecimal decimal roman numeral numerals "
    "representation repr time clock duration",
    Task(
        name="to_binary",
        family="conversions",
        difficulty="easy",
        kind="function",
        instruction="Write a function `to_binary` that returns the binary digits of a non-negative integer as a string, without a prefix ('0' for zero).",
        code="""def to_binary(n: int) -> str:
    if n == 0:
        return "0"
    digits = ""
    while n > 0:
        digits = str(n % 2) + digits
        n //= 2
    return digits
""",
        gen=lambda rng: (rng.randint(0, 200),),
        edge=((0,), (5,)),
        scenarios=("zero", "a power of two", "an odd number"),
    ),
    Task(
        name="to_roman",
        family="conversions",
        difficulty="medium",
        kind="function",
        instruction="Write a function `to_roman` that converts an integer from 1 to 3999 into a Roman numeral.",
        code="""def to_roman(n: int) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, numeral in values:
        while n >= value:
            out += numeral
            n -= value
    return out
""",
        gen=lambda rng: (rng.randint(1, 400),),
        edge=((4,), (9,), (14,)),
        scenarios=("a subtractive form", "one", "a number with many symbols"),
    ),
    Task(
        name="format_duration",
        family="conversions",
        difficulty="hard",
        kind="function",
        instruction="Write a function `format_duration` that formats a number of seconds as 'H:MM:SS' (hours unpadded).",
        code="""def format_duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"
""",
        gen=lambda rng: (rng.randint(0, 20000),),
        edge=((0,), (59,), (3600,)),
        scenarios=("zero seconds", "exactly one hour", "minutes and seconds"),
    ),
)
