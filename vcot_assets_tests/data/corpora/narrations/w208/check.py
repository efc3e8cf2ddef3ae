"""Standalone checker for w208 narrations: re-executes every program with sys.settrace,
records each variable's value history (locals per frame + self attributes), and checks claims."""
import json, sys, copy, ast

def run_traced(code, call):
    hist = {}      # name -> list of values (in order of change)
    lines = {}     # line number -> hit count
    samples = {}   # line number -> list of locals snapshots taken each time the line is reached
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                items = [('self.' + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        snap(frame)
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            sn = {}
            for k, v in frame.f_locals.items():
                try:
                    sn[k] = copy.deepcopy(v)
                except Exception:
                    pass
            samples.setdefault(frame.f_lineno, []).append(sn)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    hist['__samples__'] = samples
    return ret, hist, lines, g

def loop_count(lines, label):
    n = int(label.split('@line')[1])
    if label.startswith('body@'):   # iterations of an inner loop counted at its first body line
        return lines.get(n, 0)
    return lines.get(n, 0) - 1   # header is hit once per iteration plus the final exit test

def per_iter(hist, var, line):
    return [sn.get(var) for sn in hist['__samples__'].get(line, [])[1:]]

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, lines):
    """Return True when the claim is true of the real run."""
    w, v = c['what'], lit(c['value'])
    if w == 'value' and 'iter_line' in c:   # per-iteration sequence sampled at the loop header
        return per_iter(hist, c['variable'], c['iter_line']) == v
    if w == 'value':
        return v in hist.get(c['variable'], [])
    if w == 'count':
        return loop_count(lines, c['variable']) == v
    if w in ('arith', 'comparison'):
        return eval(c['expr']) == v
    if w == 'return':
        return ret == v
    if w == 'call':
        return True
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    byid = {d['id']: d for d in items}
    fails = []
    out = []
    for d in items:
        errs = []
        ret, hist, lines, g = run_traced(d['code'], d['call'])
        if repr(ret) != d['returned']:
            errs.append('returned mismatch %r' % (ret,))
        if not (d['call'].startswith(d['function'] + '(') or ('.' + d['function'] + '(') in d['call']):
            errs.append('function name')
        r = d['rationale']
        last = r.strip().splitlines()[-1]
        if not last.startswith('Answer:') and 'Predicted Output' not in last:
            errs.append('no Answer line')
        if d['answer'] not in last:
            errs.append('answer not on last line')
        for c in d['claims']:
            if c['quote'] not in r:
                errs.append('quote missing: ' + c['quote'])
        # answer check
        if d['direction'] == 'forward':
            ans_ok = lit(d['answer']) == ret
        else:
            g2 = {}
            exec(compile(d['code'], '<prog2>', 'exec'), g2)
            ans_ok = eval(d['answer'], g2) == ret
        e = d['error']
        if d['label'] == 'faithful':
            if not ans_ok:
                errs.append('faithful answer wrong')
            for c in d['claims']:
                if not check_claim(c, ret, hist, lines):
                    errs.append('false claim: %s' % c['quote'])
        else:
            f = byid.get(d['faithful_id'])
            if f is None:
                errs.append('no faithful')
            if e['quote'] not in r:
                errs.append('error quote missing')
            k = e['kind']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    errs.append('error answer is actually right')
            else:
                if not ans_ok:
                    errs.append('answer should stay right')
                chk = e['check']
                t = chk['type']
                if t == 'hist_at':   # stated value differs from the value at that point
                    h = hist.get(chk['variable'], [])
                    if h[chk['index']] == lit(e['stated']):
                        errs.append('stated value is true at that point')
                    if repr(h[chk['index']]) != e['actual'] and str(h[chk['index']]) != e['actual']:
                        errs.append('actual mismatch %r' % (h[chk['index']],))
                    if e.get('held_elsewhere') and lit(e['stated']) not in h and not any(lit(e['stated']) in hh for kk, hh in hist.items() if kk != '__samples__'):
                        errs.append('held_elsewhere but never held')
                elif t == 'iter':   # value in iteration index differs (sampled at loop header)
                    vals = per_iter(hist, chk['variable'], chk['line'])
                    if vals[chk['index']] == lit(e['stated']):
                        errs.append('stated value is true in that iteration')
                    if vals[chk['index']] != lit(e['actual']):
                        errs.append('actual mismatch %r' % (vals[chk['index']],))
                    if e.get('held_elsewhere') and lit(e['stated']) not in hist.get(chk['variable'], []):
                        errs.append('held_elsewhere but never held')
                elif t == 'never':
                    if lit(e['stated']) in hist.get(chk['variable'], []):
                        errs.append('impossible state actually occurs')
                elif t == 'expr':
                    if eval(chk['expr']) == lit(e['stated']):
                        errs.append('arith/comparison actually right')
                    if eval(chk['expr']) != lit(e['actual']):
                        errs.append('actual wrong')
                elif t == 'count':
                    if loop_count(lines, chk['variable']) == lit(e['stated']):
                        errs.append('count actually right')
                    if loop_count(lines, chk['variable']) != lit(e['actual']):
                        errs.append('actual count wrong')
                else:
                    errs.append('unknown check')
                if e.get('held_elsewhere') and t == 'expr':
                    if not any(lit(e['stated']) in hh for kk, hh in hist.items() if kk != '__samples__'):
                        errs.append('held_elsewhere but never held')
            # claims other than the error one must be true
            for c in d['claims']:
                if c['quote'] == e['quote'] or c.get('is_error'):
                    continue
                if not check_claim(c, ret, hist, lines) and not e.get('carried'):
                    errs.append('non-error claim false: %s' % c['quote'])
        status = 'PASS' if not errs else 'FAIL ' + '; '.join(errs)
        out.append('%s %s' % (d['id'], status))
        if errs:
            fails.append(d['id'])
    out.append('TOTAL %d items, %d failing' % (len(items), len(fails)))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out[-5:]))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
