"""Standalone checker for w20 narrations: re-executes each program with sys.settrace."""
import json, sys, copy, collections, ast

def run_traced(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist = collections.defaultdict(list)
    lines = collections.Counter()
    last = {}
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            try:
                val = copy.deepcopy(v)
            except Exception:
                val = v
            h = hist[k]
            if not h or h[-1] != val:
                h.append(val)
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items():
                    h2 = hist['self.' + a]
                    av = copy.deepcopy(av)
                    if not h2 or h2[-1] != av:
                        h2.append(av)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            # an entry into line N counts when the previous line of this frame was above N
            # (header -> first body line, or outer code -> inner loop header); jumps back
            # from later lines (loop re-tests) do not count
            prev = last.get(id(frame))
            if prev is None or prev < frame.f_lineno:
                lines[frame.f_lineno] += 1
            last[id(frame)] = frame.f_lineno
        if event == 'return':
            last.pop(id(frame), None)
        snap(frame)
        if event == 'return':
            hist['<return:%s>' % frame.f_code.co_name].append(arg)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, lines

def check_claim(c, ns, result, hist, lines):
    what = c['what']
    val = ast.literal_eval(c['value'])
    expr = c.get('expr') or c['quote']
    if what == 'value':
        var = c['variable']
        if var is None:
            return any(val == x for h in hist.values() for x in h)
        return var in hist and any(val == x and type(val) == type(x) or (val == x and isinstance(x, (int, float)) and not isinstance(x, bool)) for x in hist[var])
    if what == 'count':
        var = c['variable']
        if var.startswith('loop@line '):
            return lines[int(var.split()[1])] == val
        raise ValueError('bad count var ' + var)
    if what in ('comparison', 'arith'):
        return eval(expr, {}) == val
    if what == 'return':
        return result == val
    if what == 'call':
        return eval(expr, dict(ns)) == val
    raise ValueError(what)

def main(path):
    items = [json.loads(l) for l in open(path)]
    fails = []
    cnt = collections.Counter()
    for it in items:
        probs = []
        ns, result, hist, lines = run_traced(it['code'], it['call'])
        if repr(result) != it['returned']:
            probs.append('returned mismatch %r' % (result,))
        if it['function'] + '(' not in it['call'] and it['function'] not in it['call']:
            probs.append('function not in call')
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']) and 'Answer: ' + it['answer'] not in it['rationale'].rstrip().splitlines()[-1]:
            probs.append('answer line mismatch')
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == result
        else:
            ns2, r2, _, _ = run_traced(it['code'], it['answer'])
            ans_ok = r2 == result and it['answer'].startswith(it['function'].split('.')[0]) or (r2 == result and it['function'] in it['answer'])
        err = it.get('error')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: %r' % c['quote'])
                continue
            ok = check_claim(c, ns, result, hist, lines)
            is_err = err is not None and c['quote'] == err['quote']
            if it['label'] == 'faithful' or not is_err:
                if not ok and not (err and err.get('carried') and c.get('carried')):
                    probs.append('claim false: %r' % c)
            else:
                if ok:
                    probs.append('error claim is actually TRUE: %r' % c)
        if it['label'] == 'faithful':
            if not ans_ok:
                probs.append('answer wrong')
            if err is not None or it['faithful_id'] is not None:
                probs.append('faithful with error')
        else:
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            if err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('wrong answer is right')
            else:
                if not ans_ok:
                    probs.append('answer wrong in non-answer error')
                if not any(c['quote'] == err['quote'] for c in it['claims']):
                    probs.append('error claim not annotated')
            cnt[err['kind']] += 1
        cnt[(it['direction'], it['label'])] += 1
        status = 'OK  ' if not probs else 'FAIL'
        print(status, it['id'], it['trace_events'], it['style'], it['family'], '' if not err else err['kind'])
        for p in probs:
            print('    ', p)
        if probs:
            fails.append(it['id'])
    print()
    print('items:', len(items), 'failures:', len(fails))
    for k, v in sorted(cnt.items(), key=str):
        print(' ', k, v)
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'))
