#!/usr/bin/env python3
# The structure of src/gui: the #include "kl-*.h" graph among its own files
# has no cycle (a file stands for its .c and .h together, as one class),
# and only the application and the window's own files include kl-window.h.
# Usage: check-gui-includes.py SRCDIR/src/gui
import os
import re
import sys

ALLOWED = re.compile(r'^kl-(application|window(-[a-z]+)?)\.[ch]$')

def main(gui):
    files = sorted(f for f in os.listdir(gui) if f.endswith(('.c', '.h')))
    own = {f[:-2] for f in files if f.endswith('.h')}
    # A class split by concern (kl-window.c, kl-window-actions.c, ...
    # around kl-window-private.h) is one unit.
    split = sorted((u[:-len('-private')] for u in own if u.endswith('-private')), key=len, reverse=True)
    def unit_of(name):
        for cls in split:
            if name == cls or name.startswith(cls + '-'):
                return cls
        return name
    graph = {}
    problems = []
    for f in files:
        unit = unit_of(f[:-2])
        with open(os.path.join(gui, f), encoding='utf-8') as text:
            for number, line in enumerate(text, 1):
                m = re.match(r'\s*#\s*include\s+"(kl-[^"]+)\.h"', line)
                if not m or m.group(1) not in own:
                    continue
                target = unit_of(m.group(1))
                if m.group(1) in ('kl-window', 'kl-window-private') and not ALLOWED.match(f):
                    problems.append(f'{f}:{number}: includes kl-window.h; ask the window through its actions (kl-actions.h)')
                if target != unit:
                    graph.setdefault(unit, set()).add(target)
    # A cycle is a strongly connected part of more than one file (Tarjan).
    index, low, stack, on_stack, order = {}, {}, [], set(), [0]
    def visit(v):
        index[v] = low[v] = order[0]
        order[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                problems.append('include cycle among: ' + ', '.join(sorted(part)))
    sys.setrecursionlimit(10000)
    for v in sorted({unit_of(u) for u in own}):
        if v not in index:
            visit(v)
    for p in problems:
        print(p)
    edges = sum(len(t) for t in graph.values())
    print(f'{len({unit_of(u) for u in own})} units ({len(own)} headers), {edges} includes between files: '
          + ('no cycle, kl-window.h only in the window and the application' if not problems else f'{len(problems)} problem(s)'))
    return 1 if problems else 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'src', 'gui')))
