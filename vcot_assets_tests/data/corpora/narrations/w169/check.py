"""Standalone checker for w169 narrations: runs each call under sys.settrace, records
variable histories per frame (locals + self attributes), and checks claims / errors."""
import json, sys, ast, collections

def run_traced(code, call):
    hist = collections.defaultdict(list)   # name -> list of distinct successive values
    lines = collections.Counter()          # (func, line) -> hits
    snaps = collections.defaultdict(list)  # (func, line) -> locals snapshot at each hit
    def rec(name, val):
        try: v = ast.literal_eval(repr(val))
        except Exception: return
        h = hist[name]
        if not h or h[-1] != v or type(h[-1]) != type(v): h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items(): rec('self.' + a, av)
            else: rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>': return None
        def local(frame, event, arg):
            snap(frame)
            if event == 'line':
                lines[(frame.f_code.co_name, frame.f_lineno)] += 1
                snaps[(frame.f_code.co_name, frame.f_lineno)].append(dict(frame.f_locals))
            return local
        snap(frame)
        return local
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try: ret = eval(call, g)
    finally: sys.settrace(None)
    run_traced.snaps = snaps
    return ret, hist, lines

def plain(code, call):
    g = {}; exec(compile(code, '<prog>', 'exec'), g); return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, lines, item):
    w = c['what']; v = lit(c['value'])
    if 'at' in c:   # value of an expression at the nth execution of a line
        a = c['at']; r = eval(a['var'], {}, run_traced.snaps[(a['func'], a['line'])][a['nth']])
        return r == v, f"at {a}: {r!r}"
    if w == 'value':
        return v in hist.get(c['variable'], []), f"{c['variable']} history {hist.get(c['variable'])}"
    if w == 'count':
        n = lines[(c['func'], c['line'])]
        return n == v, f"line {c['line']} ran {n}"
    if w in ('arith', 'comparison'):
        r = eval(c.get('expr', c['quote']))
        return r == v, f"eval -> {r!r}"
    if w == 'return':
        return v == ret, f"returned {ret!r}"
    if w == 'call':
        r = plain(item['code'], v)
        return repr(r) == item['returned'], f"call -> {r!r}"
    return False, 'unknown what'

def check_error(e, ret, hist, lines, item):
    k = e['kind']; at = e.get('at', {})
    stated = e['stated']
    if k == 'wrong_final_answer':
        return lit(item['answer']) != ret, 'answer differs'
    if k == 'backward_wrong_input':
        r = plain(item['code'], item['answer'])
        return repr(r) != item['returned'], f"wrong call gives {r!r}"
    if 'expr' in at:        # arithmetic / comparison: true value of the expression
        r = eval(at['expr'])
        return r != lit(stated) and r == lit(e['actual']), f"expr -> {r!r}"
    if 'line' in at and 'nth' not in at:        # loop count
        n = lines[(at['func'], at['line'])]
        return n != lit(stated) and n == lit(e['actual']), f"ran {n}"
    if 'nth' in at:
        r = eval(at['var'], {}, run_traced.snaps[(at['func'], at['line'])][at['nth']])
        ok = r == lit(e['actual']) and r != lit(stated)
        if e.get('held_elsewhere') and at['var'].isidentifier():
            ok = ok and lit(stated) in hist.get(at['var'], [])
        return ok, f"at {at}: {r!r}"
    if 'var' in at:
        h = hist.get(at['var'], [])
        if k == 'impossible_state':
            return lit(stated) not in h, f"history {h}"
        ok = h[at['k']] == lit(e['actual']) and h[at['k']] != lit(stated)
        if e.get('held_elsewhere'):
            ok = ok and lit(stated) in h
        return ok, f"history {h}, at k={at['k']}: {h[at['k']]!r}"
    return False, 'no check spec'

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    fails = 0; out = []
    for it in items:
        ret, hist, lines = run_traced(it['code'], it['call'])
        probs = []
        if repr(ret) != it['returned']: probs.append(f"returned {ret!r} != {it['returned']}")
        if it['error'] is None or True:
            pass
        if it['label'] == 'faithful':
            for c in it['claims']:
                if c['quote'] not in it['rationale']: probs.append(f"quote missing: {c['quote']}")
                ok, why = check_claim(c, ret, hist, lines, it)
                if not ok: probs.append(f"claim false: {c['quote']} ({why})")
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: probs.append('forward answer wrong')
            else:
                r = plain(it['code'], it['answer'])
                if repr(r) != it['returned']: probs.append(f'backward answer gives {r!r}')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']: probs.append('error quote missing')
            ok, why = check_error(e, ret, hist, lines, it)
            if not ok: probs.append(f"error not confirmed false: {why}")
            if not it['rationale'].rstrip().endswith(it['answer']): probs.append('answer line mismatch')
            for c in it['claims']:
                if c['quote'] not in it['rationale']: probs.append(f"claim quote missing: {c['quote']}")
        if not it['rationale'].rstrip().split('\n')[-1].startswith('Answer:') and not it['rationale'].rstrip().split('\n')[-1].startswith('Predicted Output:'):
            probs.append('last line not Answer')
        status = 'PASS' if not probs else 'FAIL'
        if probs: fails += 1
        out.append(f"{status} {it['id']}" + ''.join('\n    ' + p for p in probs))
    out.append(f"\n{len(items)} items, {fails} failing")
    print('\n'.join(out))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
