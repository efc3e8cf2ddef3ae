"""Standalone checker for w102 narrations: re-executes every program with sys.settrace
and checks the claims of each narration (faithful: all true; error copies: the marked claim false
at its point, every other claim true)."""
import ast, copy, json, sys, re

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run_traced(code, call):
    hist = {}            # name -> list of successive distinct values (over all frames)
    lines = {}           # line number -> executions
    def record(name, val):
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)
    def grab(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    record('self.' + a, snap(av))
            elif not callable(v) and not k.startswith('__'):
                record(k, snap(v))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            grab(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            grab(frame)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<prog>', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_call(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def dedupe(xs):
    out = []
    for x in xs:
        if not out or out[-1] != x:
            out.append(x)
    return out

def history(hist, name):
    """'counts[1]' -> successive values of counts[1]; plain names -> their history."""
    m = re.fullmatch(r"([\w.]+)\[(.+)\]", name)
    if not m:
        return hist.get(name, [])
    key = ast.literal_eval(m.group(2)); vals = []
    for h in hist.get(m.group(1), []):
        try:
            vals.append(h[key])
        except (KeyError, IndexError, TypeError):
            pass
    return dedupe(vals)

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, ret, hist, lines, code, held=False):
    """Return (ok, why). For value claims with 'at' the claim is checked at that point."""
    w = c['what']
    if w == 'value':
        v = lit(c['value']); name = c['variable']
        h = history(hist, name)
        if c.get('seq'):
            v = dedupe(v)
            st = c.get('at')
            if st is not None:
                return h[st:st + len(v)] == v, f"{name}[{st}:] = {h[st:st+len(v)]!r}"
            return any(h[i:i + len(v)] == v for i in range(len(h))), f"{name} history {h!r}"
        if 'at' in c:
            return (c['at'] < len(h) and h[c['at']] == v), f"{name}[{c['at']}]={h[c['at']] if c['at'] < len(h) else None!r}"
        return (v in h), f"{name} history {h!r}"
    if w == 'count':
        m = re.search(r'line (\d+)', c['variable'])
        n = lines.get(int(m.group(1)), 0)
        return n == lit(c['value']), f"line {m.group(1)} ran {n}"
    if w in ('arith', 'comparison'):
        r = eval(c['expr'], {})
        return r == lit(c['value']), f"{c['expr']} -> {r!r}"
    if w == 'return':
        return ret == lit(c['value']), f"returned {ret!r}"
    if w == 'call':
        r = plain_call(code, c['value'])
        return r == ret, f"{c['value']} -> {r!r}"
    return False, 'unknown claim kind'

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    progs = {json.loads(l)['id']: json.loads(l) for l in open('programs.jsonl') if l.strip()}
    byid = {it['id']: it for it in items}
    fails = 0; out = []
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append(f"returned mismatch {ret!r}")
        p = progs.get(it['program_id'])
        if p is None or p['returned'] != it['returned'] or len(p['events']) != it['trace_events']:
            probs.append('programs.jsonl mismatch')
        last = it['rationale'].rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            probs.append('answer line mismatch')
        err = it['error']
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append(f"quote not in rationale: {c['quote']!r}")
            if c.get('wrong') or c.get('carried'):
                continue
            ok, why = claim_true(c, ret, hist, lines, it['code'])
            if not ok:
                probs.append(f"false claim {c['quote']!r}: {why}")
        # answer
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == ret
        else:
            ans_ok = plain_call(it['code'], it['answer']) == ret and it['answer'].startswith(it['function'] + '(')
        if it['label'] == 'faithful':
            if err is not None or it['faithful_id'] is not None:
                probs.append('faithful with error')
            if not ans_ok:
                probs.append('faithful answer wrong')
        else:
            if it['faithful_id'] not in byid:
                probs.append('faithful_id missing')
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            wrong = [c for c in it['claims'] if c.get('wrong')]
            if err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('error answer is actually right')
            else:
                if not ans_ok:
                    probs.append('answer wrong in non-answer error copy')
            if not wrong:
                probs.append('no wrong claim')
            for c in wrong:
                ok, why = claim_true(c, ret, hist, lines, it['code'])
                if ok:
                    probs.append(f"error claim is true: {why}")
                if len(wrong) == 1 and c['value'] != err['stated'] and lit(c['value']) != lit(err['stated']):
                    probs.append('stated mismatch')
                if err.get('held_elsewhere'):
                    hv = c.get('held_var', c['variable'])
                    hval = lit(c['held_value']) if 'held_value' in c else lit(c['value'])
                    if hval not in history(hist, hv):
                        probs.append(f"held_elsewhere but {c['value']} never held by {hv}")
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        out.append(f"{status} {it['id']}" + ''.join('\n    ' + q for q in probs))
    out.append(f"\n{len(items)} items, {fails} failing")
    txt = '\n'.join(out)
    open('check_report.txt', 'w').write(txt + '\n')
    print(txt)
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
