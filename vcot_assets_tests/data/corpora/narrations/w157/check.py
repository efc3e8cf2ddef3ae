"""Standalone checker for w157 narrations: re-executes each call under sys.settrace and checks
every claim of every item (faithful: true; error copy: the flagged claim is false at its point).
Reads narrations.jsonl and claim_specs.jsonl (per item: per-claim spec, error spec)."""
import sys, json, ast, collections

def literal(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run_traced(code, call):
    hist = collections.defaultdict(list)   # name -> list of values (consecutive dups collapsed)
    lines = collections.Counter()           # line number -> hits (program frames only)
    def push(name, v):
        try:
            v = ast.literal_eval(repr(v))
        except Exception:
            v = repr(v)
        h = hist[name]
        if not h or h[-1] != v:
            h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            lines[frame.f_lineno] += 1
        for k, v in list(frame.f_locals.items()):
            if k == 'self':
                for a, av in list(getattr(v, '__dict__', {}).items()):
                    push('self.' + a, av)
            else:
                push(k, v)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<prog>', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def claim_truth(c, spec, hist, lines, ret, code, g):
    """returns (is_true, actual)"""
    what, var, val = c['what'], c['variable'], literal(c['value'])
    spec = spec or {}
    if 'expr' in spec:
        act = eval(spec['expr'], dict(g))
        return act == val, act
    if what == 'value':
        h = hist.get(var, [])
        if 'at' in spec:
            act = h[spec['at']] if spec['at'] < len(h) else None
            return act == val, act
        return val in h, h
    if what == 'count':
        line = spec['line'] if 'line' in spec else int(var.split('@line')[1])
        act = lines[line] - spec.get('minus', 0)
        return act == val, act
    if what == 'return':
        return val == ret, ret
    if what == 'call':
        act = eval(c['value'] if isinstance(val, str) and '(' in c['value'] else val, dict(g))
        return act == ret, act
    raise ValueError('no way to check ' + json.dumps(c))

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    specs = {}
    for l in open('claim_specs.jsonl'):
        d = json.loads(l); specs[d['id']] = d
    out = []; bad = 0
    for it in items:
        sp = specs[it['id']]
        ret, hist, lines = run_traced(it['code'], it['call'])
        g = {}; exec(compile(it['code'], '<prog>', 'exec'), g)
        probs = []
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r' % (ret,))
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: ' + c['quote'])
        # answer
        if it['direction'] == 'forward':
            ans_ok = literal(it['answer']) == ret
        else:
            try:
                ans_ok = eval(it['answer'], dict(g)) == ret
            except Exception as e:
                ans_ok = False
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']) and not it['rationale'].rstrip().endswith(it['answer']):
            probs.append('answer not on last line')
        err = it['error']
        for i, c in enumerate(it['claims']):
            cs = sp['claim_specs'][i]
            if c['what'] == 'call':
                try:
                    act = eval(c['value'], dict(g)); ok = act == ret
                except Exception as e:
                    act, ok = repr(e), False
            else:
                ok, act = claim_truth(c, cs, hist, lines, ret, it['code'], g)
            is_err_claim = err is not None and c['quote'] == err['quote']
            if is_err_claim:
                if ok:
                    probs.append('error claim is actually TRUE: %s (actual %r)' % (c['quote'], act))
                if cs and cs.get('held'):
                    # held elsewhere: the stated value occurs in the variable's history
                    h = hist.get(cs['held'], [])
                    if literal(c['value']) not in h:
                        probs.append('held_elsewhere value not in history of %s' % cs['held'])
            elif not ok:
                probs.append('claim false: %s -> %r (actual %r)' % (c['quote'], c['value'], act))
        if it['label'] == 'faithful':
            if not ans_ok: probs.append('faithful answer wrong')
            if err is not None: probs.append('faithful has error')
        else:
            if err['quote'] not in it['rationale']: probs.append('error quote missing')
            if err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok: probs.append('wrong answer kind but answer is right')
            else:
                if not ans_ok: probs.append('answer should stay right')
                if not any(c['quote'] == err['quote'] for c in it['claims']):
                    probs.append('no claim matches error quote')
        status = 'OK' if not probs else 'FAIL'
        if probs: bad += 1
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('items=%d failed=%d' % (len(items), bad))
    print('\n'.join(out))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
