"""Standalone checker for w352 narrations: re-executes each call under sys.settrace."""
import json, sys, ast, copy

def run_traced(code, call):
    hist = {}          # var -> list of distinct successive values (all frames)
    after = {}         # lineno -> list of snapshots of locals (incl self.attr) right after that line ran
    linecount = {}
    last_line = {}
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items():
                    d['self.' + a] = av
            elif not k.startswith('.'):
                d[k] = v
        try:
            return copy.deepcopy(d)
        except Exception:
            return dict(d)
    def rec(frame):
        s = snap(frame)
        for k, v in s.items():
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
        return s
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        s = rec(frame)
        prev = last_line.get(id(frame))
        if prev is not None and event in ('line', 'return'):
            after.setdefault(prev, []).append(s)
        if event == 'line':
            linecount[frame.f_lineno] = linecount.get(frame.f_lineno, 0) + 1
            last_line[id(frame)] = frame.f_lineno
        if event == 'return':
            last_line.pop(id(frame), None)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, after, linecount

def plain(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, after, lc):
    what, var, val = c['what'], c.get('variable'), lit(c['value'])
    if what == 'value':
        if 'after_line' in c:   # sequence claim: value list == var snapshots after that line
            seq = [s.get(var) for s in after.get(c['after_line'], [])]
            if 'slice' in c:
                seq = seq[c['slice'][0]:c['slice'][1]]
            return seq == val, f'seq {seq}'
        if 'at' in c:
            h = hist.get(var, [])
            return h[c['at']] == val, f'hist[{c["at"]}]={h[c["at"]]!r}'
        return val in hist.get(var, []), f'history {hist.get(var)}'
    if what == 'count':
        n = lc.get(c['line'], 0)
        return n == val, f'line {c["line"]} ran {n}'
    if what in ('arith', 'comparison'):
        r = eval(c['expr'])
        return r == val, f'{c["expr"]} -> {r!r}'
    if what == 'return':
        return ret == val, f'returned {ret!r}'
    if what == 'call':
        return True, ''
    return False, 'unknown what'

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    bad = 0
    out = []
    for it in items:
        errs = []
        ret, hist, after, lc = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            errs.append(f'returned mismatch {ret!r} vs {it["returned"]}')
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']):
            errs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append(f'quote missing: {c["quote"]!r}')
        is_err = it['label'] == 'error'
        e = it['error']
        wrong_q = e['quote'] if is_err else None
        for c in it['claims']:
            ok, info = check_claim(c, ret, hist, after, lc)
            if is_err and c.get('is_error'):
                if ok:
                    errs.append(f'error claim is actually TRUE: {c["quote"]!r} ({info})')
                continue
            if not ok:
                errs.append(f'false claim {c["quote"]!r}: {info}')
        # answer
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == ret
        else:
            try:
                ans_ok = repr(plain(it['code'], it['answer'])) == it['returned']
            except Exception as ex:
                ans_ok = False
        if is_err:
            k = e['kind']
            if e['quote'] not in it['rationale']:
                errs.append('error quote not in rationale')
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    errs.append('wrong answer is actually right')
            else:
                if not ans_ok and not e.get('carried'):
                    errs.append('answer wrong in a non-answer error copy')
                if not any(c.get('is_error') for c in it['claims']):
                    errs.append('no is_error claim for error copy')
            if k == 'impossible_state':
                for c in it['claims']:
                    if c.get('is_error') and lit(c['value']) in hist.get(c['variable'], []):
                        errs.append('impossible_state value does occur')
            if e.get('held_elsewhere'):
                held = any(lit(e['stated_literal']) in h for h in hist.values()) or \
                    any(lit(e['stated_literal']) == s.get(v) for lst in after.values() for s in lst for v in s)
                if not held:
                    errs.append('held_elsewhere but value never held')
        else:
            if not ans_ok:
                errs.append('faithful answer wrong')
        status = 'PASS' if not errs else 'FAIL'
        if errs:
            bad += 1
        out.append(f'{status} {it["id"]} ({it["label"]}{", " + it["error"]["kind"] if is_err else ""})' + ''.join('\n    ' + x for x in errs))
    out.append(f'\n{len(items)} items, {len(items) - bad} pass, {bad} fail')
    print('\n'.join(out))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
