#!/usr/bin/env python3
"""Standalone checker for w19 narrations: re-executes every program with sys.settrace
(no trace script, no tool code) and checks returned values, claims, answers and errors."""
import ast, re, copy, json, sys, collections

FN = '<prog>'

def snap(d):
    out = {}
    for k, v in d.items():
        try:
            out[k] = copy.deepcopy(v)
        except Exception:
            out[k] = v
    return out

def run_traced(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    events = []          # (frame_key, func_name, kind, lineno, snapshot, retval)
    calls = collections.Counter()
    def local(frame, event, arg):
        key = id(frame)
        if event == 'line':
            events.append((key, frame.f_code.co_name, 'line', frame.f_lineno, snap(frame.f_locals), None))
        elif event == 'return':
            events.append((key, frame.f_code.co_name, 'return', frame.f_lineno, snap(frame.f_locals), copy.deepcopy(arg)))
        return local
    def glob(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        calls[frame.f_code.co_name] += 1
        events.append((id(frame), frame.f_code.co_name, 'call', frame.f_lineno, snap(frame.f_locals), None))
        return local
    sys.settrace(glob)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, events, calls, ns

def plain_call(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    return eval(call, ns)

def history(events, expr):
    # 'EXPR@N' restricts the snapshots to line events of line N (state just before line N runs)
    m = re.match(r'^(.*)@(\d+)$', expr)
    line = None
    if m:
        expr, line = m.group(1), int(m.group(2))
    vals = []
    for ev in events:
        if line is not None and not (ev[2] == 'line' and ev[3] == line):
            continue
        try:
            v = eval(expr, {}, dict(ev[4]))
        except Exception:
            continue
        vals.append(v)
    return vals

def loop_count(code, events, line):
    tree = ast.parse(code)
    body_line = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.While)) and node.lineno == line:
            body_line = node.body[0].lineno
    if body_line is None:
        raise ValueError('no loop at line %d' % line)
    per_frame = collections.defaultdict(list)
    for ev in events:
        if ev[2] == 'line':
            per_frame[ev[0]].append(ev[3])
    n = 0
    for seq in per_frame.values():
        for a, b in zip(seq, seq[1:]):
            if a == line and b == body_line:
                n += 1
    return n

def eq(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) == type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) == type(b) and a == b

def check_claim(c, code, events, calls, returned):
    """Return (ok, detail): ok is True if the claim is true of the execution."""
    what, var, val = c['what'], c.get('variable'), c['value']
    v = ast.literal_eval(val)
    if what == 'value':
        if var.endswith('@each'):
            # successive (change) values of a variable; the claimed list must appear in order
            hist = history(events, var[:-5])
            seq = [h for i, h in enumerate(hist) if i == 0 or not eq(h, hist[i - 1])]
            want = [x for i, x in enumerate(v) if i == 0 or not eq(x, v[i - 1])]
            it = iter(seq)
            return all(any(eq(x, y) for y in it) for x in want), 'successive values %r' % (seq,)
        hist = history(events, var)
        return any(eq(h, v) for h in hist), 'history has %d values' % len(hist)
    if what == 'count':
        if var.startswith('loop@line'):
            n = loop_count(code, events, int(var.split()[-1]))
        elif var.startswith('calls@'):
            n = calls[var[6:]]
        else:
            raise ValueError(var)
        return n == v, 'actual count %d' % n
    if what == 'arith':
        q = c['quote'].replace('`', '')
        parts = re.split(r'(?<![=<>!])=(?!=)| is | gives ', q)
        expr = parts[-2] if len(parts) >= 2 else parts[0]
        got = eval(expr.strip(), {})
        return eq(got, v), 'evaluates to %r' % (got,)
    if what == 'comparison':
        if var:
            hist = history(events, var)
            return any(eq(h, v) for h in hist), 'values of %s: %s' % (var, sorted(set(map(repr, hist))))
        got = eval(c['quote'].strip('` '), {})
        return got == v, 'evaluates to %r' % (got,)
    if what == 'return':
        if var:
            rets = [ev[5] for ev in events if ev[2] == 'return' and ev[1] == var]
            return any(eq(r, v) for r in rets), 'returns of %s: %r' % (var, rets)
        return eq(returned, v), 'returned %r' % (returned,)
    if what == 'call':
        return eq(calls[var], v), 'calls %d' % calls[var]
    raise ValueError(what)

def main(path):
    items = [json.loads(l) for l in open(path)]
    byid = {it['id']: it for it in items}
    cache = {}
    fails = 0
    lines = []
    for it in items:
        probs = []
        key = (it['code'], it['call'])
        if key not in cache:
            cache[key] = run_traced(it['code'], it['call'])
        result, events, calls, ns = cache[key]
        if repr(result) != it['returned']:
            probs.append('returned mismatch %r vs %s' % (result, it['returned']))
        rat = it['rationale']
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            probs.append('answer field does not match last line')
        for c in it['claims']:
            if c['quote'] not in rat:
                probs.append('quote not in rationale: %r' % c['quote'])
        err = it.get('error')
        # answer check
        if it['direction'] == 'forward':
            ans_ok = eq(ast.literal_eval(it['answer']), result)
        else:
            try:
                ans_ok = eq(plain_call(it['code'], it['answer']), result)
            except Exception as e:
                ans_ok = False
        if it['label'] == 'faithful':
            if it.get('faithful_id') is not None or err is not None:
                probs.append('faithful item has error/faithful_id')
            if not ans_ok:
                probs.append('answer wrong: %s' % it['answer'])
            for c in it['claims']:
                ok, det = check_claim(c, it['code'], events, calls, result)
                if not ok:
                    probs.append('false claim %r (%s)' % (c, det))
        else:
            f = byid.get(it['faithful_id'])
            if f is None:
                probs.append('missing faithful item')
            if err['quote'] not in rat:
                probs.append('error quote not in rationale')
            kind = err['kind']
            if kind in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('error answer is actually right')
                if kind == 'wrong_final_answer' and it['direction'] != 'forward':
                    probs.append('wrong_final_answer on backward item')
                if kind == 'backward_wrong_input' and it['direction'] != 'backward':
                    probs.append('backward_wrong_input on forward item')
            else:
                if not ans_ok and not err.get('carried'):
                    probs.append('answer should stay right for %s' % kind)
                inside = [c for c in it['claims'] if c['quote'] in err['quote'] or err['quote'] in c['quote']]
                if not inside:
                    probs.append('no claim annotates the error')
                res = [check_claim(c, it['code'], events, calls, result) for c in inside]
                if all(ok for ok, _ in res):
                    probs.append('error claim is actually true: %r %r' % (inside, res))
                if not err.get('carried'):
                    for c in it['claims']:
                        if c in inside:
                            continue
                        ok, det = check_claim(c, it['code'], events, calls, result)
                        if not ok:
                            probs.append('non-error claim false in non-carried copy %r (%s)' % (c, det))
            # the copy must differ from the faithful text
            if f is not None and f['rationale'] == rat:
                probs.append('error copy identical to faithful')
        status = 'PASS' if not probs else 'FAIL'
        if probs:
            fails += 1
        lines.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    lines.append('TOTAL %d items, %d failing' % (len(items), fails))
    print('\n'.join(lines))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
