"""Graphs given as adjacency dictionaries: reachability, shortest paths, components."""

from __future__ import annotations

from .base import Task, family


def _graph(rng, n=5):
    nodes = list(range(rng.randint(1, n)))
    return {str(u): sorted({str(rng.choice(nodes)) for _ in range(rng.randint(0, 2))} - {str(u)}) for u in nodes}


def _undirected(rng):
    g = _graph(rng)
    for u, vs in list(g.items()):
        for v in vs:
            if u not in g[v]:
                g[v] = sorted(g[v] + [u])
    return g


FAMILY = family(
    "graphs",
    "walking a graph of nodes and edges (breadth-first and depth-first search)",
    "graph graphs node nodes vertex vertices edge edges neighbor neighbour adjacency path bfs dfs "
    "breadth depth search connected component reachable network",
    Task(
        name="reachable_nodes",
        family="graphs",
        difficulty="easy",
        kind="function",
        instruction="Write a function `reachable_nodes` that returns the sorted list of nodes reachable from a start node (itself included) in a directed graph given as an adjacency dict.",
        code="""def reachable_nodes(graph: dict[str, list[str]], start: str) -> list[str]:
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        for nxt in graph.get(node, []):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return sorted(seen)
""",
        gen=lambda rng: (lambda g: (g, rng.choice(sorted(g))))(_graph(rng)),
        edge=(({"a": ["b"], "b": []}, "a"), ({"a": []}, "a")),
        scenarios=("a node without edges", "a cycle", "an unreachable node"),
    ),
    Task(
        name="shortest_path_length",
        family="graphs",
        difficulty="medium",
        kind="function",
        instruction="Write a function `shortest_path_length` that returns the number of edges on a shortest path between two nodes of a directed graph (adjacency dict) using breadth-first search, or -1 if there is none.",
        code="""from collections import deque


def shortest_path_length(graph: dict[str, list[str]], start: str, goal: str) -> int:
    dist = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return dist[node]
        for nxt in graph.get(node, []):
            if nxt not in dist:
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    return -1
""",
        gen=lambda rng: (lambda g: (g, rng.choice(sorted(g)), rng.choice(sorted(g))))(_graph(rng)),
        edge=(({"a": ["b"], "b": ["c"], "c": []}, "a", "c"), ({"a": []}, "a", "a")),
        scenarios=("start equals goal", "no path", "two paths of different length"),
    ),
    Task(
        name="count_components",
        family="graphs",
        difficulty="hard",
        kind="function",
        instruction="Write a function `count_components` that counts the connected components of an undirected graph given as a symmetric adjacency dict.",
        code="""def count_components(graph: dict[str, list[str]]) -> int:
    seen = set()
    count = 0
    for start in sorted(graph):
        if start in seen:
            continue
        count += 1
        stack = [start]
        seen.add(start)
        while stack:
            node = stack.pop()
            for nxt in graph[node]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
    return count
""",
        gen=lambda rng: (_undirected(rng),),
        edge=(({},), ({"a": ["b"], "b": ["a"], "c": []},)),
        scenarios=("an empty graph", "isolated nodes", "one connected graph"),
    ),
)
