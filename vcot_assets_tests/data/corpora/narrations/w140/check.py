"""Standalone checker for w140 narrations: runs each program under sys.settrace and
checks returned values, faithful claims, answers, and that each error copy's error is false."""
import ast, copy, json, re, sys
from collections import defaultdict

# error-point checks: item id -> list of (variable, k, stated): the k-th distinct value of
# the variable's history is the value at the point the narration talks about.
POINTS = {
    'w140-1-fwd-e1': [('diff', 0, 8)],
    'w140-1-fwd-e3': [('both', 0, 14), ('either', 0, 8)],
    'w140-2-bwd-e3': [('room', 1, 5)],
    'w140-3-fwd-e1': [("counts['b']", 1, 1)],
    'w140-4-bwd-e1': [('acc', 2, 4)],
    'w140-4-bwd-e3': [('trail', 3, [4, 5, 3])],
    'w140-6-bwd-e1': [('i', 0, 1), ('seen', 1, 0)],
    'w140-6-bwd-e2': [('seen', 2, 3)],
    'w140-9-bwd-e3': [('i', 7, 9)],
    'w140-10-fwd-e3': [('place', 2, 2)],
    'w140-12-fwd-e1': [('self.best', -1, 6), ('self.run', -1, 7)],
    'w140-14-bwd-e3': [('self.boxes[1]', 1, 3)],
    'w140-18-bwd-e1': [('self.mask', 0, 15)],
    'w140-20-fwd-e1': [('self.total', 8, 641)],
}
# comparisons stated in words about code, with the expression they amount to
COMPARE_EXPR = {"`if k.strip()` is true for the key `' '`": "bool(' '.strip())",
                "`'2024'.isalpha()` returns True": "'2024'.isalpha()",
                "`'2024'.isalpha()` returns False": "'2024'.isalpha()",
                "`'#'.startswith(\"#\")` is True": "'#'.startswith('#')"}

def lit(s):
    return ast.literal_eval(s)

def run(code, call):
    ns = {'__name__': 'program'}
    exec(compile(code, '<prog>', 'exec'), ns)
    classes = tuple(v for v in ns.values() if isinstance(v, type))
    hist = defaultdict(list)
    hits = defaultdict(int)
    def rec(name, val):
        h = hist[name]
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = repr(val)
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if classes and isinstance(v, classes):
                for a, av in vars(v).items():
                    rec(f'self.{a}', av)
                    if isinstance(av, dict):
                        for dk, dv in av.items():
                            rec(f'self.{a}[{dk!r}]', dv)
                continue
            rec(k, v)
            if isinstance(v, dict):
                for dk, dv in v.items():
                    rec(f'{k}[{dk!r}]', dv)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            if event == 'line':
                hits[frame.f_lineno] += 1
            snap(frame)
            return local
        snap(frame)
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, hist, hits

def arith_parts(quote):
    q = quote.replace('`', '').replace(' is ', ' = ')
    return [p.strip() for p in q.split(' = ')]

def arith_true(quote, env=None):
    parts = arith_parts(quote)
    vals = [eval(p, dict(env or {}, min=min, max=max)) for p in parts]
    return all(v == vals[-1] for v in vals)

OPS = {'>=': lambda a, b: a >= b, '<=': lambda a, b: a <= b, '==': lambda a, b: a == b,
       '!=': lambda a, b: a != b, '>': lambda a, b: a > b, '<': lambda a, b: a < b}
def comparison_value(quote):
    if quote in COMPARE_EXPR:
        return eval(COMPARE_EXPR[quote])
    m = re.search(r"([\w'\.\-]+)\s*(>=|<=|==|!=|>|<)\s*([\w'\.\-]+)", quote.replace('`', ''))
    a, op, b = m.groups()
    return OPS[op](lit(a), lit(b))

