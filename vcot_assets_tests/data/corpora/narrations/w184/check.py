"""Standalone checker for w184 narrations: executes each program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks claims/errors."""
import ast, copy, json, sys
from collections import defaultdict

PRIM = (int, float, str, bool, type(None), list, tuple, dict, set)

def run_traced(code, call):
    hist = defaultdict(list)   # name -> list of distinct successive values
    hits = defaultdict(int)    # line -> count
    after = defaultdict(list)  # (line, name) -> values right after each run of that line
    lastline = {}
    def rec(name, v):
        if not isinstance(v, PRIM):
            return
        try:
            v = copy.deepcopy(v)
        except Exception:
            return
        h = hist[name]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items():
                    rec('self.' + a, av)
            else:
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            snap(frame)
            if event in ('line', 'return') and id(frame) in lastline:
                ll = lastline[id(frame)]
                for k, v in frame.f_locals.items():
                    if k == 'self' and hasattr(v, '__dict__'):
                        for a, av in vars(v).items():
                            if isinstance(av, PRIM):
                                after[(ll, 'self.' + a)].append(copy.deepcopy(av))
                    elif isinstance(v, PRIM):
                        after[(ll, k)].append(copy.deepcopy(v))
            if event == 'line':
                lastline[id(frame)] = frame.f_lineno
            if event == 'line':
                hits[frame.f_lineno] += 1
            return local
        snap(frame)
        return local
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<call>', 'eval'), g)
    finally:
        sys.settrace(None)
    run_traced.after = after
    return ret, hist, hits

def plain_eval(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def claim_true(c, ret, hist, hits, code):
    w = c['what']
    if w == 'call':
        return plain_eval(code, c['value']) == ret
    val = ast.literal_eval(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if 'after_line' in c:
            a = run_traced.after[(c['after_line'], c['variable'])]
            if 'nth' in c:
                if c['nth'] >= len(a):
                    raise IndexError('no value of %s after line %s #%s' % (c['variable'], c['after_line'], c['nth']))
                return a[c['nth']] == val
            return a == val
        if 'at' in c:
            if c['at'] >= len(h):
                raise IndexError('no value #%s of %s' % (c['at'], c['variable']))
            return h[c['at']] == val
        return val in h
    if w == 'count':
        return hits.get(c['line'], 0) == val
    if w in ('arith', 'comparison'):
        expr = c.get('expr') or c['quote'].split('=')[0] if w == 'arith' else c.get('expr')
        return eval(expr) == val
    if w == 'return':
        return ret == val
    if w == 'call':
        return plain_eval(code, c['value'] if False else c['quote']) == ret
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    fails = 0; lines = []
    for it in items:
        errs = []
        ret, hist, hits = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            errs.append('returned mismatch %r' % (ret,))
        if it['rationale'].rstrip().splitlines()[-1].strip() != 'Answer: ' + it['answer'] and \
           not it['rationale'].rstrip().splitlines()[-1].strip().endswith(it['answer']):
            errs.append('answer line mismatch')
        ek = it['error']['kind'] if it['error'] else None
        # answer
        if it['direction'] == 'forward':
            ok = ast.literal_eval(it['answer']) == ret
            if ek == 'wrong_final_answer':
                if ok: errs.append('wrong_final_answer is actually right')
            elif not ok: errs.append('forward answer wrong')
        else:
            try:
                out = plain_eval(it['code'], it['answer'])
                ok = out == ret
            except Exception:
                ok = False
            if ek == 'backward_wrong_input':
                if ok: errs.append('backward_wrong_input actually returns output')
            elif not ok: errs.append('backward answer does not reproduce output')
        # claims
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append('quote missing: ' + c['quote'])
            is_err = it['error'] is not None and c.get('is_error')
            try:
                t = claim_true(c, ret, hist, hits, it['code'])
            except IndexError as ex:
                errs.append('bad claim position: %s' % ex); continue
            if is_err and t: errs.append('error claim is true: ' + c['quote'])
            if not is_err and not t: errs.append('claim false: %s (%s=%s)' % (c['quote'], c['variable'], c['value']))
            if is_err and c['what'] == 'value' and 'at' not in c and 'after_line' not in c and c['variable'] in hist:
                # impossible_state: value must never occur
                if ast.literal_eval(c['value']) in hist[c['variable']]:
                    errs.append('impossible_state value occurs')
        if it['error']:
            e = it['error']
            if e['quote'] not in it['rationale']: errs.append('error quote missing')
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and not any(c.get('is_error') for c in it['claims']):
                errs.append('no error claim')
            if e.get('held_elsewhere'):
                ec = [c for c in it['claims'] if c.get('is_error')][0]
                sv = ast.literal_eval(ec['value'])
                if ec['what'] == 'value':
                    if sv not in hist.get(ec['variable'], []): errs.append('held_elsewhere value never held')
                elif ec['what'] in ('count', 'arith'):
                    allv = [v for h in hist.values() for v in h]
                    if sv not in allv: errs.append('held_elsewhere value never held anywhere')
        status = 'PASS' if not errs else 'FAIL'
        if errs: fails += 1
        lines.append('%s %s %s' % (status, it['id'], '; '.join(errs)))
    lines.append('TOTAL %d items, %d failed' % (len(items), fails))
    txt = '\n'.join(lines)
    print(txt)
    open('check_report.txt', 'w').write(txt + '\n')
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
