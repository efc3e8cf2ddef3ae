"""Matrices as lists of lists: transposes, diagonals, spirals."""

from __future__ import annotations

from .base import Task, family


def _matrix(rng, square=False):
    rows = rng.randint(1, 3)
    cols = rows if square else rng.randint(1, 3)
    return [[rng.randint(-5, 9) for _ in range(cols)] for _ in range(rows)]


FAMILY = family(
    "matrices",
    "indexing rows and columns of a matrix (nested lists)",
    "matrix matrices grid row rows column columns 2d two-dimensional nested table transpose diagonal cell",
    Task(
        name="transpose",
        family="matrices",
        difficulty="easy",
        kind="function",
        instruction="Write a function `transpose` that returns the transpose of a rectangular matrix given as a list of rows.",
        code="""def transpose(matrix: list[list[int]]) -> list[list[int]]:
    result = []
    for j in range(len(matrix[0])):
        result.append([row[j] for row in matrix])
    return result
""",
        gen=lambda rng: (_matrix(rng),),
        edge=(([[1, 2, 3]],), ([[1], [2]],)),
        scenarios=("a single row", "a single column", "a square matrix"),
    ),
    Task(
        name="diagonal_difference",
        family="matrices",
        difficulty="medium",
        kind="function",
        instruction="Write a function `diagonal_difference` that returns the absolute difference between the sums of the two diagonals of a square matrix.",
        code="""def diagonal_difference(matrix: list[list[int]]) -> int:
    n = len(matrix)
    main = 0
    anti = 0
    for i in range(n):
        main += matrix[i][i]
        anti += matrix[i][n - 1 - i]
    return abs(main - anti)
""",
        gen=lambda rng: (_matrix(rng, square=True),),
        edge=(([[5]],), ([[1, 2], [3, 4]],)),
        scenarios=("a 1x1 matrix", "negative entries", "a 3x3 matrix"),
    ),
    Task(
        name="spiral_order",
        family="matrices",
        difficulty="hard",
        kind="function",
        instruction="Write a function `spiral_order` that returns the elements of a rectangular matrix in clockwise spiral order starting at the top-left corner.",
        code="""def spiral_order(matrix: list[list[int]]) -> list[int]:
    out = []
    top, bottom = 0, len(matrix) - 1
    left, right = 0, len(matrix[0]) - 1
    while top <= bottom and left <= right:
        for j in range(left, right + 1):
            out.append(matrix[top][j])
        for i in range(top + 1, bottom + 1):
            out.append(matrix[i][right])
        if top < bottom and left < right:
            for j in range(right - 1, left - 1, -1):
                out.append(matrix[bottom][j])
            for i in range(bottom - 1, top, -1):
                out.append(matrix[i][left])
        top, bottom, left, right = top + 1, bottom - 1, left + 1, right - 1
    return out
""",
        gen=lambda rng: (_matrix(rng),),
        edge=(([[1, 2, 3], [4, 5, 6], [7, 8, 9]],), ([[1], [2], [3]],)),
        scenarios=("a single row", "a single column", "a 3x3 matrix"),
    ),
)
