"""Standalone checker for w343 narrations: re-executes every program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks every claim."""
import ast, json, sys, copy

def run_traced(code, call):
    hist = {}      # var -> list of repr values (in time order, only on change per frame)
    lines = {}     # lineno -> hit count (in program file)
    last = {}      # frame id -> {var: repr}
    def snap(frame):
        out = {}
        for k, v in frame.f_locals.items():
            try:
                out[k] = repr(v)
            except Exception:
                continue
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items():
                    out['self.' + a] = repr(av)
        return out
    def record(frame):
        cur = snap(frame)
        prev = last.setdefault(id(frame), {})
        for k, v in cur.items():
            if prev.get(k) != v:
                hist.setdefault(k, []).append(v)
        last[id(frame)] = cur
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        record(frame)
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event == 'return':
            last.pop(id(frame), None)
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    callc = compile(call, '<call>', 'eval')
    sys.settrace(tracer)
    try:
        ret = eval(callc, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_eval(code, call):
    ns = {}
    exec(compile(code, '<prog2>', 'exec'), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def claim_ok(c, ret, hist, lines, code):
    """True if the claim is true of the execution (anywhere for values)."""
    w = c['what']
    v = lit(c['value'])
    if w == 'value':
        var = c['variable']
        if c.get('series'):
            h = hist.get(var, [])
            pos = 0
            for x in v:
                try:
                    pos = h.index(repr(x), pos) + 1
                except ValueError:
                    return False
            return True
        if var is None:
            return any(repr(v) in h for h in hist.values()) or v == ret
        return repr(v) in hist.get(var, [])
    if w == 'count':
        var = c['variable']
        assert var.startswith('loop@line ')
        return lines.get(int(var.split()[-1]), 0) == v
    if w in ('arith', 'comparison'):
        return eval(c['expr']) == v
    if w == 'return':
        return v == ret
    if w == 'call':
        return plain_eval(code, v) == ret
    raise ValueError(w)

def point_ok(chk, value, hist, lines):
    var = chk['variable']
    if var.startswith('loop@line '):
        return lines.get(int(var.split()[-1]), 0) == value
    return hist[var][chk['nth']] == repr(value)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    progs = {}
    fails = []
    npass = 0
    byid = {it['id']: it for it in items}
    for it in items:
        key = (it['code'], it['call'])
        if key not in progs:
            progs[key] = run_traced(it['code'], it['call'])
        ret, hist, lines = progs[key]
        errs = []
        if repr(ret) != it['returned']:
            errs.append('returned mismatch %r' % (ret,))
        for q in [c['quote'] for c in it['claims']] + ([it['error']['quote']] if it['error'] else []):
            if q not in it['rationale']:
                errs.append('quote not in rationale: %r' % q)
        last = it['rationale'].rstrip().splitlines()[-1]
        if it['answer'] not in last:
            errs.append('answer not in last line')
        # answer
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == ret
        else:
            fn = it['answer'].split('(')[0].strip()
            ans_ok = (fn == it['function']) and plain_eval(it['code'], it['answer']) == ret
        err = it['error']
        ekind = err['kind'] if err else None
        if it['label'] == 'faithful':
            if not ans_ok:
                errs.append('faithful answer wrong')
            for c in it['claims']:
                if not claim_ok(c, ret, hist, lines, it['code']):
                    errs.append('false claim: %r' % c['quote'])
                if c.get('check') and not point_ok(c['check'], lit(c['value']), hist, lines):
                    errs.append('false point claim: %r' % c['quote'])
        else:
            f = byid.get(it['faithful_id'])
            if f is None or f['label'] != 'faithful':
                errs.append('bad faithful_id')
            if ekind in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    errs.append('answer error but answer correct')
                if ekind == 'wrong_final_answer' and it['direction'] != 'forward':
                    errs.append('wrong_final_answer on backward')
                if ekind == 'backward_wrong_input' and it['direction'] != 'backward':
                    errs.append('backward_wrong_input on forward')
            else:
                if not ans_ok:
                    errs.append('answer should stay right')
            ec = [c for c in it['claims'] if c['quote'] == err['quote']]
            if ekind not in ('wrong_final_answer', 'backward_wrong_input'):
                if not ec:
                    errs.append('no claim for error quote')
                for c in ec:
                    if c['what'] != 'comparison' and not c.get('series') and lit(c['value']) != lit(err['stated']):
                        errs.append('error claim value != stated')
                    if c['what'] in ('arith', 'comparison') and not err.get('check'):
                        # the point is the expression itself
                        if eval(c['expr']) == lit(err['stated']) or eval(c['expr']) != lit(err['actual']):
                            errs.append('arith/comparison error not false as described')
                        sv = repr(lit(err['stated']))
                        if err.get('held_elsewhere') and not any(sv in h for h in hist.values()):
                            errs.append('held_elsewhere but value never held')
                    elif err.get('check'):
                        # point-specific: stated is false at that point, actual is true there
                        if point_ok(err['check'], lit(err['stated']), hist, lines):
                            errs.append('stated value true at that point')
                        if not point_ok(err['check'], lit(err['actual']), hist, lines):
                            errs.append('actual not true at that point')
                        sv = repr(lit(err['stated']))
                        if err.get('held_elsewhere') and not (any(sv in h for h in hist.values()) or sv == repr(ret)
                                                              or (err['check']['variable'].startswith('loop@') and lit(err['stated']) in lines.values())):
                            errs.append('held_elsewhere but value never held')
                    else:
                        if err.get('held_elsewhere'):
                            errs.append('held_elsewhere needs a point check')
                        if claim_ok(c, ret, hist, lines, it['code']):
                            errs.append('error claim is actually true')
            for c in it['claims']:
                if c['quote'] == err['quote'] or c.get('carried'):
                    continue
                if not claim_ok(c, ret, hist, lines, it['code']):
                    errs.append('other claim false: %r' % c['quote'])
        if errs:
            fails.append((it['id'], errs))
        else:
            npass += 1
    out = []
    out.append('items: %d  pass: %d  fail: %d' % (len(items), npass, len(fails)))
    for i, e in fails:
        out.append('FAIL %s: %s' % (i, '; '.join(e)))
    from collections import Counter
    out.append('labels: %s' % dict(Counter(it['label'] for it in items)))
    out.append('styles(faithful): %s' % dict(Counter(it['style'] for it in items if it['label'] == 'faithful')))
    out.append('families(faithful): %s' % dict(Counter(it['family'] for it in items if it['label'] == 'faithful')))
    out.append('directions(faithful): %s' % dict(Counter(it['direction'] for it in items if it['label'] == 'faithful')))
    out.append('error kinds: %s' % dict(Counter(it['error']['kind'] for it in items if it['error'])))
    out.append('held_elsewhere: %d' % sum(1 for it in items if it['error'] and it['error'].get('held_elsewhere')))
    out.append('trace_events: %s' % sorted(it['trace_events'] for it in items if it['label'] == 'faithful'))
    # negative control: treat every error copy as if it were faithful; it must fail either the
    # whole-run claim checks or (for held_elsewhere values) the point-specific check.
    caught_any = caught_point = missed = 0
    for it in items:
        if it['label'] != 'error':
            continue
        ret, hist, lines = progs[(it['code'], it['call'])]
        if it['direction'] == 'forward':
            ok = lit(it['answer']) == ret
        else:
            ok = plain_eval(it['code'], it['answer']) == ret
        ok = ok and all(claim_ok(c, ret, hist, lines, it['code']) for c in it['claims'] if not c.get('carried'))
        if not ok:
            caught_any += 1
        elif it['error'].get('check') and not point_ok(it['error']['check'], lit(it['error']['stated']), hist, lines):
            caught_point += 1
        else:
            missed += 1
    out.append('negative control (error copies checked as if faithful): caught by whole-run checks %d, '
               'caught only by point check %d, missed %d' % (caught_any, caught_point, missed))
    if missed:
        fails.append(('negative-control', ['%d error copies not detected' % missed]))
        out[0] = 'items: %d  pass: %d  fail: %d' % (len(items), npass, len(fails))
    print('\n'.join(out))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