def check_claim(c, ret, hist, hits, ns):
    w, v = c['what'], c['value']
    if w == 'value':
        val = lit(v)
        var = c['variable']
        if var is None:
            return any(val in h for h in hist.values())
        if var.startswith('len('):
            h = [len(x) for x in hist.get(var[4:-1], [])]
        else:
            h = hist.get(var, [])
        if val in h:
            return True
        # a summarised run of values: a contiguous stretch of the variable's history
        if isinstance(val, list):
            n = len(val)
            return any(h[j:j + n] == val for j in range(len(h) - n + 1))
        return False
    if w == 'count':
        # 'loop@line N': N is the first body line; 'loop@header N': N is the for/while line (hit once more than the body)
        if 'header' in c['variable']:
            line = int(c['variable'].split('header')[1])
            return hits[line] - 1 == lit(v)
        line = int(c['variable'].split('line')[1])
        return hits[line] == lit(v)
    if w == 'comparison':
        return comparison_value(c['quote']) == lit(v)
    if w == 'arith':
        parts = arith_parts(c['quote'])
        # names in an expression (e.g. `col + 1`) take the variable's final value
        env = {k: h[-1] for k, h in hist.items() if k.isidentifier() and h}
        return arith_true(c['quote'], env) and eval(parts[-1], dict(env, min=min)) == lit(v)
    if w == 'return':
        return lit(v) == ret
    if w == 'call':
        return eval(v, ns) == ret
    raise ValueError(w)

def held_anywhere(hist, val):
    return any(val in h for h in hist.values())

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    lines, bad = [], 0
    fquotes = {it['id']: {c['quote'] for c in it['claims']} for it in items if it['label'] == 'faithful'}
    for it in items:
        ns, ret, hist, hits = run(it['code'], it['call'])
        probs = []
        if repr(ret) != it['returned']:
            probs.append(f"returned {ret!r} != {it['returned']}")
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        last = it['rationale'].strip().splitlines()[-1]
        if not last.startswith('Answer: ') or last[len('Answer: '):].strip() != it['answer']:
            probs.append('answer line mismatch')
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == ret
        else:
            ans_ok = eval(it['answer'], ns) == ret
        if it['label'] == 'faithful':
            if not ans_ok:
                probs.append('answer wrong')
            for c in it['claims']:
                if not check_claim(c, ret, hist, hits, ns):
                    probs.append(f"false claim {c}")
        else:
            e = it['error']
            k = e['kind']
            if e['quote'] not in it['rationale']:
                probs.append('error quote missing')
            # claims new in this copy (not in the faithful version) carry the error
            errc = [c for c in it['claims'] if c['quote'] not in fquotes[it['faithful_id']]]
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('error answer is actually right')
            else:
                if not ans_ok:
                    probs.append('answer should stay right')
                if not errc:
                    probs.append('no claim for error')
                for c in errc:
                    if check_claim(c, ret, hist, hits, ns) and it['id'] not in POINTS:
                        probs.append(f"error claim is actually true: {c}")
                for var, kk, stated in POINTS.get(it['id'], []):
                    h = hist[var]
                    if kk >= len(h) or h[kk] == stated:
                        probs.append(f"point check: {var}[{kk}] is {h[kk] if kk < len(h) else None} == stated")
                if e.get('held_elsewhere'):
                    st = lit(e['stated']) if not e['stated'].startswith(('1, ',)) else None
                    vals = [s for _, _, s in POINTS.get(it['id'], [])] or [st]
                    if not any(held_anywhere(hist, s) for s in vals if s is not None):
                        probs.append('held_elsewhere but value never held')
            # all other claims in an error copy must still be true
            for c in it['claims']:
                if c in errc:
                    continue
                if not check_claim(c, ret, hist, hits, ns):
                    probs.append(f"non-error claim false {c}")
        status = 'PASS' if not probs else 'FAIL'
        bad += bool(probs)
        lines.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + ''.join('\n    ' + p for p in probs))
    lines.append(f"\n{len(items) - bad}/{len(items)} items pass")
    out = '\n'.join(lines)
    print(out)
    open('check_report.txt', 'w').write(out + '\n')
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
