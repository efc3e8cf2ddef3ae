"""Standalone checker for w291 narrations: runs each call under sys.settrace, records every
variable's value history (locals plus self.<attr>) and per-line execution counts, then checks
claims of faithful items and confirms the planted error of error copies is false."""
import json, sys, copy

def run_traced(code, call):
    hist, lines = {}, {}
    global SNAPS
    SNAPS = []  # (lineno, {var: value}) at every line event, before the line runs
    def rec(name, val):
        h = hist.setdefault(name, [])
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        if not h or h[-1] != v:
            h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            snap = {}
            for k, v in frame.f_locals.items():
                if not callable(v) and k != 'self':
                    try:
                        snap[k] = copy.deepcopy(v)
                    except Exception:
                        pass
            SNAPS.append((frame.f_lineno, snap))
        if event in ('line', 'return'):
            for k, v in frame.f_locals.items():
                if k == 'self':
                    for a, av in vars(v).items():
                        rec('self.' + a, av)
                elif not k.startswith('.') and not callable(v):
                    rec(k, v)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def check_claim(c, ret, hist, lines):
    """True if the claim holds in the real execution."""
    val = eval(c['value'])
    w = c['what']
    if w == 'value' and 'sample_line' in c:
        # values of the variable each time sample_line is about to run, from position offset on
        samp = [sn[c['variable']] for ln, sn in SNAPS if ln == c['sample_line'] and c['variable'] in sn]
        k = c.get('offset', 0)
        return samp[k:k + len(val)] == list(val)
    if w == 'value' and c.get('seq') == 'sub':
        h = list(hist.get(c['variable'], []))
        for x in val:
            if x not in h:
                return False
            h = h[h.index(x) + 1:]
        return True
    if w == 'value' and c.get('seq'):
        h = hist.get(c['variable'], [])
        seq = [x for i, x in enumerate(val) if i == 0 or val[i - 1] != x]
        return any(h[i:i + len(seq)] == seq for i in range(len(h)))
    if w == 'value':
        h = hist.get(c['variable'], [])
        if 'index' in c:
            return c['index'] < len(h) and h[c['index']] == val
        return val in h
    if w == 'count' and 'line' not in c:
        return len(hist.get(c['variable'], [])) == val
    if w == 'count':
        return lines.get(c['line'], 0) == val
    if w in ('arith', 'comparison'):
        return eval(c['expr']) == val
    if w == 'return':
        return ret == val
    if w == 'call':
        return plain(c['code'], c['expr']) == val
    raise ValueError(w)

def main(path):
    items = [json.loads(l) for l in open(path)]
    out, fails = [], 0
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r' % (ret,))
        if it['rationale'].rstrip().splitlines()[-1].strip() != 'Answer: ' + it['answer'] and \
           'Answer: ' + it['answer'] not in it['rationale']:
            probs.append('answer line missing')
        err = it['error']
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: %r' % c['quote'])
            ok = check_claim(c, ret, hist, lines)
            is_err = err is not None and c['quote'] == err['quote'] and c.get('is_error')
            if is_err:
                if ok:
                    probs.append('error claim is actually true: %r' % c['quote'])
            elif c.get('carried_error'):
                pass
            elif not ok:
                probs.append('claim false: %r' % c['quote'])
        # answer
        if it['direction'] == 'forward':
            ans_ok = eval(it['answer']) == ret
        else:
            ans_ok = plain(it['code'], it['answer']) == ret
        if err is None:
            if not ans_ok:
                probs.append('answer wrong')
        else:
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            k = err['kind']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('planted wrong answer is right')
            else:
                if not ans_ok and not err['carried']:
                    probs.append('answer should stay right')
                if not any(c.get('is_error') for c in it['claims']):
                    probs.append('no error claim')
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('items: %d, failures: %d' % (len(items), fails))
    print('\n'.join(out))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
