#!/usr/bin/env python3
"""Standalone checker for w128 narrations: re-executes every program with sys.settrace
and checks returned values, claims, answers, and that each error copy really is wrong."""
import ast, json, sys, copy

def lit(s):
    return ast.literal_eval(s)

def run_traced(code, call):
    """Run call; return (result, history, line_hits). history[name] = successive distinct values
    (names include self.<attr> for instance attributes)."""
    g = {}
    exec(compile(code, 'program', 'exec'), g)
    hist, hits = {}, {}
    def rec(name, v):
        if not isinstance(v, (int, float, str, bool, list, tuple, dict, set, type(None))):
            return
        v = copy.deepcopy(v)
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    rec('self.' + a, av)
            elif not k.startswith('.') and not callable(v):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != 'program':
            return None
        if frame.f_code.co_name in ('<genexpr>', '<listcomp>', '<dictcomp>', '<setcomp>'):
            return None
        snap(frame)
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        return tracer
    sys.settrace(tracer)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, hits

def plain_eval(code, call):
    g = {}
    exec(compile(code, 'program', 'exec'), g)
    return eval(call, g)

def check_item(it, cache):
    errs = []
    key = (it['code'], it['call'])
    if key not in cache:
        cache[key] = run_traced(it['code'], it['call'])
    res, hist, hits = cache[key]
    if repr(res) != it['returned']:
        errs.append('returned mismatch %r vs %s' % (res, it['returned']))
    rat = it['rationale']
    last = rat.strip().splitlines()[-1]
    if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
        errs.append('answer field does not match last line')
    allvals = [v for h in hist.values() for v in h] + [res]
    def claim_ok(c):
        what, var = c['what'], c.get('variable')
        if c['quote'] not in rat:
            return 'quote not in rationale: %r' % c['quote']
        v = lit(c['value'])
        if what == 'value':
            if var is None:
                return None if v in allvals else 'value %r never held' % (v,)
            if var not in hist:
                return 'unknown variable %s' % var
            if c.get('seq'):   # a summarised sequence: must be a contiguous run of the history
                d = [x for i, x in enumerate(v) if i == 0 or v[i - 1] != x]
                h = hist[var]
                if c.get('whole'):   # the claim lists the variable's entire history
                    ok = d == h
                else:
                    ok = any(h[j:j + len(d)] == d for j in range(len(h) - len(d) + 1))
                return None if ok else '%s sequence %r not in history %r' % (var, v, h)
            if 'index' in c:
                return None if hist[var][c['index']] == v else '%s[%d] is %r not %r' % (var, c['index'], hist[var][c['index']], v)
            return None if v in hist[var] else '%s never %r' % (var, v)
        if what == 'count':
            n = hits.get(c['body_line'], 0) if 'body_line' in c else hits.get(c['header_line'], 0) - 1
            return None if n == v else 'count %s is %d not %r' % (var, n, v)
        if what in ('arith', 'comparison', 'call'):
            r = eval(c['expr'])
            return None if r == v else '%s -> %r not %r' % (c['expr'], r, v)
        if what == 'return':
            return None if v == res else 'return %r not %r' % (res, v)
        return 'bad claim kind'
    for c in it['claims']:
        if it['label'] == 'error' and c.get('is_error'):
            continue   # the erroneous claim itself is verified below as false
        m = claim_ok(c)
        if m:
            errs.append('claim: ' + m)
    # answers
    if it['direction'] == 'forward':
        try:
            ans_ok = lit(it['answer']) == res
        except Exception:
            ans_ok = False
    else:
        try:
            ans_ok = plain_eval(it['code'], it['answer']) == res and it['answer'].startswith(it['function'] + '(')
        except Exception:
            ans_ok = False
    if it['label'] == 'faithful':
        if not ans_ok:
            errs.append('faithful answer wrong: %s' % it['answer'])
        return errs
    e = it['error']
    if e['quote'] not in rat:
        errs.append('error quote missing')
    k = e['kind']
    if k in ('wrong_final_answer', 'backward_wrong_input'):
        if ans_ok:
            errs.append('error answer is actually right')
        return errs
    if not ans_ok:
        errs.append('error copy answer should stay right')
    chk = e['check']
    if chk['type'] == 'expr':          # arithmetic / comparison: stated result must differ from evaluation
        if eval(chk['expr']) == lit(chk['stated']):
            errs.append('stated expr result is actually true')
    elif chk['type'] == 'count':
        n = hits.get(chk['body_line'], 0) if 'body_line' in chk else hits.get(chk['header_line'], 0) - 1
        if n == lit(chk['stated']) or n != lit(chk['actual']):
            errs.append('stated count is actually right')
    elif chk['type'] == 'at':
        for a in chk['at']:
            h = hist[a['variable']]
            cur = h[a['index']] if 'key' not in a else h[a['index']][a['key']]
            if cur == lit(a['stated']):
                errs.append('stated value is true at that point: %s' % a)
            if lit(a['actual']) != cur:
                errs.append('actual %s mismatches history %r' % (a, cur))
        if k == 'impossible_state':
            a = chk['at'][0]
            if lit(a['stated']) in hist[a['variable']]:
                errs.append('impossible_state value is held at some point')
    if e.get('held_elsewhere'):
        st = lit(chk.get('stated', chk.get('at', [{}])[0].get('stated', 'None')))
        flat = []
        def walk(x):
            flat.append(x)
            if isinstance(x, dict):
                for y in x.values(): walk(y)
            elif isinstance(x, (list, tuple, set)):
                for y in x: walk(y)
        for x in allvals: walk(x)
        if st not in flat:
            errs.append('held_elsewhere but value never held')
    return errs

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    cache, bad, out = {}, 0, []
    ids = set()
    for it in items:
        errs = check_item(it, cache)
        if it['id'] in ids:
            errs.append('duplicate id')
        ids.add(it['id'])
        if errs:
            bad += 1
        out.append('%s %s %s' % ('FAIL' if errs else 'PASS', it['id'], '; '.join(errs)))
    out.append('items: %d  passed: %d  failed: %d' % (len(items), len(items) - bad, bad))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out[-1:] if not bad else out))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
