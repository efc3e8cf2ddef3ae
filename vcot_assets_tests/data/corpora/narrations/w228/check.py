"""Standalone checker for w228 narrations: runs each program under sys.settrace and checks claims."""
import json, sys, re, ast, copy
from collections import defaultdict

FN = '<w228prog>'

def canon(v):
    if isinstance(v, (set, frozenset)):
        return 'set' + repr(sorted(v))
    return repr(v)

def snap(frame):
    d = {}
    for k, v in frame.f_locals.items():
        if hasattr(v, '__dict__') and not callable(v) and type(v).__module__ != 'builtins':
            for a, av in vars(v).items():
                d[k + '.' + a] = canon(av)
        if k != 'self':
            d[k] = canon(v)
    return d

def run(code, call):
    ns = {'__name__': 'w228prog'}
    exec(compile(code, FN, 'exec'), ns)
    events = []            # (lineno, snapshot) for each line event, in order
    hist = defaultdict(list)   # var -> list of reprs (changes, per frame, time order)
    last = {}
    serial = {}
    keep = []
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        def record():
            s = snap(frame)
            key = id(frame)
            prev = last.setdefault(key, {})
            for k, v in s.items():
                if prev.get(k) != v:
                    hist[k].append(v)
            last[key] = s
            return s
        if event == 'call':
            keep.append(frame)
        if event == 'line':
            if id(frame) not in serial:
                keep.append(frame)
                serial[id(frame)] = len(serial) + 1
            fid = serial[id(frame)]
            events.append((frame.f_lineno, record(), fid))
        elif event == 'return':
            record()
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, events, hist

def norm(v):
    try:
        return canon(ast.literal_eval(v))
    except Exception:
        return v

def hits(events, line, call=None):
    frames = []
    for l, _, f in events:
        if l == line and f not in frames:
            frames.append(f)
    if call is None:
        return sum(1 for l, _, f in events if l == line)
    return sum(1 for l, _, f in events if l == line and f == frames[call - 1])

def at_value(events, line, k, var):
    n = 0
    for l, s, _ in events:
        if l == line:
            n += 1
            if n == k:
                return s.get(var)
    raise KeyError((line, k))

def count_of(events, spec):
    kind, rest = spec.split('@line ')
    call = None
    if ' call ' in rest:
        rest, call = rest.split(' call ')
        call = int(call)
    line = int(rest)
    return hits(events, line, call) - 1 if kind == 'loop' else hits(events, line, call)

def arith_parts(q):
    q = q.replace('`', '').strip()
    if ' is ' in q:
        lhs, rhs = q.rsplit(' is ', 1)
    else:
        segs = re.split(r'(?<![=<>!])=(?!=)', q)
        lhs, rhs = segs[-2], segs[-1]
    m = re.search(r"(min\(|max\(|-?\d|\()", lhs)
    lhs = lhs[m.start():]
    return lhs.strip(), rhs.strip()

def eval_arith(q):
    lhs, rhs = arith_parts(q)
    return eval(lhs, {}), rhs

def claim_true(c, ns, result, events, hist, direction):
    w = c['what']
    if 'expr' in c and w in ('value', 'arith'):
        return canon(eval(c['expr'], {})) == norm(c['value'])
    if w == 'value':
        var = c['variable']
        if 'at' in c:
            return at_value(events, c['at']['line'], c['at']['hit'], var) == norm(c['value'])
        if 'snapshots' in c:
            vals = [at_value(events, c['snapshots']['line'], k, var) for k in c['snapshots']['hits']]
            return vals == [repr(x) for x in ast.literal_eval(c['value'])]
        if c.get('sequence'):
            seq = [repr(x) for x in ast.literal_eval(c['value'])]
            h = hist[var]
            return any(h[i:i + len(seq)] == seq for i in range(len(h)))
        return norm(c['value']) in hist[var]
    if w == 'count':
        return count_of(events, c['variable']) == int(c['value'])
    if w == 'comparison':
        return eval(c.get('expr') or c['quote'].replace('`', ''), {}) == ast.literal_eval(c['value'])
    if w == 'arith':
        v, rhs = eval_arith(c['quote'])
        return repr(v) == norm(c['value'])
    if w == 'return':
        return repr(result) == norm(c['value'])
    if w == 'call':
        return repr(eval(c['quote'], ns)) == norm(c['value'])
    raise ValueError(w)

