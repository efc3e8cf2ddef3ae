"""Standalone checker for w445 narrations: runs each program under sys.settrace, records
per-variable value histories, and checks claims / answers / error copies."""
import sys, json, copy, re

def run_traced(code, call):
    hist = {}      # name -> list of values in order of change
    last = {}
    lines = {}     # line number -> times executed
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                items = [('self.' + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    c = copy.deepcopy(val)
                except Exception:
                    c = val
                if name not in last or not (type(last[name]) is type(c) and last[name] == c):
                    last[name] = c
                    hist.setdefault(name, []).append(c)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tr
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_eval(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return eval(s, {})

def strip_tick(s):
    return s.replace('`', '').strip()

def check_claim(c, ret, hist, lines, item):
    what = c['what']; val = lit(c['value'])
    if what == 'value' and c.get('seq'):
        vals = hist.get(c['variable'], [])
        n = len(val)
        return any(vals[i:i + n] == list(val) for i in range(len(vals))), f"{c['variable']} history {vals}"
    if what == 'value':
        vals = hist.get(c['variable'], [])
        return any(type(v) is type(val) and v == val for v in vals) or (val in vals), f"{c['variable']} history {vals}"
    if what == 'count':
        n = lines.get(c['line'], 0)
        return n == val, f"line {c['line']} ran {n}"
    if what == 'return':
        return ret == val, f"returned {ret!r}"
    if what in ('arith', 'comparison'):
        expr = c.get('expr') or strip_tick(c['quote']).rsplit('=', 1)[0]
        got = eval(expr, {})
        return got == val, f"{expr} -> {got!r}"
    return False, 'unknown what'

def check_error(item, ret, hist, lines):
    e = item['error']; ck = e['check']; t = ck['type']
    stated = lit(ck.get('stated', e['stated'])) if t not in ('answer',) else None
    if t == 'hist':
        vals = hist.get(ck['var'], [])
        at = vals[ck['idx']]
        ok = at != stated and at == lit(ck.get('actual', e['actual']))
        if e.get('held_elsewhere'):
            ok = ok and any(stated in hv or stated == hv for hv in hist.values())
        return ok, f"{ck['var']}[{ck['idx']}]={at!r} stated {stated!r}"
    if t == 'count':
        n = lines.get(ck['line'], 0)
        return n != stated and n == lit(e['actual']), f"line {ck['line']} ran {n}, stated {stated}"
    if t in ('arith', 'cmp'):
        got = eval(ck['expr'], {})
        ok = got != stated and got == lit(e['actual'])
        if e.get('held_elsewhere'):
            ok = ok and any(stated in hv or stated == hv for hv in hist.values())
        return ok, f"{ck['expr']} -> {got!r} stated {stated!r}"
    if t == 'answer':
        if item['direction'] == 'forward':
            a = lit(item['answer'])
            return a != ret, f"answer {a!r} vs returned {ret!r}"
        try:
            got = plain_eval(item['code'], item['answer'])
        except Exception as ex:
            return True, f"answer call raises {ex!r}"
        return repr(got) != item['returned'], f"answer call gives {got!r}, output {item['returned']}"
    if t == 'multi':
        res = []
        for sub in ck['checks']:
            vals = hist.get(sub['var'], [])
            at = vals[sub['idx']]
            res.append(at == lit(sub['actual']) and at != lit(sub['stated']))
        return all(res), f"multi {res}"
    return False, 'unknown check'

def main(path):
    items = [json.loads(l) for l in open(path, encoding='utf-8') if l.strip()]
    out = []; bad = 0
    for it in items:
        msgs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            msgs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']) and not it['rationale'].rstrip().splitlines()[-1].endswith(it['answer']):
            msgs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                msgs.append(f"quote not in rationale: {c['quote']!r}")
        if it['label'] == 'faithful':
            for c in it['claims']:
                ok, why = check_claim(c, ret, hist, lines, it)
                if not ok:
                    msgs.append(f"claim false: {c['quote']!r}: {why}")
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret:
                    msgs.append('forward answer wrong')
            else:
                got = plain_eval(it['code'], it['answer'])
                if repr(got) != it['returned']:
                    msgs.append(f'backward answer gives {got!r}')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                msgs.append('error quote not in rationale')
            ok, why = check_error(it, ret, hist, lines)
            if not ok:
                msgs.append('error not confirmed false: ' + why)
            else:
                msgs.append('error confirmed: ' + why)
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and not e.get('carried'):
                # answer must still be right
                if it['direction'] == 'forward' and lit(it['answer']) != ret:
                    msgs.append('error copy changed answer')
                if it['direction'] == 'backward' and repr(plain_eval(it['code'], it['answer'])) != it['returned']:
                    msgs.append('error copy changed answer')
        fail = any(not (m.startswith('error confirmed')) for m in msgs)
        bad += fail
        out.append(("FAIL " if fail else "ok   ") + it['id'] + ("  " + " | ".join(msgs) if msgs else ""))
    out.append(f"\n{len(items)} items, {bad} failing")
    print("\n".join(out))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
