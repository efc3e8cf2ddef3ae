"""Standalone checker for w99 narrations: re-executes each program with sys.settrace
and verifies claims / errors against the real execution. Standard library only."""
import ast, copy, json, sys

HERE = '/work/corpus/narrations/w99/'

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    g = {'__name__': 'prog'}
    exec(compile(code, '<prog>', 'exec'), g)
    hist = {}      # name -> list of distinct successive values (merged over frames)
    lines = {}     # line number -> times executed
    atline = {}    # (line, name) -> values seen each time that line is about to run
    def record(frame):
        for k, v in frame.f_locals.items():
            if k.startswith('__'):
                continue
            keys = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                keys = [('self.' + a, b) for a, b in vars(v).items()]
            for name, val in keys:
                s = snap(val)
                h = hist.setdefault(name, [])
                if not h or h[-1] != s:
                    h.append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        record(frame)
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            for k, v in frame.f_locals.items():
                pairs = [(k, v)]
                if k == 'self' and hasattr(v, '__dict__'):
                    pairs = [('self.' + a, b) for a, b in vars(v).items()]
                for name, val in pairs:
                    atline.setdefault((frame.f_lineno, name), []).append(snap(val))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, (lines, atline)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, result, hist, la):
    """Return (ok, msg): ok True when the claim is true of the execution."""
    lines, atline = la
    what = c['what']
    if what == 'value':
        v = lit(c['value'])
        h = hist.get(c['variable'], [])
        if 'at_line' in c:   # value of the variable each time line at_line is reached
            seq = atline.get((c['at_line'], c['variable']), [])
            if 'iter' in c:
                return len(seq) > c['iter'] and seq[c['iter']] == v, f"at line {c['at_line']}: {seq}"
            return seq == v, f"at line {c['at_line']}: {seq}"
        if 'index' in c:
            ok = len(h) > c['index'] and h[c['index']] == v
        else:
            ok = v in h
        return ok, f"{c['variable']} history {h[:40]}"
    if what == 'count':
        n = lines.get(c['line'], 0)
        return n == lit(c['value']), f"line {c['line']} ran {n}"
    if what == 'comparison':
        r = bool(eval(c['expr'], {}))
        return r == lit(c['value']), f"{c['expr']} -> {r}"
    if what == 'arith':
        r = eval(c['expr'], {})
        return r == lit(c['value']), f"{c['expr']} -> {r!r}"
    if what == 'return':
        return lit(c['value']) == result, f"returned {result!r}"
    if what == 'call':
        return True, ''
    return False, 'unknown claim kind'

def main():
    items = [json.loads(l) for l in open(HERE + 'narrations.jsonl') if l.strip()]
    progs = {json.loads(l)['id']: json.loads(l) for l in open(HERE + 'programs.jsonl') if l.strip()}
    fails = 0
    out = []
    for it in items:
        probs = []
        result, hist, lines = run(it['code'], it['call'])
        if repr(result) != it['returned']:
            probs.append(f'returned mismatch {result!r} != {it["returned"]}')
        p = progs.get(it['program_id'])
        if p is None or p['returned'] != it['returned'] or p['events'].__len__() != it['trace_events']:
            probs.append('programs.jsonl mismatch')
        r = it['rationale']
        if not r.rstrip().splitlines()[-1].startswith('Answer:') and it['error'] is None:
            probs.append('last line not Answer:')
        err = it['error']
        for c in it['claims']:
            if c['quote'] not in r:
                probs.append(f'quote not in rationale: {c["quote"]!r}')
            ok, msg = check_claim(c, result, hist, lines)
            is_err = err is not None and c.get('is_error')
            if is_err:
                if ok:
                    probs.append(f'error claim is actually true: {c["quote"]!r} ({msg})')
            elif not ok:
                probs.append(f'false claim: {c["quote"]!r} ({msg})')
        # answer
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == result
        else:
            g = {}
            exec(it['code'], g)
            ans_ok = repr(eval(it['answer'], g)) == it['returned']
        if not r.rstrip().endswith(it['answer']):
            probs.append('answer field not at end of rationale')
        if err is None:
            if not ans_ok:
                probs.append('faithful answer wrong')
        else:
            if err['quote'] not in r:
                probs.append('error quote not in rationale')
            if err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('error answer is actually right')
            else:
                if not ans_ok:
                    probs.append('answer should stay right')
                if not any(c.get('is_error') for c in it['claims']):
                    probs.append('no is_error claim')
            if err.get('held_elsewhere'):
                ec = [c for c in it['claims'] if c.get('is_error')]
                if not ec or not ec[0].get('held_value_check'):
                    probs.append('held_elsewhere without held_value_check')
                else:
                    hv = ec[0]['held_value_check']
                    if lit(ec[0]['value']) not in hist.get(hv, []):
                        probs.append(f'held_elsewhere value never held by {hv}')
            fid = it['faithful_id']
            if not any(x['id'] == fid for x in items):
                probs.append('faithful_id missing')
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}{'/' + err['kind'] if err else ''})")
        out += ['    ' + p for p in probs]
    out.append(f'{len(items)} items, {fails} failing')
    txt = '\n'.join(out)
    print(txt)
    open(HERE + 'check_report.txt', 'w').write(txt + '\n')
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
