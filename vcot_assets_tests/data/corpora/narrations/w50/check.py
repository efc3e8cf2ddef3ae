#!/usr/bin/env python3
"""Standalone checker for w50 narrations: re-executes each program under sys.settrace and
verifies returned values, claims of faithful items, and that each error copy's error is false.
Usage: python3 check.py [narrations.jsonl]  |  python3 check.py --show CODEFILE CALL"""
import sys, json, ast, copy

def _snap(loc):
    out = {}
    for k, v in loc.items():
        if k.startswith('__') or isinstance(v, type) or callable(v):
            continue
        objs = [(k, v)]
        if hasattr(v, '__dict__'):
            objs = [(k + '.' + a, b) for a, b in vars(v).items()]
        for name, val in objs:
            try: out[name] = copy.deepcopy(val)
            except Exception: out[name] = val
    return out

def record(code, call):
    FN = '<prog>'
    hist, lines, rets = {}, {}, {}
    def upd(fn, snap):
        for k, v in snap.items():
            h = hist.setdefault((fn, k), [])
            if not h or not (type(h[-1]) == type(v) and h[-1] == v):
                h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN or frame.f_code.co_name == '<module>':
            return tr
        fn = frame.f_code.co_name
        snap = _snap(frame.f_locals)
        upd(fn, snap)
        if event == 'line':
            lines.setdefault((fn, frame.f_lineno), []).append(snap)
        elif event == 'return':
            rets.setdefault(fn, []).append(copy.deepcopy(arg))
        return tr
    g = {}
    exec(compile(code, FN, 'exec'), g)
    sys.settrace(tr)
    try:
        res = eval(compile(call, FN, 'eval'), g)
    finally:
        sys.settrace(None)
    return dict(result=res, hist=hist, lines=lines, rets=rets, g=g)

