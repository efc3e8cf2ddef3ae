"""Standalone checker for w474 narrations: runs each call under sys.settrace,
records per-variable value histories (locals + self attributes), and checks claims."""
import sys, json, copy, ast

def run_traced(code, call):
    hist, linecount = {}, {}
    def rec(name, v):
        try: v = copy.deepcopy(v)
        except Exception: return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items(): rec('self.' + a, av)
            elif not callable(v):
                rec(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>': return None
        if event == 'line':
            linecount[frame.f_lineno] = linecount.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tr
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tr)
    try:
        ret = eval(compile(call, '<prog>', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, linecount

def plain(code, call):
    g = {}; exec(code, g); return eval(call, g)

def claim_true(c, ret, hist, lc):
    w = c['what']; val = ast.literal_eval(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if c.get('variable_seq'):
            return h == val
        if 'index' in c:
            return len(h) > c['index'] and h[c['index']] == val
        return val in h
    if w == 'count':
        if 'count_var' in c:
            return len(hist.get(c['count_var'], [])) == val
        return lc.get(c['line'], 0) == val
    if w in ('arith', 'comparison'):
        return eval(c['expr']) == val
    if w == 'return':
        return val == ret
    if w == 'call':
        return True
    raise ValueError(w)

def check_item(it):
    errs = []
    ret, hist, lc = run_traced(it['code'], it['call'])
    if repr(ret) != it['returned']: errs.append('returned mismatch %r' % (ret,))
    if it['rationale'].strip().splitlines()[-1].strip() != 'Answer: ' + it['answer']:
        errs.append('last line is not the Answer line')
    for c in it['claims']:
        if c['quote'] not in it['rationale']: errs.append('quote missing: ' + c['quote'])
        ok = claim_true(c, ret, hist, lc)
        if c.get('err'):
            if ok: errs.append('error claim is actually true: ' + c['quote'])
            if it['error'] and it['error'].get('held_elsewhere') and c['what'] == 'value':
                sv = ast.literal_eval(it['error']['stated'])
                if not any(sv in h for h in hist.values()):
                    errs.append('held_elsewhere value never held: ' + c['quote'])
        elif not ok:
            errs.append('false claim: %s (%s=%s)' % (c['quote'], c.get('variable'), c['value']))
    fwd = it['direction'] == 'forward'
    if fwd:
        ans_ok = ast.literal_eval(it['answer']) == ret
    else:
        try: ans_ok = plain(it['code'], it['answer']) == ret
        except Exception: ans_ok = False
    kind = it['error']['kind'] if it['error'] else None
    if kind in ('wrong_final_answer', 'backward_wrong_input'):
        if ans_ok: errs.append('wrong answer is actually right')
    elif not ans_ok and not (it['error'] and it['error']['carried']):
        errs.append('answer wrong')
    if it['error']:
        e = it['error']
        if e['quote'] not in it['rationale']: errs.append('error quote missing')
        if kind not in ('wrong_final_answer', 'backward_wrong_input') and not any(c.get('err') for c in it['claims']):
            errs.append('no err claim')
    return errs

if __name__ == '__main__':
    path = sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'
    bad = 0; n = 0
    for line in open(path):
        it = json.loads(line); n += 1
        e = check_item(it)
        if e:
            bad += 1; print('FAIL', it['id'], e)
    print('checked %d items, %d failed' % (n, bad))
    print('PASS' if bad == 0 else 'FAIL')
