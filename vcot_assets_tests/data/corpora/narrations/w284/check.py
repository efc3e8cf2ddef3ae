"""Standalone checker for w284 narrations (plain exec + sys.settrace; no tool code).

Per item: re-runs the call, records every variable's change history (per frame, merged in
time order per name; instance attributes recorded as `self.<attr>`), line hit counts and the
return value; then checks `returned`, the answer, and every claim. Faithful items: all claims
true. Error items: the claim(s) quoted by `error.quote` are false (at that point when `index` is
given), the other claims true (except claims marked carried), and answer-kind errors really fail.
"""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    return ast.literal_eval(s)

def run_traced(code, call):
    hist = defaultdict(list)        # name -> list of values in order of change
    last = {}                       # (frame id, name) -> last value
    lines = defaultdict(int)
    atline = defaultdict(list)      # line number -> snapshots of variables before each execution
    calls = defaultdict(int)
    def snap(frame, record_line=False):
        loc = dict(frame.f_locals)
        items = []
        for k, v in loc.items():
            if k == 'self':
                for ak, av in getattr(v, '__dict__', {}).items():
                    items.append(('self.' + ak, av, id(v)))
            elif type(v).__module__ == 'builtins' and not hasattr(v, '__dict__'):
                items.append((k, v, id(frame)))
        cur = {}
        for k, v, owner in items:
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = repr(v)
            if k.startswith('.'):
                continue
            cur[k] = v2
            key = (owner, k)   # attributes tracked per object, locals per frame
            if key not in last:
                last[key] = v2
                if not hist[k] or hist[k][-1] != v2:
                    hist[k].append(v2)
            elif last[key] != v2:
                last[key] = v2
                hist[k].append(v2)
        if record_line:
            atline[frame.f_lineno].append(cur)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'call':
            calls[frame.f_code.co_name] += 1
        snap(frame, event == 'line')
        if event == 'line':
            lines[frame.f_lineno] += 1
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<call>', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, calls, atline

def plain_eval(code, call):
    g = {}
    exec(compile(code, '<prog2>', 'exec'), g)
    return eval(call, g)

def arith_value(quote):
    q = quote
    for sep in [' = ', '=', ' is ', ' gives ', ' equals ', ' -> ']:
        if sep in q and not (sep == '=' and '==' in q):
            left = q.rsplit(sep, 1)[0] if sep != ' is ' else q.split(sep, 1)[0]
            return eval(left.strip().strip('`'))
    raise ValueError('cannot parse arith quote: ' + quote)

def claim_truth(c, ret, hist, lines, calls, atline):
    """Return (truth, detail)."""
    what = c['what']
    val = lit(c['value'])
    if 'expr' in c:
        got = eval(c['expr'])
        return got == val, f'expr {c["expr"]} -> {got!r}'
    if what == 'return':
        return ret == val, f'returned {ret!r}'
    if what == 'arith':
        got = arith_value(c['quote'])
        return got == val, f'arith -> {got!r}'
    if what == 'count':
        v = c['variable']
        if v.startswith('loop@line '):
            got = lines[int(v.split()[-1])]
        elif v.startswith('calls@'):
            got = calls[v[6:]]
        else:
            raise ValueError('bad count label ' + v)
        return got == val, f'count {got}'
    if what in ('value', 'comparison'):
        v = c['variable']
        if 'at_line' in c:
            seq = [s[v] for s in atline[c['at_line']] if v in s]
            if 'index' in c:
                got = seq[c['index']] if c['index'] < len(seq) else None
                return got == val, f'{v} at line {c["at_line"]} #{c["index"]} = {got!r}'
            return seq == val, f'{v} at line {c["at_line"]}: {seq!r}'
        h = hist.get(v, [])
        if 'slice' in c:
            a, b = c['slice']
            return h[a:b] == val, f'history[{a}:{b}] = {h[a:b]!r}'
        if c.get('history'):
            return h == val, f'history {h!r}'
        if not h:
            return False, f'no history for {v}'
        if 'index' in c:
            i = c['index']
            got = h[i] if i < len(h) else None
            return got == val, f'{v}[{i}] = {got!r}; history {h!r}'
        return val in h, f'history {h!r}'
    raise ValueError('unknown claim kind ' + what)

def check_item(it, out):
    errs = []
    ret, hist, lines, calls, atline = run_traced(it['code'], it['call'])
    if repr(ret) != it['returned']:
        errs.append(f'returned mismatch {ret!r} vs {it["returned"]}')
    rat = it['rationale']
    last_line = rat.strip().splitlines()[-1]
    if not last_line.startswith('Answer:') or last_line[len('Answer:'):].strip() != it['answer']:
        errs.append('last line does not carry the answer: ' + last_line)
    e = it['error']
    ekind = e['kind'] if e else None
    # answer
    if it['direction'] == 'forward':
        ok = lit(it['answer']) == ret
    else:
        try:
            ok = plain_eval(it['code'], it['answer']) == ret
        except Exception as ex:
            ok = False
    if ekind in ('wrong_final_answer', 'backward_wrong_input'):
        if ok:
            errs.append('answer error but answer is right')
    elif not ok and not (e and e.get('carried')):
        errs.append('answer wrong: ' + it['answer'])
    if e:
        if e['quote'] not in rat:
            errs.append('error quote not in rationale')
    err_false = 0
    for c in it['claims']:
        if c['quote'] not in rat:
            errs.append('claim quote missing: ' + c['quote'])
            continue
        t, det = claim_truth(c, ret, hist, lines, calls, atline)
        is_err = bool(e) and ekind not in ('wrong_final_answer', 'backward_wrong_input') and c['quote'] in e['quote']
        if is_err:
            if not t:
                err_false += 1
                if e.get('held_elsewhere') and c['what'] in ('value', 'arith') and c.get('variable'):
                    if lit(c['value']) not in hist.get(c['variable'], []):
                        errs.append(f'held_elsewhere but value never held: {c["quote"]}')
                if ekind == 'impossible_state' and c['what'] == 'value':
                    if lit(c['value']) in hist.get(c['variable'], []):
                        errs.append('impossible_state value occurs in history')
        elif c.get('carried'):
            pass
        elif not t:
            errs.append(f'false claim: {c["quote"]!r} ({det})')
    if e and ekind not in ('wrong_final_answer', 'backward_wrong_input') and err_false == 0:
        errs.append('error claim is not false / missing: ' + e['quote'])
    return errs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    out = []
    for it in items:
        try:
            errs = check_item(it, out)
        except Exception as ex:
            errs = [f'exception {type(ex).__name__}: {ex}']
        status = 'PASS' if not errs else 'FAIL'
        if errs:
            bad += 1
        out.append(f'{status} {it["id"]} ({len(it["claims"])} claims)' + ''.join('\n    ' + x for x in errs))
    out.append(f'\n{len(items)} items, {len(items) - bad} pass, {bad} fail')
    print('\n'.join(out))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