def run_call(code, call):
    g = {}
    exec(compile(code, '<prog2>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def history(r, var, fn=None):
    out = []
    for (f, k), h in r['hist'].items():
        if k == var and (fn is None or f == fn):
            out.extend(h)
    return out

def same(a, b):
    return type(a) == type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)

def truth(r, c, item):
    """Return (ok, msg): ok True if the claim is true of the execution."""
    w = c['what']; ex = c.get('check', {}) or {}
    fn = ex.get('fn')
    if w == 'value':
        if fn is None and (item['function'], c['variable']) in r['hist'] and ('index' in ex or 'hslice' in ex):
            fn = item['function']
        elif fn is None and ('index' in ex or 'hslice' in ex):
            fs = [f for (f, k) in r['hist'] if k == c['variable']]
            fn = fs[0] if fs else None
        v = lit(c['value']); h = history(r, c['variable'], fn)
        if not h:
            return False, f"no history for {c['variable']}"
        if 'hslice' in ex:
            got = h[ex['hslice'][0]:ex['hslice'][1]]
            return got == v, f"{c['variable']} hist slice {got!r} vs {v!r}"
        if 'index' in ex:
            i = ex['index']
            if i >= len(h) or i < -len(h):
                return False, f"index {i} out of range for {c['variable']} {h!r}"
            return same(h[i], v), f"{c['variable']}[{i}]={h[i]!r} vs {v!r}"
        if 'line' in ex and 'when' in ex:
            snaps = [s for (f, l), ss in r['lines'].items() if l == ex['line'] and (fn is None or f == fn) for s in ss]
            got = []
            for s in snaps:
                if eval(ex['when'], dict(r['g']), dict(s, S=s)):
                    x = eval(ex['vexpr'], dict(r['g']), dict(s, S=s)) if 'vexpr' in ex else s.get(c['variable'])
                    if not got or got[-1] != x: got.append(x)
            return got == v, f"{c['variable']} when {ex['when']}: {got!r} vs {v!r}"
        if 'line' in ex and 'seq' in ex:
            snaps = [s for (f, l), ss in r['lines'].items() if l == ex['line'] and (fn is None or f == fn) for s in ss]
            got = [s.get(c['variable']) for s in snaps[ex['seq'][0]:ex['seq'][1]]]
            return got == v, f"{c['variable']} seq {got!r} vs {v!r}"
        if 'line' in ex:
            snaps = [s for (f, l), ss in r['lines'].items() if l == ex['line'] and (fn is None or f == fn) for s in ss]
            s = snaps[ex.get('hit', 0)]
            return same(s.get(c['variable']), v), f"{c['variable']}@line{ex['line']}#{ex.get('hit',0)}={s.get(c['variable'])!r} vs {v!r}"
        return any(same(x, v) for x in h), f"{c['variable']} hist {h!r}"[:300] + f" vs {v!r}"
    if w == 'count':
        v = lit(c['value'])
        want = ex['lines'] if 'lines' in ex else [ex['line']]
        n = sum(len(ss) for (f, l), ss in r['lines'].items() if l in want and (fn is None or f == fn))
        if 'div' in ex: n //= ex['div']
        if 'sub' in ex: n -= ex['sub']
        return n == v, f"count lines {want} = {n} vs {v}"
    if w == 'comparison':
        v = lit(c['value'])
        snaps = [s for (f, l), ss in r['lines'].items() if l == ex['line'] and (fn is None or f == fn) for s in ss]
        s = snaps[ex.get('hit', 0)]
        got = bool(eval(ex['expr'], dict(r['g']), dict(s, S=s)))
        return got == v, f"{ex['expr']} at line {ex['line']}#{ex.get('hit',0)} = {got} vs {v}"
    if w == 'arith':
        v = lit(c['value'])
        got = eval(ex.get('expr', c['quote']))
        return same(got, v) or got == v, f"{ex.get('expr', c['quote'])} = {got!r} vs {v!r}"
    if w == 'return':
        v = lit(c['value'])
        rv = r['rets'].get(fn or item['function'], [])
        return (any(same(x, v) or x == v for x in rv) if fn else same(r['result'], v) or r['result'] == v), f"return {rv!r} vs {v!r}"[:300]
    if w == 'call':
        got = run_call(item['code'], c['value'])
        return got == r['result'], f"{c['value']} -> {got!r}"
    return False, 'unknown what ' + w

def check_item(it):
    errs = []
    r = record(it['code'], it['call'])
    if repr(r['result']) != it['returned']:
        errs.append(f"returned mismatch {r['result']!r} != {it['returned']}")
    txt = it['rationale']
    last = txt.rstrip().splitlines()[-1]
    if not last.startswith('Answer:') and not last.startswith('Predicted Output:'):
        errs.append('last line not Answer')
    if it['answer'] not in last:
        errs.append('answer not in last line')
    for c in it['claims']:
        if c['quote'] not in txt:
            errs.append('quote not in rationale: ' + c['quote'])
    # answer
    if it['direction'] == 'forward':
        ans_ok = lit(it['answer']) == r['result'] and repr(lit(it['answer'])) == repr(r['result'])
    else:
        try: ans_ok = run_call(it['code'], it['answer']) == r['result']
        except Exception as e: ans_ok = False
    if it['label'] == 'faithful':
        if not ans_ok: errs.append('faithful answer wrong: ' + it['answer'])
        for c in it['claims']:
            ok, msg = truth(r, c, it)
            if not ok: errs.append('false claim: ' + c['quote'] + ' :: ' + msg)
    else:
        e = it['error']
        if e['quote'] not in txt: errs.append('error quote missing')
        k = e['kind']
        if k in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok: errs.append('error answer is actually right')
            for c in it['claims']:
                if c.get('is_error'):
                    ok, msg = truth(r, c, it)
                    if ok: errs.append('error claim is TRUE: ' + msg)
                elif not c.get('carried'):
                    ok, msg = truth(r, c, it)
                    if not ok: errs.append('non-error claim false: ' + c['quote'] + ' :: ' + msg)
        else:
            if not ans_ok and not e.get('carried'): errs.append('answer wrong in non-answer error copy')
            ec = [c for c in it['claims'] if c.get('is_error')]
            if not ec: errs.append('no error claim')
            for c in ec:
                ok, msg = truth(r, c, it)
                if ok: errs.append('error claim is TRUE: ' + msg)
                if e.get('held_elsewhere') and c['what'] in ('value', 'arith', 'count'):
                    if c['what'] == 'arith':
                        allv = [x for hh in r['hist'].values() for x in hh]
                        for x in list(allv):
                            if isinstance(x, (list, tuple)): allv.extend(x)
                            elif isinstance(x, dict): allv.extend(x.values())
                        if not any(same(x, lit(c['value'])) for x in allv):
                            errs.append('held_elsewhere but arith result never held')
                    if c['what'] == 'count':
                        # the stated count must be the execution count of some other line (e.g. the loop header)
                        counts = {len(ss) for ss in r['lines'].values()}
                        if lit(c['value']) not in counts:
                            errs.append('held_elsewhere but count matches no line count')
                    if c['what'] == 'value':
                        cx = c.get('check') or {}
                        sv = lit(e['stated']) if ('seq' in cx or 'when' in cx or 'hslice' in cx) else lit(c['value'])
                        allv = [x for hh in r['hist'].values() for x in hh]
                        for x in list(allv):  # elements held inside containers count too
                            if isinstance(x, (list, tuple)): allv.extend(x)
                            elif isinstance(x, dict): allv.extend(x.values())
                        if not any(same(x, sv) for x in allv):
                            errs.append('held_elsewhere but value never held')
            # other claims in an error copy must still be true (except carried)
            for c in it['claims']:
                if c.get('is_error') or c.get('carried'): continue
                ok, msg = truth(r, c, it)
                if not ok: errs.append('non-error claim false: ' + c['quote'] + ' :: ' + msg)
    return errs

def main():
    if len(sys.argv) > 1 and sys.argv[1] == '--show':
        code = open(sys.argv[2]).read(); r = record(code, sys.argv[3])
        print('RESULT', repr(r['result']))
        for (fn, k), h in r['hist'].items(): print(f'{fn}.{k}: {h!r}'[:600])
        for (fn, l), s in sorted(r['lines'].items(), key=lambda x: x[0][1]): print(f'line {l} ({fn}) hits={len(s)}')
        return
    path = sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    for it in items:
        try: errs = check_item(it)
        except Exception as ex: errs = ['EXC ' + repr(ex)]
        status = 'PASS' if not errs else 'FAIL'
        if errs: bad += 1
        print(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it['error'] else ''}, {len(it['claims'])} claims)")
        for e in errs: print('   ', e)
    print(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    sys.exit(1 if bad else 0)

if __name__ == '__main__':
    main()
