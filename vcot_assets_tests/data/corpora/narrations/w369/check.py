#!/usr/bin/env python3
"""Standalone checker for w369 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and instance attributes) and line hit counts,
then checks every claim of faithful items and confirms the error of every error copy."""
import ast, copy, json, sys
from collections import defaultdict

HERE = __file__.rsplit('/', 1)[0] if '/' in __file__ else '.'

def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist = defaultdict(list)   # var -> list of distinct successive values
    hits = defaultdict(int)    # line -> hit count
    classes = tuple(v for v in ns.values() if isinstance(v, type))
    def rec(name, val):
        try:
            val = copy.deepcopy(val)
        except Exception:
            return
        h = hist[name]
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if classes and isinstance(v, classes):
                for a, av in vars(v).items():
                    rec(a, av)
            elif not callable(v):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            hits[frame.f_lineno] += 1
        snap(frame)
        if event == 'return':
            rec('<return:%s>' % frame.f_code.co_name, arg)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def clean(s):
    return s.replace('`', '').strip()

def eval_arith(c):
    expr = c.get('expr') or clean(c['quote']).split('=')[0]
    return eval(expr, {})

def count_of(var, hits):
    # "loop@line N": hits of line N (first line of the loop body)
    n = int(var.split('line')[-1].strip())
    if var.startswith('header@'):   # "header@line N": a loop header is checked once more than the body runs
        return hits[n] - 1
    return hits[n]

def check_claim(c, ret, hist, hits, item):
    w, v = c['what'], c['value']
    if w == 'value':
        val = ast.literal_eval(v)
        return val in hist.get(c['variable'], []), 'value %r not in history of %s' % (val, c['variable'])
    if w == 'count':
        got = count_of(c['variable'], hits)
        return got == ast.literal_eval(v), 'count %s: got %d, stated %s' % (c['variable'], got, v)
    if w == 'comparison':
        got = eval(c['expr'], {})
        return got == ast.literal_eval(v), 'comparison %s -> %r' % (c['expr'], got)
    if w == 'arith':
        got = eval_arith(c)
        return got == ast.literal_eval(v), 'arith %s -> %r, stated %s' % (c.get('expr') or c['quote'], got, v)
    if w == 'return':
        return ast.literal_eval(v) == ret, 'return %s vs %r' % (v, ret)
    if w == 'call':
        ns = {}
        exec(item['code'], ns)
        return eval(v, ns) == ret, 'call %s' % v
    return False, 'unknown claim kind ' + w

def error_is_false(item, ret, hist, hits):
    e = item['error']
    p = e['point']
    t = p['type']
    stated = ast.literal_eval(p['stated_value']) if 'stated_value' in p else None
    if t == 'at':       # k-th value (0-based) of the variable's history
        actual = hist[p['variable']][p['index']]
        return actual != stated and repr(actual) == p.get('actual_repr', repr(actual)), 'at %s[%d]=%r stated %r' % (p['variable'], p['index'], actual, stated)
    if t == 'never':
        return stated not in hist.get(p['variable'], []), 'never %s %r' % (p['variable'], stated)
    if t == 'arith':
        got = eval(p['expr'], {})
        return got != stated, 'arith %s=%r stated %r' % (p['expr'], got, stated)
    if t == 'count':
        got = count_of(p['variable'], hits)
        return got != stated, 'count %d stated %r' % (got, stated)
    if t == 'comparison':
        got = eval(p['expr'], {})
        return got != stated, 'comparison %s=%r stated %r' % (p['expr'], got, stated)
    if t == 'answer':
        return ast.literal_eval(item['answer']) != ret, 'answer %s vs %r' % (item['answer'], ret)
    if t == 'call':
        ns = {}
        exec(item['code'], ns)
        try:
            got = eval(item['answer'], ns)
        except Exception as ex:
            return True, 'call raises %r' % ex
        return got != ret, 'call %s -> %r vs %r' % (item['answer'], got, ret)
    return False, 'unknown point type'

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else HERE + '/narrations.jsonl'
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    lines = []
    for it in items:
        probs = []
        ret, hist, hits, ns = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r vs %s' % (ret, it['returned']))
        r = it['rationale']
        if not r.rstrip().splitlines()[-1].startswith('Answer:'):
            probs.append('last line not Answer:')
        for c in it['claims']:
            if c['quote'] not in r:
                probs.append('quote not in rationale: %r' % c['quote'])
        if it['label'] == 'faithful':
            for c in it['claims']:
                ok, msg = check_claim(c, ret, hist, hits, it)
                if not ok:
                    probs.append('claim false: ' + msg)
            if it['direction'] == 'forward':
                if ast.literal_eval(it['answer']) != ret:
                    probs.append('forward answer wrong')
            else:
                ok, msg = check_claim({'what': 'call', 'value': it['answer']}, ret, hist, hits, it)
                if not ok:
                    probs.append('backward answer wrong: ' + msg)
        else:
            e = it['error']
            if e['quote'] not in r:
                probs.append('error quote not in rationale')
            ok, msg = error_is_false(it, ret, hist, hits)
            if not ok:
                probs.append('error not false: ' + msg)
            # the other claims (all except the erroneous/carried ones) must still hold
            for c in it['claims']:
                if c.get('erroneous'):
                    continue
                ok, msg = check_claim(c, ret, hist, hits, it)
                if not ok:
                    probs.append('non-error claim false: ' + msg)
        status = 'PASS' if not probs else 'FAIL'
        bad += bool(probs)
        lines.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    lines.append('%d items, %d failing' % (len(items), bad))
    print('\n'.join(lines))
    return 1 if bad else 0

if __name__ == '__main__':
    if len(sys.argv) > 2 and sys.argv[1] == '--hist':
        code, call = json.loads(sys.argv[2])
        ret, hist, hits, _ = run(code, call)
        for k, v in hist.items():
            print(k, v)
        print('hits', dict(hits))
        sys.exit(0)
    sys.exit(main())
