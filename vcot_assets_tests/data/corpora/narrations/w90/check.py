#!/usr/bin/env python3
"""Standalone checker for w90 narrations: re-executes each program with sys.settrace and
verifies returned values, claims, answers and that each error copy's error is really false."""
import ast, copy, json, sys
from collections import defaultdict

def run_traced(code, call):
    hist = defaultdict(list)      # var -> list of distinct successive values (per any frame)
    lines = defaultdict(int)      # line number -> hits
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            if k.startswith('.'):
                continue
            items = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                items = [('self.' + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist[name]
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        snap(frame)
        if event == 'line':
            lines[frame.f_lineno] += 1
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        res = eval(compile(call, '<call>', 'eval'), ns)
    finally:
        sys.settrace(None)
    return res, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, res, hist, lines, ns):
    w = c['what']; v = lit(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if 'k' in c:
            return c['k'] < len(h) and h[c['k']] == v
        return v in h
    if w == 'count':
        line = c.get('line') or int(c['variable'].split('line')[-1])
        return lines[line] - c.get("offset", 0) == v * c.get("per", 1)
    if w in ('comparison', 'arith'):
        return eval(c.get('expr', c['quote'])) == v
    if w == 'return':
        return res == v
    if w == 'call':
        return eval(c['expr'], dict(ns)) == v
    raise ValueError(w)

def main(path):
    out = []; bad = 0; n = 0
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = {it['id'] for it in items}
    for it in items:
        n += 1; errs = []
        res, hist, lines, ns = run_traced(it['code'], it['call'])
        if repr(res) != it['returned']:
            errs.append('returned mismatch %r' % (res,))
        r = it['rationale']
        if not r.rstrip().splitlines()[-1].startswith('Answer:') and 'Answer:' not in r.rstrip().splitlines()[-1]:
            errs.append('last line not Answer')
        if it['answer'] not in r.rstrip().splitlines()[-1]:
            errs.append('answer not in last line')
        # answer correctness
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == res
        else:
            fn = it['function']
            if not it['answer'].split('(')[0].split('.')[-1] == fn and fn not in it['answer']:
                errs.append('answer does not call function')
            ans_ok = eval(it['answer'], dict(ns)) == res
        e = it['error']
        wrong_answer_kind = e and e['kind'] in ('wrong_final_answer', 'backward_wrong_input')
        if wrong_answer_kind == ans_ok:
            errs.append('answer correctness %s unexpected' % ans_ok)
        if it['label'] == 'error' and it['faithful_id'] not in ids:
            errs.append('faithful_id missing')
        for c in it['claims']:
            if c['quote'] not in r:
                errs.append('quote not found: %r' % c['quote']); continue
            ok = claim_true(c, res, hist, lines, ns)
            if c.get('erroneous'):
                if ok:
                    errs.append('erroneous claim is actually true: %r' % c['quote'])
            elif not ok:
                errs.append('claim false: %r' % c['quote'])
        if e:
            if e['quote'] not in r:
                errs.append('error quote not in rationale')
            if e['stated'] not in e['quote']:
                errs.append('stated not in error quote')
            if not wrong_answer_kind and not any(c.get('erroneous') for c in it['claims']):
                errs.append('no erroneous claim for error copy')
            if e.get('held_elsewhere'):
                ec = [c for c in it['claims'] if c.get('erroneous')][0]
                try:
                    v = lit(e['stated'])
                except Exception:
                    v = lit(ec['value'])
                if not any(v in h or any(isinstance(x, (list, tuple)) and v in x for x in h) for h in hist.values()):
                    errs.append('held_elsewhere value never held')
        status = 'OK' if not errs else 'FAIL ' + '; '.join(errs)
        if errs: bad += 1
        out.append('%s %s' % (it['id'], status))
    out.append('TOTAL %d items, %d failing' % (n, bad))
    print('\n'.join(out))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