def check_error(item, ns, result, events, hist):
    e = item['error']; k = e['kind']; probs = []
    if k == 'wrong_arithmetic':
        v, rhs = eval_arith(e['quote'])
        if not (repr(v) == norm(e['actual']) and norm(e['stated']) != repr(v)): probs.append('arith not wrong')
    elif k == 'branch_not_taken':
        v = eval(e['expr'], {})
        if not (v == ast.literal_eval(e['actual']) and v != ast.literal_eval(e['stated'])): probs.append('branch ok')
    elif k == 'wrong_final_answer':
        if repr(ast.literal_eval(item['answer'])) == repr(result): probs.append('answer right')
    elif k == 'backward_wrong_input':
        if repr(eval(item['answer'], ns)) == item['returned']: probs.append('backward answer right')
    elif k == 'off_by_one_loop_count':
        real = count_of(events, e['loop'])
        if not (real == int(e['actual']) and abs(int(e['stated']) - real) == 1): probs.append('count')
    elif k in ('wrong_intermediate_right_answer', 'wrong_loop_summary_value'):
        real = at_value(events, e['at']['line'], e['at']['hit'], e['variable'])
        st, ac = norm(e.get('stated_value', e['stated'])), norm(e.get('actual_value', e['actual']))
        if not (real == ac and real != st): probs.append('value at point')
        if k == 'wrong_intermediate_right_answer':
            if item['direction'] == 'forward':
                ok = repr(ast.literal_eval(item['answer'])) == repr(result)
            else:
                ok = repr(eval(item['answer'], ns)) == item['returned']
            if not ok:
                probs.append('final answer should stay right')
    elif k == 'swapped_variables':
        for ch in e['checks']:
            real = at_value(events, ch['at']['line'], ch['at']['hit'], ch['variable'])
            if real == norm(ch['stated']): probs.append('swap not wrong ' + ch['variable'])
    elif k == 'impossible_state':
        allvals = [v for vs in hist.values() for v in vs]
        if norm(e['stated']) in hist.get(e['variable'], []) or norm(e['actual']) not in allvals: probs.append('impossible')
    else:
        probs.append('unknown kind')
    if e.get('held_elsewhere'):
        allvals = set(v for vs in hist.values() for v in vs)
        if norm(e.get('stated_value', e['stated'])) not in allvals: probs.append('held_elsewhere but value never held')
    return probs

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    lines = []; bad = 0
    for it in items:
        ns, result, events, hist = run(it['code'], it['call'])
        probs = []
        if repr(result) != it['returned']: probs.append('returned mismatch')
        if len(events) == 0: probs.append('no events')
        if not it['rationale'].rstrip().endswith(it['answer']): probs.append('answer line mismatch')
        if it['label'] == 'faithful':
            if it['direction'] == 'forward' and repr(ast.literal_eval(it['answer'])) != repr(result):
                probs.append('forward answer wrong')
            if it['direction'] == 'backward' and repr(eval(it['answer'], ns)) != it['returned']:
                probs.append('backward answer wrong')
        for c in it['claims']:
            if c['quote'] not in it['rationale']: probs.append('quote missing: ' + c['quote'])
            ok = claim_true(c, ns, result, events, hist, it['direction'])
            is_err = bool(c.get('is_error'))
            if c.get('carried'):
                continue
            if is_err and ok: probs.append('error claim is true: ' + c['quote'])
            if not is_err and not ok: probs.append('claim false: ' + c['quote'])
        if it['label'] == 'error':
            if not any(c.get('is_error') for c in it['claims']) and it['error']['kind'] != 'wrong_final_answer':
                probs.append('no error claim')
            if it['error']['quote'] not in it['rationale']: probs.append('error quote missing')
            probs += check_error(it, ns, result, events, hist)
        status = 'PASS' if not probs else 'FAIL ' + '; '.join(probs)
        bad += bool(probs)
        lines.append(f"{it['id']}: {status}")
    lines.append(f"TOTAL {len(items)} items, {len(items) - bad} pass, {bad} fail")
    open('check_report.txt', 'w').write('\n'.join(lines) + '\n')
    print('\n'.join(lines))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
