"""Standalone checker for w457 narrations: runs each program under sys.settrace and
verifies returned values, every claim of faithful items, and that each error copy's
error is really false at the point it is stated."""
import ast, copy, json, sys
from collections import defaultdict, Counter

FN = '<w457prog>'

def lit(s):
    return ast.literal_eval(s)

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    hist = defaultdict(list)          # (func, var) -> values, change-based, frames concatenated
    last = {}                         # (frame id, var) -> last value
    lines = Counter()
    states = defaultdict(list)        # func -> list of locals snapshots at each line event

    def record(frame):
        fn = frame.f_code.co_name
        loc = dict(frame.f_locals)
        cur = {}
        for k, v in loc.items():
            if k.startswith('.'):
                continue
            cur[k] = v
        if 'self' in loc:
            try:
                for k, v in vars(loc['self']).items():
                    cur['self.' + k] = v
            except TypeError:
                pass
        snapshot = {}
        for k, v in cur.items():
            if k == 'self':
                continue
            sv = snap(v)
            snapshot[k] = sv
            key = (id(frame), k)
            if key not in last or last[key] != sv:
                last[key] = sv
                hist[(fn, k)].append(sv)
        states[fn].append(snapshot)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == 'call':
            for k in list(last):
                if k[0] == id(frame):
                    del last[k]
        if event in ('line', 'return'):
            record(frame)
        if event == 'line' and not frame.f_code.co_name.startswith('<'):
            lines[frame.f_lineno] += 1
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, states

def plain_eval(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    return eval(call, ns)

def var_hist(hist, var, func=None):
    out = []
    for (fn, k), vals in hist.items():
        if k == var and (func is None or fn == func):
            out.append(vals)
    return out

def check_claim(c, item, result, hist, lines):
    w = c['what']
    if w in ('arith', 'comparison'):
        return eval(c.get('expr', c['quote'])) == lit(c['value'])
    if w == 'count':
        n = int(c['variable'].split('@line')[1])
        return lines[n] == lit(c['value'])
    if w == 'return':
        return lit(c['value']) == result
    if w == 'call':
        return plain_eval(item['code'], c['value']) == result
    if w == 'value':
        v = lit(c['value'])
        hs = var_hist(hist, c['variable'])
        if c.get('seq'):
            st = c.get('start', 0)
            return any(h[st:st + len(v)] == v for h in hs)
        return any(v in h for h in hs)
    raise ValueError(w)

def check_error(item, result, hist, lines, states):
    e = item['error']; ck = e['check']; t = ck['type']
    if t == 'arith':
        return eval(ck['expr']) != lit(e['stated']) and eval(ck['expr']) == lit(e['actual'])
    if t == 'compare':
        return eval(ck['expr']) != lit(e['stated'])
    if t == 'count':
        n = int(ck['variable'].split('@line')[1])
        return lines[n] != lit(e['stated']) and lines[n] == lit(e['actual'])
    if t == 'not_in_history':
        v = lit(e['stated'])
        return not any(v in h for h in var_hist(hist, ck['variable']))
    if t == 'history_index':
        h = hist[(ck['func'], ck['variable'])]
        k = ck['index']
        ok = h[k] != lit(e['stated'])
        try:
            ok = ok and h[k] == lit(e['actual'])
        except (ValueError, SyntaxError):
            pass
        # held elsewhere: the wrong value does occur somewhere in the run
        if e.get('held_elsewhere'):
            ok = ok and any(lit(e['stated']) == x for x in h)
        return ok
    if t == 'pair_state':
        want = ck['vars']
        funcs = [ck['func']] if ck.get('func') else list(states)
        return not any(all(s.get(k) == v for k, v in want.items()) for f in funcs for s in states[f])
    if t == 'answer':
        if item['direction'] == 'forward':
            return lit(item['answer']) != result
        return plain_eval(item['code'], item['answer']) != result
    raise ValueError(t)

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'
    items = [json.loads(l) for l in open(path)]
    fails = 0
    out = []
    for it in items:
        result, hist, lines, states = run(it['code'], it['call'])
        probs = []
        if repr(result) != it['returned']:
            probs.append('returned mismatch %r' % (result,))
        if not it['rationale'].rstrip().splitlines()[-1].startswith('Answer: ' + it['answer']):
            probs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: ' + c['quote'])
            if c.get('is_error'):
                continue
            try:
                if not check_claim(c, it, result, hist, lines):
                    probs.append('false claim: ' + c['quote'])
            except Exception as ex:
                probs.append('claim error %s: %s' % (c['quote'], ex))
        if it['label'] == 'faithful':
            if it['direction'] == 'forward' and lit(it['answer']) != result:
                probs.append('forward answer wrong')
            if it['direction'] == 'backward' and plain_eval(it['code'], it['answer']) != result:
                probs.append('backward answer wrong')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                probs.append('error quote missing')
            if not check_error(it, result, hist, lines, states):
                probs.append('error not confirmed false')
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                if it['direction'] == 'forward' and lit(it['answer']) != result:
                    probs.append('error copy answer should stay right')
                if it['direction'] == 'backward' and plain_eval(it['code'], it['answer']) != result:
                    probs.append('error copy answer should stay right')
        status = 'PASS' if not probs else 'FAIL'
        if probs:
            fails += 1
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('TOTAL %d items, %d failed' % (len(items), fails))
    print('\n'.join(out))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
