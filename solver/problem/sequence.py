"""The order the rules impose on the items: a topological order, whether it is total, and cycles."""

from __future__ import annotations

import heapq

from solver.problem.problem import Precedence, Problem


def topological_order(problem: Problem) -> tuple[int, ...] | None:
    """Items in an order every precedence respects, agenda order among equals; None on a cycle."""
    n = len(problem.tasks)
    successors: list[set[int]] = [set() for _ in range(n)]
    indegree = [0] * n
    for p in problem.precedences:
        if p.after not in successors[p.before]:
            successors[p.before].add(p.after)
            indegree[p.after] += 1
    ready = [i for i in range(n) if indegree[i] == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        i = heapq.heappop(ready)
        order.append(i)
        for j in sorted(successors[i]):
            indegree[j] -= 1
            if indegree[j] == 0:
                heapq.heappush(ready, j)
    return tuple(order) if len(order) == n else None


def is_total(problem: Problem, order: tuple[int, ...]) -> bool:
    """True when the precedences leave exactly one order: each item directly precedes the next."""
    direct = {(p.before, p.after) for p in problem.precedences}
    return all((a, b) in direct for a, b in zip(order, order[1:]))


def find_cycle(problem: Problem) -> tuple[Precedence, ...]:
    """A shortest cycle of precedences, or () when there is none."""
    by_before: dict[int, list[Precedence]] = {}
    for p in problem.precedences:
        by_before.setdefault(p.before, []).append(p)
    best: tuple[Precedence, ...] = ()
    for origin in range(len(problem.tasks)):
        # breadth-first search back to the origin gives the shortest cycle through it
        frontier: list[tuple[int, tuple[Precedence, ...]]] = [(origin, ())]
        seen = {origin}
        found: tuple[Precedence, ...] = ()
        while frontier and not found:
            following: list[tuple[int, tuple[Precedence, ...]]] = []
            for node, path in frontier:
                for p in by_before.get(node, ()):
                    if p.after == origin:
                        found = path + (p,)
                        break
                    if p.after not in seen:
                        seen.add(p.after)
                        following.append((p.after, path + (p,)))
                if found:
                    break
            frontier = following
        if found and (not best or len(found) < len(best)):
            best = found
    return best
