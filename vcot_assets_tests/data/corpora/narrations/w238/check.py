"""Standalone checker for w238 narrations: re-executes each program with sys.settrace and
checks every claim, the answer, and that each error copy's error is really false."""
import ast, copy, json, re, sys
from collections import defaultdict

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    g = {'__name__': 'prog'}
    exec(compile(code, '<prog>', 'exec'), g)
    hist = defaultdict(list)      # var -> values in order of change (all frames, chronological)
    lines = defaultdict(int)      # line number -> executions
    last = {}                     # (frame id, var) -> last value
    def record(frame):
        for name, val in list(frame.f_locals.items()):
            items = [(name, val)]
            if name == 'self' and hasattr(val, '__dict__'):
                items += [('self.' + k, v) for k, v in vars(val).items()]
            for k, v in items:
                if k == 'self' or callable(v) and not isinstance(v, (list, dict)):
                    continue
                key = (id(frame), k)
                s = snap(v)
                if key not in last or last[key] != s or type(last[key]) != type(s):
                    last[key] = s
                    h = hist[k]
                    if not h or h[-1] != s or type(h[-1]) != type(s):
                        h.append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            if event == 'line':
                record(frame)
                lines[frame.f_lineno] += 1
            elif event == 'return':
                record(frame)
            return local
        record(frame)
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def is_sub(seq, h):
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def lit(s):
    return ast.literal_eval(s)

def count_of(lines, label):
    m = re.match(r'loop@line (\d+)', label)
    return lines[int(m.group(1))]

def claim_true(c, ret, hist, lines, g, env):
    w, val = c['what'], lit(c['value']) if c['value'] is not None else None
    if 'expr' in c:
        return eval(c["expr"], {**g, **env}) == val
    if w == 'value' and c.get('seq'):
        return is_sub(val, hist.get(c['variable'], []))
    if w == 'value':
        return val in hist.get(c['variable'], [])
    if w == 'count':
        return count_of(lines, c['variable']) == val
    if w == 'return':
        return ret == val
    raise ValueError('unchecked claim %r' % c)

def call_env(code, call, g):
    # bind the call's parameters so expr claims can name them
    fn = re.match(r'(\w+)\(', call).group(1)
    args = call[len(fn):]
    env = {}
    import inspect
    f = g[fn]
    env.update(eval('(lambda *a, **k: __import__("inspect").signature(f).bind(*a, **k).arguments)' + args, {'f': f}))
    return env

def main():
    rows = [json.loads(l) for l in open('narrations.jsonl')]
    fails = []
    ok = 0
    for r in rows:
        probs = []
        ret, hist, lines, g = run(r['code'], r['call'])
        env = call_env(r['code'], r['call'], g)
        if repr(ret) != r['returned']:
            probs.append('returned mismatch')
        if not r['rationale'].strip().splitlines()[-1].split(':', 1)[1].strip() == r['answer']:
            probs.append('answer field != Answer line')
        for c in r['claims']:
            if c['quote'] not in r['rationale']:
                probs.append('quote missing: ' + c['quote'])
        e = r['error']
        skip = set()
        if e:
            skip = {e['quote']} | set(e.get('carried_quotes', [])) | set(e.get('related_quotes', []))
        for c in r['claims']:
            if c['quote'] in skip:
                continue
            try:
                if not claim_true(c, ret, hist, lines, g, env):
                    probs.append('false claim: %r' % c)
            except Exception as ex:
                probs.append('claim error %r: %s' % (c, ex))
        # answer
        if r['direction'] == 'forward':
            ans_ok = lit(r['answer']) == ret
        else:
            g2 = {}
            exec(compile(r['code'], '<prog2>', 'exec'), g2)
            try:
                ans_ok = eval(r['answer'], g2) == ret and r['answer'].startswith(r['function'] + '(')
            except Exception:
                ans_ok = False
        want_ans_ok = not (e and e['kind'] in ('wrong_final_answer', 'backward_wrong_input'))
        if e and e['carried'] and 'Answer' in ' '.join(e.get('carried_quotes', [])):
            want_ans_ok = False
        if ans_ok != want_ans_ok:
            probs.append('answer check %s, expected %s' % (ans_ok, want_ans_ok))
        if e:
            assert e['quote'] in r['rationale'], 'error quote missing'
            ec = [c for c in r['claims'] if c['quote'] == e['quote']]
            k = e['kind']
            if k not in ('wrong_final_answer', 'backward_wrong_input'):
                if not ec:
                    probs.append('error has no claim')
                else:
                    c = ec[0]
                    stated, actual = lit(e['stated']), lit(e['actual'])
                    if lit(c['value']) != stated:
                        probs.append('error claim value != stated')
                    if stated == actual:
                        probs.append('stated == actual')
                    # what is true at that point
                    if c.get('seq'):
                        h = hist.get(c['variable'], [])
                        truth = actual if is_sub(actual, h) else None
                        if truth is None:
                            probs.append('actual sequence not in history')
                        if is_sub(stated, h):
                            probs.append('stated sequence does occur')
                    elif 'expr' in c:
                        truth = eval(c["expr"], {**g, **env})
                    elif 'at_var' in e:
                        truth = hist[e['at_var']][e['at_index']]
                    elif c['what'] == 'count':
                        truth = count_of(lines, c['variable'])
                    elif c['what'] == 'return':
                        truth = ret
                    elif k == 'impossible_state':
                        truth = actual
                        if stated in hist.get(c['variable'], []):
                            probs.append('impossible_state value does occur')
                    else:
                        truth = None
                        probs.append('no way to locate error point')
                    if truth is not None and (truth != actual or truth == stated):
                        probs.append('error point: truth %r actual %r stated %r' % (truth, actual, stated))
                    if e.get('held_elsewhere'):
                        allv = [v for vs in hist.values() for v in vs] + [v for vs in hist.values() for v in vs if isinstance(v, int)]
                        wrong = stated if not c.get('seq') else [x for x, y in zip(stated, actual) if x != y][0]
                        if wrong not in allv and wrong not in lines.values():
                            probs.append('held_elsewhere but stated value never held')
            else:
                if k == 'wrong_final_answer' and r['direction'] != 'forward':
                    probs.append('wrong_final_answer on backward')
                if k == 'backward_wrong_input' and r['direction'] != 'backward':
                    probs.append('backward_wrong_input on forward')
        if probs:
            fails.append((r['id'], probs))
        else:
            ok += 1
    out = ['checked %d narrations: %d pass, %d fail' % (len(rows), ok, len(fails))]
    for i, p in fails:
        out.append(i)
        out += ['   ' + x for x in p]
    txt = '\n'.join(out)
    print(txt)
    open('check_report.txt', 'w').write(txt + '\n')
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
