"""Standalone checker for w490 narrations: runs each program under sys.settrace and checks claims.

Claim conventions (extra keys beyond the brief's schema):
  expr      : for arith/comparison, a pure Python expression whose value must equal `value`;
              for sequence claims, an expression evaluated in the frame's locals.
  seq_line  : sequence claim: evaluate `expr` each time line `seq_line` is about to run; list must equal `value`
              (with dedupe=True consecutive repeats and None are dropped).
  at        : value claim: the variable's at-th distinct value (0-based change history) must equal `value`.
  line      : count claim ("loop@line N"): number of executions of line N (first body line of the loop).
Error items: the claim whose quote == error.quote must FAIL, all other claims must pass.
held_elsewhere errors: the stated value occurs elsewhere in the variable's history but not at error.at.index.
"""
import ast, copy, json, sys

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call, needs):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist, lines, samples = {}, {}, {k: [] for k in needs}
    def record(frame):
        loc = dict(frame.f_locals)
        items = list(loc.items())
        s = loc.get('self')
        if s is not None and hasattr(s, '__dict__'):
            items += [('self.' + k, v) for k, v in vars(s).items()]
        for k, v in items:
            h = hist.setdefault(k, [])
            sv = snap(v)
            if not h or h[-1] != sv:
                h.append(sv)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        record(frame)
        if event == 'line':
            ln = frame.f_lineno
            lines[ln] = lines.get(ln, 0) + 1
            for (sl, ex) in needs:
                if sl == ln:
                    try:
                        samples[(sl, ex)].append(snap(eval(ex, ns, dict(frame.f_locals))))
                    except Exception:
                        samples[(sl, ex)].append(None)
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return res, hist, lines, samples, ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ctx):
    res, hist, lines, samples, ns = ctx
    w = c['what']
    v = lit(c['value'])
    if w == 'count':
        return lines.get(c['line'], 0) == v
    if w == 'return':
        return res == v
    if w == 'call':
        return eval(c['quote'], dict(ns)) == v
    if 'seq_line' in c:
        got = samples[(c['seq_line'], c['expr'])]
        if c.get('dedupe'):
            g2 = []
            for x in got:
                if x is not None and (not g2 or g2[-1] != x):
                    g2.append(x)
            got = g2
        got = got[c.get('skip', 0):]
        if 'take' in c:
            got = got[:c['take']]
        return got == v
    if w in ('arith', 'comparison'):
        ok = eval(c['expr'], {}) == v
        if ok and c.get('variable') and 'at' in c:
            ok = hist.get(c['variable'], [])[c['at']] == v
        elif ok and c.get('variable') and w == 'arith':
            ok = v in hist.get(c['variable'], [])
        return ok
    if w == 'value':
        h = hist.get(c['variable'], [])
        if 'at' in c:
            return len(h) > c['at'] and h[c['at']] == v
        return v in h
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    fails, n_claims = [], 0
    cache = {}
    for it in items:
        key = (it['code'], it['call'])
        needs = {(c['seq_line'], c['expr']) for x in items if (x['code'], x['call']) == key
                 for c in x['claims'] if 'seq_line' in c}
        if key not in cache:
            cache[key] = run(it['code'], it['call'], needs)
        ctx = cache[key]
        res, hist, lines, samples, ns = ctx
        probs = []
        if repr(res) != it['returned'] and res != lit(it['returned']):
            probs.append('returned mismatch %r vs %s' % (res, it['returned']))
        err = it['error']
        # answer check
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == res
        else:
            ans_ok = eval(it['answer'], dict(ns)) == res
            if not it['answer'].startswith(it['function'] + '('):
                probs.append('backward answer does not call the function')
        answer_should_fail = err is not None and err['kind'] in ('wrong_final_answer', 'backward_wrong_input')
        if ans_ok == answer_should_fail:
            probs.append('answer check: ok=%s expected_fail=%s' % (ans_ok, answer_should_fail))
        if not it['rationale'].rstrip().split('\n')[-1].startswith('Answer:'):
            probs.append('last line is not Answer:')
        wrong_found = False
        for c in it['claims']:
            n_claims += 1
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: ' + c['quote'])
                continue
            ok = check_claim(c, ctx)
            is_err = err is not None and c['quote'] == err['quote']
            if is_err:
                wrong_found = True
                if ok:
                    probs.append('error claim is actually TRUE: ' + c['quote'])
                if err.get('held_elsewhere'):
                    # the stated value is held by the program somewhere (full history / full sequence),
                    # but not at the point the narration puts it (index k of that history; for arith
                    # claims with index None the point check is the expression evaluation above)
                    at = err['at']; k = at['index']
                    if 'seq_line' in c:
                        seq = samples[(c['seq_line'], c['expr'])]
                        if c.get('dedupe'):
                            seq = [x for i2, x in enumerate(seq) if x is not None and (i2 == 0 or seq[i2 - 1] != x)]
                        full = seq
                        seq = seq[c.get('skip', 0):]
                        if 'take' in c:
                            seq = seq[:c['take']]
                        stated = lit(c['value'])[k]
                        h = seq
                    else:
                        stated = lit(c['value'])
                        full = h = hist.get(at['variable'], [])
                    point_ok = True if k is None else (len(h) > k and h[k] != stated)
                    if not (stated in full and point_ok):
                        probs.append('held_elsewhere not confirmed: %r in %r at %r' % (stated, full, k))
            elif not ok:
                probs.append('claim false: %s (%s=%s)' % (c['quote'], c['variable'], c['value']))
        if err is not None:
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            if not answer_should_fail and not wrong_found:
                probs.append('no claim matches error quote')
        if probs:
            fails.append((it['id'], probs))
    out = []
    out.append('items: %d  claims checked: %d' % (len(items), n_claims))
    for i, p in fails:
        out.append('FAIL %s: %s' % (i, '; '.join(p)))
    out.append('RESULT: %s (%d failing items)' % ('PASS' if not fails else 'FAIL', len(fails)))
    print('\n'.join(out))
    return 0 if not fails else 1

if __name__ == '__main__':
    sys.exit(main())
