"""Standalone checker for w388 narrations: re-executes every program with sys.settrace,
records per-variable value histories and line hit counts, and checks every claim / error."""
import ast, copy, json, sys

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return eval(s, {})

def run_traced(code, call):
    hist, hits = {}, {}
    def snap(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event in ('line', 'return'):
            if event == 'line':
                hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            for k, v in list(frame.f_locals.items()):
                if k == 'self':
                    for a, av in list(getattr(v, '__dict__', {}).items()):
                        snap('self.' + a, av)
                else:
                    snap(k, v)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        res = eval(compile(call, '<prog>', 'eval'), g)
    finally:
        sys.settrace(None)
    return res, hist, hits

def plain_eval(code, call):
    g = {}
    exec(code, g)
    return eval(call, g)

def strip_expr(q):
    return q.replace('`', '').strip()

def check_claim(c, res, hist, hits, code=None):
    """Return (ok, message): ok means the claim is TRUE of the execution."""
    if c['what'] == 'call':
        try:
            got = plain_eval(code, c['value'])
        except Exception as e:
            return False, f"call raised {e!r}"
        return (got == res), f"call gives {got!r}"
    what, val = c['what'], lit(c['value'])
    if what == 'value':
        h = hist.get(c['variable'], [])
        if 'at' in c:
            k = c['at']
            return (-len(h) <= k < len(h) and h[k] == val), f"{c['variable']}[{k}] hist={h}"
        return (val in h), f"{c['variable']} hist={h}"
    if what == 'count':
        line = c.get('line')
        if line is None:
            line = int(c['variable'].split('@line')[-1])
        n = hits.get(line, 0)
        return (n == val), f"line {line} ran {n}"
    if what in ('arith', 'comparison'):
        expr = c.get('expr') or strip_expr(c['quote']).split('=')[0] if what == 'arith' else (c.get('expr') or strip_expr(c['quote']))
        got = eval(expr, {})
        return (got == val), f"{expr} -> {got!r}"
    if what == 'derived':
        # a value computed from the recorded histories (e.g. a loop's per-iteration values)
        got = eval(c['expr'], {'hist': hist, 'hits': hits})
        return (got == val), f"{c['expr']} -> {got!r}"
    if what == 'return':
        return (res == val), f"returned {res!r}"
    if what == 'call':
        return None, 'call'
    return False, 'unknown what'

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    fails, lines = 0, []
    for it in items:
        errs = []
        res, hist, hits = run_traced(it['code'], it['call'])
        if repr(res) != it['returned']:
            errs.append(f"returned mismatch {res!r} vs {it['returned']}")
        for key in ('id', 'program_id', 'code', 'call', 'function', 'returned', 'kind', 'trace_events',
                    'direction', 'style', 'family', 'rationale', 'answer', 'label', 'faithful_id', 'error', 'claims'):
            if key not in it:
                errs.append('missing ' + key)
        rat = it['rationale']
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            errs.append('answer line mismatch: ' + last)
        # answer semantics
        if it['direction'] == 'forward':
            ans_ok = (lit(it['answer']) == res)
        else:
            try:
                ans_ok = (plain_eval(it['code'], it['answer']) == res)
            except Exception as e:
                ans_ok = False
        err = it['error']
        if it['label'] == 'faithful' or (err and err['kind'] not in ('wrong_final_answer', 'backward_wrong_input')):
            if not ans_ok:
                errs.append('answer wrong: ' + it['answer'])
        # claims
        for c in it['claims']:
            if c['quote'] not in rat:
                errs.append('quote not in rationale: ' + c['quote'])
            is_err_claim = err is not None and c['quote'] == err['quote'] and c['value'] == err['stated']
            ok, msg = check_claim(c, res, hist, hits, it['code'])
            if ok is None:
                continue
            if is_err_claim:
                if ok:
                    errs.append('error claim is actually true: ' + c['quote'] + ' ' + msg)
            elif not ok:
                errs.append('false claim: ' + c['quote'] + ' ' + msg)
        if it['label'] == 'error':
            if err['quote'] not in rat:
                errs.append('error quote not in rationale')
            if err['stated'] == err['actual']:
                errs.append('stated == actual')
            k = err['kind']
            if k == 'wrong_final_answer':
                if ans_ok: errs.append('final answer not wrong')
            elif k == 'backward_wrong_input':
                if ans_ok: errs.append('backward input still produces output')
            else:
                chk = err.get('check')
                if not chk:
                    errs.append('no point check for error')
                else:
                    cl = dict(chk); cl['value'] = err['actual']; cl.setdefault('quote', err['quote'])
                    ok, msg = check_claim(cl, res, hist, hits, it['code'])
                    if not ok:
                        errs.append('actual not true at point: ' + msg)
                    cl['value'] = err['stated']
                    ok2, msg2 = check_claim(cl, res, hist, hits, it['code'])
                    if ok2:
                        errs.append('stated value is true at point: ' + msg2)
                    if err.get('held_elsewhere'):
                        if chk['what'] == 'value' or chk['what'] == 'count':
                            allv = [v for hv in hist.values() for v in hv] + list(hits.values())
                            if lit(err['stated']) not in allv:
                                errs.append('held_elsewhere but stated value never held')
                        elif chk['what'] == 'arith':
                            allv = [v for hv in hist.values() for v in hv]
                            if lit(err['stated']) not in allv:
                                errs.append('held_elsewhere but stated value never held')
        status = 'PASS' if not errs else 'FAIL'
        if errs: fails += 1
        lines.append(f"{status} {it['id']} ({it['direction']}, {it['style']}, {it['family']}, events={it['trace_events']}, claims={len(it['claims'])})" + ''.join('\n    ' + e for e in errs))
    lines.append(f"\n{len(items)} items, {fails} failing")
    out = '\n'.join(lines)
    print(out)
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
